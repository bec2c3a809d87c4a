using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>Harvest runs waiting to be executed by <see cref="HarvestWorker"/>.</summary>
public sealed class HarvestDispatcher
{
    private readonly Channel<long> _runs = Channel.CreateUnbounded<long>();

    public void Enqueue(long runId)
    {
        if (!_runs.Writer.TryWrite(runId))
        {
            throw new InvalidOperationException("The harvest queue is closed.");
        }
    }

    public ChannelReader<long> Reader => _runs.Reader;

    /// <summary>Runs queued and not yet taken by a worker.</summary>
    public int QueueLength => _runs.Reader.Count;
}

/// <summary>Executes queued harvest runs in the background, a few at a time.</summary>
public sealed class HarvestWorker(
    HarvestDispatcher queue,
    HarvestRunner runner,
    CatalogStore store,
    IOptions<SearchHostOptions> options,
    ILogger<HarvestWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.ConcurrentHarvests).Select(_ => WorkAsync(stoppingToken));
        return Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var runId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await runner.ExecuteAsync(runId, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // One broken run must not stop the worker that serves every other source.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogError(ex, "Harvest run {RunId} crashed", runId);
                    await store.FinishRunAsync(runId, RunStatus.Failed, [$"Internal error: {ex.Message}"], CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

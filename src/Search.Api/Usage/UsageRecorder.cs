using System.Threading.Channels;

namespace Search.Api.Usage;

/// <summary>
/// Queues usage events and writes them in batches from the background, so that a search never waits for the
/// log. <see cref="FlushAsync"/> waits until everything queued before it is stored (reports call it first).
/// </summary>
public sealed class UsageRecorder(UsageStore store, ILogger<UsageRecorder> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    private int _queued;

    public void Record(UsageEvent usage)
    {
        if (_queue.Writer.TryWrite(usage))
        {
            Interlocked.Increment(ref _queued);
        }
    }

    /// <summary>Events waiting to be written.</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    public async Task FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(done))
        {
            return;
        }

        await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UsageEvent>();
        var waiting = new List<TaskCompletionSource>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
                {
                    if (item is UsageEvent e)
                    {
                        Interlocked.Decrement(ref _queued);
                        batch.Add(e);
                    }
                    else if (item is TaskCompletionSource flush)
                    {
                        waiting.Add(flush);
                        break;
                    }
                }

                await WriteAsync(batch, stoppingToken);
                waiting.ForEach(w => w.TrySetResult());
                waiting.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryRead(out var item))
            {
                if (item is UsageEvent e)
                {
                    batch.Add(e);
                }
            }

            await WriteAsync(batch, CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<UsageEvent> batch, CancellationToken ct)
    {
        try
        {
            await store.AppendAsync(batch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store {Count} usage events", batch.Count);
        }

        batch.Clear();
    }
}

using Search.Indexer.Writing;

namespace Search.Api.Hosting;

/// <summary>Keeps the Lucene index in step with the catalogue's change log, waking at every committed batch.</summary>
public sealed class IndexSyncService(IndexSynchronizer synchronizer, ILogger<IndexSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await synchronizer.RunAsync(stoppingToken, ex => logger.LogError(ex, "Index synchronization failed; retrying"));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

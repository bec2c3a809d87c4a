using Search.Ingestion.Storage;

namespace Search.Indexer.Writing;

/// <summary>
/// Keeps the index in step with the catalogue: reads the change feed after the index's last committed
/// change id, loads the changed records and applies them in chunks. The host runs <see cref="RunAsync"/>
/// in a BackgroundService; Ingestion calls <see cref="ChangeSignal.Notify"/> after each committed batch.
/// One synchronizer per index.
/// </summary>
public sealed class IndexSynchronizer
{
    private readonly IRecordChangeFeed _feed;
    private readonly ChangeSignal _signal;
    private readonly CatalogIndex _index;
    private readonly int _chunkSize;
    private readonly TimeSpan _idleWait;

    public IndexSynchronizer(IRecordChangeFeed feed, ChangeSignal signal, CatalogIndex index, int chunkSize = 500, TimeSpan? idleWait = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _feed = feed;
        _signal = signal;
        _index = index;
        _chunkSize = chunkSize;
        _idleWait = idleWait ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Applies every change the feed has after the index's last id; returns how many were applied.</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var after = _index.LastAppliedChangeId;
            var changes = await _feed.ReadChangesAsync(after, _chunkSize, cancellationToken);
            var fresh = changes.Where(c => c.ChangeId > after).ToList();
            if (fresh.Count == 0)
            {
                return applied;
            }

            var ids = fresh.Where(c => !c.Deleted).Select(c => c.RecordId).Distinct(StringComparer.Ordinal).ToList();
            var records = ids.Count == 0 ? [] : await _feed.GetRecordsAsync(ids, cancellationToken);
            applied += _index.Apply(fresh, records);
            if (changes.Count < _chunkSize)
            {
                return applied;
            }
        }
    }

    /// <summary>
    /// Syncs, then waits for the change signal (or the idle wait), until cancelled. A failed sync is passed
    /// to <paramref name="onError"/> (the host logs it) and retried after the wait; without a handler it ends the loop.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, Action<Exception>? onError = null)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (onError is not null && ex is not OperationCanceledException)
            {
                onError(ex);
            }

            await _signal.WaitAsync(_idleWait, cancellationToken);
        }
    }
}

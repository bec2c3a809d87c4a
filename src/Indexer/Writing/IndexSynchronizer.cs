using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Indexer.Writing;

/// <summary>
/// Keeps the index in step with the catalogue: reads the change feed after the index's last indexed
/// change id, loads the changed records and applies them in chunks, reading the next chunk while the current
/// one is analyzed. Chunks in the middle of the log are only given to the writer; when the log is drained the
/// index is published (searchers refreshed, commit with the last change id). The host runs
/// <see cref="RunAsync"/> in a BackgroundService; Ingestion calls <see cref="ChangeSignal.Notify"/> after each
/// committed batch. One synchronizer per index.
/// </summary>
public sealed class IndexSynchronizer
{
    private readonly IRecordChangeFeed _feed;
    private readonly ChangeSignal _signal;
    private readonly CatalogIndex _index;
    private readonly int _chunkSize;
    private readonly TimeSpan _idleWait;
    private readonly TimeSpan _settleWhenQuietFor;

    /// <param name="settleWhenQuietFor">How long the change log must bring nothing before the index settles (<see cref="CatalogIndexOptions.SettleWhenQuietFor"/>).</param>
    public IndexSynchronizer(IRecordChangeFeed feed, ChangeSignal signal, CatalogIndex index, int chunkSize = 2000, TimeSpan? idleWait = null, TimeSpan? settleWhenQuietFor = null)
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
        _settleWhenQuietFor = settleWhenQuietFor ?? new CatalogIndexOptions().SettleWhenQuietFor;
    }

    /// <summary>Applies every change the feed has after the index's last id and publishes them; returns how many were applied.</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        var after = _index.IndexedChangeId;
        var next = ReadChunkAsync(after, cancellationToken);
        while (true)
        {
            var (changes, records) = await next;
            cancellationToken.ThrowIfCancellationRequested();
            var fresh = changes.Where(c => c.ChangeId > after).ToList();
            if (fresh.Count == 0)
            {
                _index.Publish();
                return applied;
            }

            var drained = changes.Count < _chunkSize;
            after = fresh[^1].ChangeId;
            if (drained)
            {
                return applied + _index.Apply(fresh, records, publish: true);
            }

            // The next chunk is read while this one is analyzed; a failed apply leaves that read to finish unobserved.
            next = ReadChunkAsync(after, cancellationToken);
            try
            {
                applied += _index.Apply(fresh, records, publish: false);
            }
            catch
            {
                _ = next.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw;
            }
        }
    }

    /// <summary>
    /// Syncs, then waits for the change signal (or the idle wait), until cancelled. A failed sync is passed
    /// to <paramref name="onError"/> (the host logs it) and retried after the wait; without a handler it ends the loop.
    /// After a large load, once the change log has been quiet for a while, the index settles
    /// (<see cref="CatalogIndex.Settle"/>) in the background while syncing goes on.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, Action<Exception>? onError = null)
    {
        var lastChange = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await SyncOnceAsync(cancellationToken) > 0)
                {
                    lastChange = System.Diagnostics.Stopwatch.GetTimestamp();
                }
                else if (System.Diagnostics.Stopwatch.GetElapsedTime(lastChange) >= _settleWhenQuietFor && _index.ShouldSettle)
                {
                    _ = Task.Run(() => SettleInBackground(onError), CancellationToken.None);
                }
            }
            catch (Exception ex) when (onError is not null && ex is not OperationCanceledException)
            {
                onError(ex);
            }

            await _signal.WaitAsync(_idleWait, cancellationToken);
        }
    }

    private void SettleInBackground(Action<Exception>? onError)
    {
        try
        {
            _index.Settle();
        }
        catch (Exception ex) when (onError is not null)
        {
            onError(ex);
        }
    }

    private async Task<(IReadOnlyList<RecordChange> Changes, IReadOnlyList<CatalogRecord> Records)> ReadChunkAsync(long after, CancellationToken cancellationToken)
    {
        // Off the caller's thread, so reading the next chunk overlaps analyzing this one.
        await Task.Yield();
        var changes = await _feed.ReadChangesAsync(after, _chunkSize, cancellationToken);
        var ids = changes.Where(c => c.ChangeId > after && !c.Deleted).Select(c => c.RecordId).Distinct(StringComparer.Ordinal).ToList();
        var records = ids.Count == 0 ? [] : await _feed.GetRecordsAsync(ids, cancellationToken);
        return (changes, records);
    }
}

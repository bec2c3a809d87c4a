using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>One entry of the catalogue's change log: a record was created, changed or removed.</summary>
/// <param name="ChangeId">Increasing id; the index remembers the last one it applied.</param>
/// <param name="RecordId">The record concerned.</param>
/// <param name="Deleted">True when the record left the catalogue.</param>
public sealed record RecordChange(long ChangeId, string RecordId, bool Deleted);

/// <summary>
/// What the index reads from the catalogue: the change log and the records themselves. Ingestion owns it;
/// the Indexer consumes it, and the host wires the two together.
/// </summary>
public interface IRecordChangeFeed
{
    /// <summary>Changes with an id greater than <paramref name="afterChangeId"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RecordChange>> ReadChangesAsync(long afterChangeId, int max, CancellationToken cancellationToken);

    /// <summary>The current (not deleted) records among <paramref name="ids"/>; missing ids are left out.</summary>
    Task<IReadOnlyList<CatalogRecord>> GetRecordsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}

/// <summary>
/// Wakes whoever waits for catalogue changes (the index synchronizer) as soon as a batch is committed,
/// so a harvested batch is searchable within seconds without polling hard. A notice given while nobody
/// waits is kept for the next wait (a batch committed during a sync is never missed until the timeout).
/// </summary>
public sealed class ChangeSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Tells waiters that new changes were committed.</summary>
    public void Notify()
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = _next;
        }

        current.TrySetResult();
    }

    /// <summary>Completes at the next <see cref="Notify"/> (at once if one came since the last wait), or when the timeout passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
        {
            next = _next.Task;
            if (next.IsCompleted)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return;
            }
        }

        await Task.WhenAny(next, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (ReferenceEquals(_next.Task, next) && next.IsCompleted)
            {
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}

using Dapper;
using Search.Ingestion.Merge;
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

/// <summary>
/// What the index (and the record pages) read of the catalogue: the change log and the works it names, each
/// composed from its holdings; single records. Reads in chunks with one statement text per chunk, never a
/// query per record.
/// </summary>
public sealed class CatalogChangeFeed : IRecordChangeFeed
{
    private readonly Database _database;
    private readonly WorkComposer _composer;

    public CatalogChangeFeed(Database database, MergeOptions? merge = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _composer = new WorkComposer(merge ?? new MergeOptions());
    }

    public async Task<StoredRecord?> GetRecordAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Json, string UpdatedAt)>(
            "SELECT record_json, updated_at FROM records WHERE id = @id", new { id });
        return row.Json is null ? null : new StoredRecord(RecordJson.Deserialize(row.Json), Clock.Parse(row.UpdatedAt));
    }

    /// <summary>The id of the newest change in the change log (0 when it is empty): an index that has applied it is caught up.</summary>
    public async Task<long> LatestChangeIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM changes") ?? 0;
    }

    public async Task<long> CountRecordsAsync(string? sourceId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return sourceId is null
            ? await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM records")
            : await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM records WHERE source_id = @sourceId", new { sourceId });
    }

    public async Task<IReadOnlyList<RecordChange>> ReadChangesAsync(long afterChangeId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string RecordId, long Deleted)>(
            "SELECT id, record_id, deleted FROM changes WHERE id > @afterChangeId ORDER BY id LIMIT @max",
            new { afterChangeId, max });
        return rows.Select(r => new RecordChange(r.Id, r.RecordId, r.Deleted != 0)).ToList();
    }

    /// <summary>
    /// The works among <paramref name="ids"/> (work ids, as the change log carries them), each composed
    /// from its holdings with <see cref="CatalogRecord.Holdings"/> filled; works without holdings are left out.
    /// </summary>
    public async Task<IReadOnlyList<CatalogRecord>> GetRecordsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new List<CatalogRecord>(ids.Count);
        if (ids.Count == 0)
        {
            return result;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var rows = await connection.QueryAsync<(string WorkId, string Json)>(
                "SELECT work_id, record_json FROM records WHERE " + _database.InList("work_id", "ids"), new { ids = _database.ListValue(chunk) });
            result.AddRange(rows
                .GroupBy(r => r.WorkId, StringComparer.Ordinal)
                .Select(g => _composer.Compose(g.Key, g.Select(r => RecordJson.Deserialize(r.Json)).ToList())));
        }

        return result;
    }
}

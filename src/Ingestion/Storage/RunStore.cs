using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Search.Ingestion.Storage;

/// <summary>Harvest runs (the <c>harvest_runs</c> table; the batches add to their counters) and what they quarantined.</summary>
public sealed class RunStore
{
    private readonly Database _database;
    private readonly TimeProvider _time;

    public RunStore(Database database, TimeProvider time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }


    /// <summary>
    /// Records the start of a run; fails if the source already has a run going. The check is backed by a unique
    /// index over running runs, so two processes starting a run of one source at once cannot both succeed.
    /// </summary>
    public async Task<long> StartRunAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (await RunningAsync(connection, sourceId, tx) is { } existing)
            {
                throw new RunAlreadyActiveException(sourceId, existing);
            }

            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO harvest_runs (source_id, status, started_at, errors)
                VALUES (@sourceId, @Running, @Now, '[]') RETURNING id
                """,
                new { sourceId, RunStatus.Running, Now = Clock.Format(_time.GetUtcNow()) },
                tx);
            await tx.CommitAsync(cancellationToken);
            return id;
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            await using var connection = await _database.OpenAsync(cancellationToken);
            throw new RunAlreadyActiveException(sourceId, await RunningAsync(connection, sourceId, null) ?? 0);
        }
    }

    private static Task<long?> RunningAsync(DbConnection connection, string sourceId, DbTransaction? tx) =>
        connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM harvest_runs WHERE source_id = @sourceId AND status = @Running",
            new { sourceId, RunStatus.Running },
            tx);

    private static bool IsUniqueViolation(DbException ex) =>
        ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };

    /// <summary>
    /// Ends a run that is still running as <paramref name="status"/>. A run that has ended already (a librarian
    /// cancelled it meanwhile) keeps its status.
    /// </summary>
    public async Task FinishRunAsync(long runId, string status, IReadOnlyList<string> errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE harvest_runs SET status = @status, finished_at = @Now, errors = @Errors WHERE id = @runId AND status = @Running",
            new { runId, status, RunStatus.Running, Now = Clock.Format(_time.GetUtcNow()), Errors = JsonSerializer.Serialize(errors) });
    }

    /// <summary>
    /// Marks a running run cancelled (with <paramref name="reason"/> in its errors); false when it is not running.
    /// Its batches so far and the checkpoint they moved stay; the process executing it stops at its next batch.
    /// </summary>
    public async Task<bool> CancelRunAsync(long runId, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE harvest_runs SET status = @Cancelled, finished_at = @Now, errors = @Errors WHERE id = @runId AND status = @Running",
            new { runId, RunStatus.Cancelled, RunStatus.Running, Now = Clock.Format(_time.GetUtcNow()), Errors = JsonSerializer.Serialize(new[] { reason }) }) > 0;
    }

    /// <summary>Runs left "running" by a process that died; the caller marks them failed and resumes their sources.</summary>
    public async Task<IReadOnlyList<HarvestRunInfo>> ListRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(RunSelect + " WHERE status = @Running ORDER BY id", new { RunStatus.Running });
        return rows.Select(r => r.ToInfo()).ToList();
    }

    public async Task<HarvestRunInfo?> GetRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(RunSelect + " WHERE id = @runId", new { runId });
        return row?.ToInfo();
    }

    public async Task<IReadOnlyList<HarvestRunInfo>> ListRunsAsync(string sourceId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(
            RunSelect + " WHERE source_id = @sourceId ORDER BY id DESC LIMIT @limit", new { sourceId, limit });
        return rows.Select(r => r.ToInfo()).ToList();
    }

    private const string RunSelect =
        """
        SELECT id AS Id, source_id AS SourceId, status AS Status, started_at AS StartedAt, finished_at AS FinishedAt,
               harvested AS Harvested, new_count AS NewCount, updated_count AS UpdatedCount,
               deleted_count AS DeletedCount, quarantined AS Quarantined, errors AS Errors
        FROM harvest_runs
        """;

    private sealed class RunRow
    {
        public long Id { get; set; }
        public string SourceId { get; set; } = "";
        public string Status { get; set; } = "";
        public string StartedAt { get; set; } = "";
        public string? FinishedAt { get; set; }
        public long Harvested { get; set; }
        public long NewCount { get; set; }
        public long UpdatedCount { get; set; }
        public long DeletedCount { get; set; }
        public long Quarantined { get; set; }
        public string Errors { get; set; } = "[]";

        public HarvestRunInfo ToInfo() => new(
            Id,
            SourceId,
            Status,
            Clock.Parse(StartedAt),
            FinishedAt is null ? null : Clock.Parse(FinishedAt),
            (int)Harvested,
            (int)NewCount,
            (int)UpdatedCount,
            (int)DeletedCount,
            (int)Quarantined,
            JsonSerializer.Deserialize<List<string>>(Errors) ?? []);
    }


    public async Task<IReadOnlyList<QuarantinedRecord>> ListQuarantineAsync(string sourceId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string SourceId, long RunId, string? ExternalId, string Reason, string? Payload, string CreatedAt)>(
            """
            SELECT id, source_id, run_id, external_id, reason, payload, created_at FROM quarantine
            WHERE source_id = @sourceId ORDER BY id DESC LIMIT @limit
            """,
            new { sourceId, limit });
        return rows.Select(r => new QuarantinedRecord(r.Id, r.SourceId, r.RunId, r.ExternalId, r.Reason, r.Payload, Clock.Parse(r.CreatedAt))).ToList();
    }
}

/// <summary>A harvest was asked for while the source already has one going.</summary>
public sealed class RunAlreadyActiveException : Exception
{
    public RunAlreadyActiveException()
    {
    }

    public RunAlreadyActiveException(string message)
        : base(message)
    {
    }

    public RunAlreadyActiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunAlreadyActiveException(string sourceId, long runId)
        : base($"Source '{sourceId}' already has harvest run {runId} in progress.")
    {
        RunId = runId;
    }

    public long RunId { get; }
}

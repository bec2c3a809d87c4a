using System.Data.Common;
using System.Text.Json;
using Dapper;
using Search.Connectors.Harvesting;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>
/// The catalogue's data layer: sources, runs, raw and mapped records, quarantine and the change log (users,
/// entitlement and usage are Search.Api's own tables). Every batch of a harvest is committed in one transaction
/// together with its checkpoint and the run's counters, so a run killed at any moment resumes without losing
/// or duplicating a record.
/// </summary>
public sealed partial class CatalogStore : IRecordChangeFeed
{
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly MergeOptions _merge;
    private readonly MatchRules _rules;
    private readonly WorkComposer _composer;
    private readonly BatchWriter _batches;
    private readonly MatchProfileCache _profiles = new();

    public CatalogStore(Database database, TimeProvider time, MergeOptions? merge = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _merge = merge ?? new MergeOptions();
        _rules = new MatchRules(_merge);
        _composer = new WorkComposer(_merge);
        _batches = new BatchWriter(_database, _time, _rules, _merge, _profiles);
    }

    public Database Database => _database;

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = await Migrator.MigrateAsync(_database, _time, cancellationToken);
        if (applied.Contains(WorksMigration))
        {
            // Records stored before works existed get their match keys and works now.
            await RematchAllAsync(cancellationToken: cancellationToken);
        }

        return applied;
    }

    private const int WorksMigration = 2;

    // ---- sources -------------------------------------------------------------------------------

    /// <summary>Creates or replaces a source's definition; its checkpoint and records are kept.</summary>
    /// <returns>True when the source was created.</returns>
    public async Task<bool> UpsertSourceAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = Clock.Format(_time.GetUtcNow());
        await using var connection = await _database.OpenAsync(cancellationToken);
        var existed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sources WHERE id = @Id", new { source.Id }) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO sources (id, name, connector, settings, schedule, checkpoint, created_at, updated_at)
            VALUES (@Id, @Name, @Connector, @Settings, @Schedule, NULL, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, connector = excluded.connector,
                settings = excluded.settings, schedule = excluded.schedule, updated_at = excluded.updated_at
            """,
            new { source.Id, source.Name, source.Connector, Settings = source.Settings.GetRawText(), source.Schedule, Now = now });
        return !existed;
    }

    public async Task<StoredSource?> GetSourceAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(SourceSelect + " WHERE s.id = @id", new { id });
        return row?.ToStored();
    }

    public async Task<IReadOnlyList<StoredSource>> ListSourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SourceRow>(SourceSelect + " ORDER BY s.id");
        return rows.Select(r => r.ToStored()).ToList();
    }

    private const string SourceSelect =
        """
        SELECT s.id AS Id, s.name AS Name, s.connector AS Connector, s.settings AS Settings, s.schedule AS Schedule,
               s.checkpoint AS Checkpoint, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt,
               (SELECT COUNT(*) FROM records r WHERE r.source_id = s.id) AS RecordCount
        FROM sources s
        """;

    private sealed class SourceRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Connector { get; set; } = "";
        public string Settings { get; set; } = "{}";
        public string? Schedule { get; set; }
        public string? Checkpoint { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public long RecordCount { get; set; }

        public StoredSource ToStored()
        {
            using var doc = JsonDocument.Parse(Settings);
            return new StoredSource(
                new SourceDefinition(Id, Name, Connector, doc.RootElement.Clone(), Schedule),
                Checkpoint,
                Clock.Parse(CreatedAt),
                Clock.Parse(UpdatedAt),
                RecordCount);
        }
    }

    // ---- runs ----------------------------------------------------------------------------------

    /// <summary>Records the start of a run; fails if the source already has a run going.</summary>
    public async Task<long> StartRunAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var running = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM harvest_runs WHERE source_id = @sourceId AND status = @Running",
            new { sourceId, RunStatus.Running },
            tx);
        if (running is { } existing)
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

    public async Task FinishRunAsync(long runId, string status, IReadOnlyList<string> errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE harvest_runs SET status = @status, finished_at = @Now, errors = @Errors WHERE id = @runId",
            new { runId, status, Now = Clock.Format(_time.GetUtcNow()), Errors = JsonSerializer.Serialize(errors) });
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

    // ---- batches -------------------------------------------------------------------------------

    /// <summary>
    /// Stores a batch: raw records, mapped records, deletions, quarantine entries, change-log entries,
    /// the run's counters and the source's checkpoint, all in one transaction.
    /// </summary>
    public Task<BatchCounts> CommitBatchAsync(
        string sourceId,
        long runId,
        IReadOnlyList<PreparedRecord> records,
        IReadOnlyList<HarvestProblem> problems,
        string? checkpoint,
        CancellationToken cancellationToken = default) =>
        CommitBatchAsync(sourceId, runId, records, problems, checkpoint, endsCompletePass: false, cancellationToken);

    /// <summary>
    /// Stores a batch like <see cref="CommitBatchAsync(string, long, IReadOnlyList{PreparedRecord}, IReadOnlyList{HarvestProblem}, string?, CancellationToken)"/>,
    /// and marks every record of the batch as seen by the source's pass in progress (which began with the first
    /// batch committed after the last complete pass, whatever run committed it, so a pass survives a killed and
    /// resumed run). When <paramref name="endsCompletePass"/> is set, the source's records that pass did not see are
    /// retired in the same transaction (deleted, with change-log entries) and the next batch begins a new pass.
    /// </summary>
    public Task<BatchCounts> CommitBatchAsync(
        string sourceId,
        long runId,
        IReadOnlyList<PreparedRecord> records,
        IReadOnlyList<HarvestProblem> problems,
        string? checkpoint,
        bool endsCompletePass,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(problems);
        return _batches.CommitAsync(sourceId, runId, records, problems, checkpoint, endsCompletePass, cancellationToken);
    }

    /// <summary>
    /// The external ids among <paramref name="records"/> that the store holds with the same <see cref="Harvesting.RawRecordHash"/>
    /// (as a catalogue record, or as a deletion): a harvest need not map them again.
    /// </summary>
    internal Task<IReadOnlySet<string>> FindUnchangedAsync(
        string sourceId, IReadOnlyList<(string ExternalId, string Hash, bool Deleted)> records, CancellationToken cancellationToken = default) =>
        _batches.FindUnchangedAsync(sourceId, records, cancellationToken);

    // ---- records and the change feed ------------------------------------------------------------

    public async Task<StoredRecord?> GetRecordAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Json, string UpdatedAt)>(
            "SELECT record_json, updated_at FROM records WHERE id = @id", new { id });
        return row.Json is null ? null : new StoredRecord(RecordJson.Deserialize(row.Json), Clock.Parse(row.UpdatedAt));
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

    // ---- quarantine ----------------------------------------------------------------------------

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

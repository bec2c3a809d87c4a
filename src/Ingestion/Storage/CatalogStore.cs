using Dapper;
using Search.Connectors.Harvesting;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>
/// The catalogue's data layer, one owner per concern sharing one <see cref="Storage.Database"/>: sources
/// (<see cref="SourceStore"/>), runs and quarantine (<see cref="RunStore"/>), the batch writer (every batch of a
/// harvest committed in one transaction with its checkpoint and the run's counters, so a run killed at any
/// moment resumes without losing or duplicating a record), works (<see cref="WorkStore"/>) and the change feed
/// (<see cref="CatalogChangeFeed"/>); users, entitlement and usage are Search.Api's own tables. The methods here hand over to those owners.
/// </summary>
public sealed class CatalogStore : IRecordChangeFeed
{
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly BatchWriter _batches;

    public CatalogStore(Database database, TimeProvider time, MergeOptions? merge = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var options = merge ?? new MergeOptions();
        var candidates = new CandidateCache();
        Sources = new SourceStore(_database, _time);
        Runs = new RunStore(_database, _time);
        Works = new WorkStore(_database, _time, options, candidates);
        Feed = new CatalogChangeFeed(_database, options);
        Stamps = new WorkStamps(_database);
        _batches = new BatchWriter(_database, _time, new MatchRules(options), options, candidates);
    }

    public Database Database => _database;

    public SourceStore Sources { get; }

    public RunStore Runs { get; }

    public WorkStore Works { get; }

    public CatalogChangeFeed Feed { get; }

    /// <summary>Works' datestamps and tombstones, for the OAI-PMH provider.</summary>
    public WorkStamps Stamps { get; }

    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = await Migrator.MigrateAsync(_database, _time, cancellationToken);
        if (applied.Contains(WorksMigration))
        {
            // Records stored before works existed get their match keys and works now.
            await Works.RematchAllAsync(cancellationToken: cancellationToken);
        }

        if (applied.Contains(WorkStampsMigration))
        {
            // Works stored before stamps existed get one (their newest holding's update), deletions the change log knew a tombstone.
            await WorkStampWriter.BackfillAsync(_database, cancellationToken);
        }

        return applied;
    }

    private const int WorksMigration = 2;

    private const int WorkStampsMigration = 7;

    // ---- sources -------------------------------------------------------------------------------

    /// <inheritdoc cref="SourceStore.UpsertSourceAsync"/>
    public Task<bool> UpsertSourceAsync(SourceDefinition source, CancellationToken cancellationToken = default) =>
        Sources.UpsertSourceAsync(source, cancellationToken);

    public Task<StoredSource?> GetSourceAsync(string id, CancellationToken cancellationToken = default) =>
        Sources.GetSourceAsync(id, cancellationToken);

    public Task<IReadOnlyList<StoredSource>> ListSourcesAsync(CancellationToken cancellationToken = default) =>
        Sources.ListSourcesAsync(cancellationToken);

    /// <inheritdoc cref="SourceStore.SetPausedAsync"/>
    public Task<bool> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken = default) =>
        Sources.SetPausedAsync(id, paused, cancellationToken);

    // ---- runs ----------------------------------------------------------------------------------

    /// <inheritdoc cref="RunStore.StartRunAsync"/>
    public Task<long> StartRunAsync(string sourceId, CancellationToken cancellationToken = default) =>
        Runs.StartRunAsync(sourceId, cancellationToken);

    public Task FinishRunAsync(long runId, string status, IReadOnlyList<string> errors, CancellationToken cancellationToken = default) =>
        Runs.FinishRunAsync(runId, status, errors, cancellationToken);

    /// <inheritdoc cref="RunStore.CancelRunAsync"/>
    public Task<bool> CancelRunAsync(long runId, string reason, CancellationToken cancellationToken = default) =>
        Runs.CancelRunAsync(runId, reason, cancellationToken);

    /// <inheritdoc cref="RunStore.ListRunningAsync"/>
    public Task<IReadOnlyList<HarvestRunInfo>> ListRunningAsync(CancellationToken cancellationToken = default) =>
        Runs.ListRunningAsync(cancellationToken);

    public Task<HarvestRunInfo?> GetRunAsync(long runId, CancellationToken cancellationToken = default) =>
        Runs.GetRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<HarvestRunInfo>> ListRunsAsync(string sourceId, int limit = 100, CancellationToken cancellationToken = default) =>
        Runs.ListRunsAsync(sourceId, limit, cancellationToken);

    public Task<IReadOnlyList<QuarantinedRecord>> ListQuarantineAsync(string sourceId, int limit = 100, CancellationToken cancellationToken = default) =>
        Runs.ListQuarantineAsync(sourceId, limit, cancellationToken);

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

    public Task<StoredRecord?> GetRecordAsync(string id, CancellationToken cancellationToken = default) =>
        Feed.GetRecordAsync(id, cancellationToken);

    public Task<long> CountRecordsAsync(string? sourceId = null, CancellationToken cancellationToken = default) =>
        Feed.CountRecordsAsync(sourceId, cancellationToken);

    public Task<IReadOnlyList<RecordChange>> ReadChangesAsync(long afterChangeId, int max, CancellationToken cancellationToken) =>
        Feed.ReadChangesAsync(afterChangeId, max, cancellationToken);

    /// <inheritdoc cref="CatalogChangeFeed.LatestChangeIdAsync"/>
    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken = default) =>
        Feed.LatestChangeIdAsync(cancellationToken);

    /// <inheritdoc cref="CatalogChangeFeed.GetRecordsAsync"/>
    public Task<IReadOnlyList<CatalogRecord>> GetRecordsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Feed.GetRecordsAsync(ids, cancellationToken);

    // ---- works ---------------------------------------------------------------------------------

    /// <inheritdoc cref="WorkStore.GetWorkAsync"/>
    public Task<WorkView?> GetWorkAsync(string id, CancellationToken cancellationToken = default) =>
        Works.GetWorkAsync(id, cancellationToken);

    /// <inheritdoc cref="WorkStore.SplitWorkAsync"/>
    public Task<string> SplitWorkAsync(string workId, IReadOnlyCollection<string> recordIds, string? decidedBy, CancellationToken cancellationToken = default) =>
        Works.SplitWorkAsync(workId, recordIds, decidedBy, cancellationToken);

    /// <inheritdoc cref="WorkStore.JoinWorksAsync"/>
    public Task<string> JoinWorksAsync(IReadOnlyCollection<string> ids, string? decidedBy, CancellationToken cancellationToken = default) =>
        Works.JoinWorksAsync(ids, decidedBy, cancellationToken);

    /// <inheritdoc cref="WorkStore.RematchAllAsync"/>
    public Task<int> RematchAllAsync(int chunkSize = 500, CancellationToken cancellationToken = default) =>
        Works.RematchAllAsync(chunkSize, cancellationToken);

    /// <inheritdoc cref="WorkStore.GetWorkAssignmentsAsync"/>
    public Task<IReadOnlyDictionary<string, string>> GetWorkAssignmentsAsync(CancellationToken cancellationToken = default) =>
        Works.GetWorkAssignmentsAsync(cancellationToken);

}


using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Normalization;
using Search.Ingestion.Storage;

namespace Search.Ingestion.Harvesting;

/// <summary>
/// Runs harvests: asks the source's connector for batches from the stored checkpoint, maps each record,
/// and commits every batch with its checkpoint in one transaction. A run that is interrupted (process
/// killed, host stopped) stays "running" in the store and is executed again from its checkpoint by
/// <see cref="ExecuteAsync"/>, so it finishes with every record exactly once.
/// </summary>
public sealed class HarvestRunner
{
    /// <summary>How many pages the connector may read ahead of the batch being mapped.</summary>
    private const int PagesReadAhead = 2;

    private readonly CatalogStore _store;
    private readonly ConnectorRegistry _connectors;
    private readonly MapperRegistry _mappers;
    private readonly ChangeSignal _signal;
    private readonly ILogger<HarvestRunner> _logger;
    private readonly RecordLimits _limits;

    /// <summary>The runs this process is executing, each with the switch that cancels it.</summary>
    private readonly ConcurrentDictionary<long, Execution> _executing = new();

    private sealed class Execution : IDisposable
    {
        public CancellationTokenSource Cancel { get; } = new();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Cancel.Dispose();
    }

    public HarvestRunner(
        CatalogStore store,
        ConnectorRegistry connectors,
        MapperRegistry mappers,
        ChangeSignal signal,
        ILogger<HarvestRunner> logger,
        RecordLimits? limits = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _connectors = connectors ?? throw new ArgumentNullException(nameof(connectors));
        _mappers = mappers ?? throw new ArgumentNullException(nameof(mappers));
        _signal = signal ?? throw new ArgumentNullException(nameof(signal));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _limits = limits ?? new RecordLimits();
    }

    /// <summary>Records a new run of the source (status running) and returns its id; execute it with <see cref="ExecuteAsync"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such source.</exception>
    /// <exception cref="RunAlreadyActiveException">The source already has a run going.</exception>
    public async Task<long> BeginAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        _ = await _store.GetSourceAsync(sourceId, cancellationToken)
            ?? throw new KeyNotFoundException($"No source '{sourceId}'.");
        return await _store.StartRunAsync(sourceId, cancellationToken);
    }

    /// <summary>
    /// Executes a run to its end and records the outcome. A connector failure ends the run as failed with
    /// the checkpoint of the last committed batch kept. Cancellation of <paramref name="cancellationToken"/>
    /// (the host stopping) leaves the run "running" so that the next start resumes it; <see cref="CancelAsync"/>
    /// ends it as cancelled, between two batches, with its checkpoint kept.
    /// </summary>
    public async Task<HarvestRunInfo> ExecuteAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await _store.GetRunAsync(runId, cancellationToken)
            ?? throw new KeyNotFoundException($"No harvest run {runId}.");
        if (run.Status != RunStatus.Running)
        {
            return run;
        }

        using var execution = new Execution();
        if (!_executing.TryAdd(runId, execution))
        {
            // Queued twice (resumed at start and asked for again): the execution under way is the run.
            _logger.LogInformation("Harvest run {RunId} is already executing here", runId);
            return run;
        }

        try
        {
            return await ExecuteAsync(run, execution.Cancel, cancellationToken);
        }
        finally
        {
            _executing.TryRemove(runId, out _);
            execution.Done.TrySetResult();
        }
    }

    /// <summary>
    /// Cancels a running run: one this process executes stops between two batches and is waited for (at most
    /// <paramref name="wait"/>); one queued here, or executing in another process sharing the database, is marked
    /// cancelled in the store, and the process executing it stops at its next batch. The checkpoint of the last
    /// committed batch is kept, so the next run resumes there.
    /// </summary>
    /// <returns>False when the run is not running (it ended already, or does not exist).</returns>
    public async Task<bool> CancelAsync(long runId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var cancelled = await _store.CancelRunAsync(runId, CancelledMessage, cancellationToken);
        if (_executing.TryGetValue(runId, out var execution))
        {
            try
            {
                await execution.Cancel.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // It ended meanwhile.
            }

            try
            {
                await execution.Done.Task.WaitAsync(wait, cancellationToken);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Harvest run {RunId} was cancelled and has not stopped within {Wait}", runId, wait);
            }
        }

        return cancelled;
    }

    /// <summary>What a cancelled run lists in its errors.</summary>
    public const string CancelledMessage = "Cancelled by a librarian; the next run resumes from the last committed batch.";

    private async Task<HarvestRunInfo> ExecuteAsync(HarvestRunInfo run, CancellationTokenSource cancel, CancellationToken cancellationToken)
    {
        var runId = run.RunId;
        var errors = new List<string>();
        string status;
        try
        {
            var source = await _store.GetSourceAsync(run.Source, cancellationToken)
                ?? throw new ConnectorException($"The source '{run.Source}' no longer exists.");
            var connector = _connectors.Get(source.Definition.Connector);
            var context = new HarvestContext(run.Source, source.Definition.Settings, source.Checkpoint);
            _logger.LogInformation("Harvest run {RunId} of {Source} starts from checkpoint {Checkpoint}", runId, run.Source, source.Checkpoint ?? "(none)");

            var total = BatchCounts.Zero;

            // Three stages, each a batch or two ahead of the next: the connector reads the partner page after page
            // (into a bounded queue, so a slow store never makes it hold more than a few pages), the next batch is
            // hashed and mapped, and the current one is committed with its checkpoint. Only committed batches move
            // the checkpoint, so a run killed with pages in the queue resumes from the last commit. A librarian's
            // cancel stops the reading and mapping at once and the committing before the next batch, never inside one.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, cancel.Token);
            var pages = Channel.CreateBounded<HarvestBatch>(
                new BoundedChannelOptions(PagesReadAhead) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
            var reading = ReadPartnerAsync(connector, context, pages.Writer, stop.Token);
            var next = PrepareNextAsync(pages.Reader, reading, run.Source, stop.Token);
            try
            {
                while (await next is { } current)
                {
                    next = PrepareNextAsync(pages.Reader, reading, run.Source, stop.Token);
                    await StopIfCancelledAsync(runId, cancel, cancellationToken);
                    var counts = await CommitAsync(run.Source, runId, current, cancellationToken);
                    total = total.Add(counts);
                    if (counts.New + counts.Updated + counts.Deleted > 0)
                    {
                        _signal.Notify();
                    }
                }
            }
            finally
            {
                // Whatever ended the loop, the reader and the preparer stop and are waited for; their failure, if any,
                // has been seen through the batch that was awaited.
                await stop.CancelAsync();
                await Task.WhenAll(Task.WhenAny(next), Task.WhenAny(reading));
                _ = next.Exception;
                _ = reading.Exception;
            }

            status = RunStatus.Succeeded;
            _logger.LogInformation(
                "Harvest run {RunId} of {Source} succeeded: {Harvested} harvested, {New} new, {Updated} updated, {Deleted} deleted, {Quarantined} quarantined",
                runId, run.Source, total.Harvested, total.New, total.Updated, total.Deleted, total.Quarantined);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Harvest run {RunId} interrupted; it resumes from its checkpoint at the next start", runId);
            throw;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            status = RunStatus.Cancelled;
            errors.Add(CancelledMessage);
            _logger.LogInformation("Harvest run {RunId} of {Source} cancelled; its checkpoint is kept", runId, run.Source);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or IOException or System.Xml.XmlException or System.Text.Json.JsonException or TimeoutException)
        {
            status = RunStatus.Failed;
            errors.Add(ex.Message);
            _logger.LogWarning(ex, "Harvest run {RunId} of {Source} failed", runId, run.Source);
        }

        await _store.FinishRunAsync(runId, status, errors, CancellationToken.None);
        return await _store.GetRunAsync(runId, CancellationToken.None) ?? run;
    }

    /// <summary>Before each commit: a run cancelled in the store (by this process or another) stops here.</summary>
    private async Task StopIfCancelledAsync(long runId, CancellationTokenSource cancel, CancellationToken cancellationToken)
    {
        if (!cancel.IsCancellationRequested
            && (await _store.GetRunAsync(runId, cancellationToken))?.Status == RunStatus.Cancelled)
        {
            await cancel.CancelAsync();
        }

        cancel.Token.ThrowIfCancellationRequested();
    }

    /// <summary>A batch as the connector sent it, its records hashed and mapped (those the store holds unchanged are not).</summary>
    private sealed record ReadBatch(HarvestBatch Batch, IReadOnlyList<PreparedRecord> Records);

    /// <summary>Reads the connector's batches into <paramref name="pages"/> until the partner has no more; the queue is closed either way.</summary>
    private static Task ReadPartnerAsync(
        IConnector connector, HarvestContext context, ChannelWriter<HarvestBatch> pages, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                try
                {
                    var phase = Stopwatch.GetTimestamp();
                    await foreach (var batch in connector.HarvestAsync(context, cancellationToken).WithCancellation(cancellationToken))
                    {
                        IngestionMetrics.Record("fetch", phase);
                        await pages.WriteAsync(batch, cancellationToken);
                        phase = Stopwatch.GetTimestamp();
                    }
                }
                finally
                {
                    pages.Complete();
                }
            },
            cancellationToken);

    /// <summary>
    /// The next batch from the queue, hashed and mapped; null when the partner has no more. A failure of the
    /// connector surfaces here, after the batches it sent before failing.
    /// </summary>
    private Task<ReadBatch?> PrepareNextAsync(ChannelReader<HarvestBatch> pages, Task reading, string sourceId, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                var phase = Stopwatch.GetTimestamp();
                if (!await pages.WaitToReadAsync(cancellationToken) || !pages.TryRead(out var batch))
                {
                    await reading;
                    return null;
                }

                IngestionMetrics.Record("read", phase);
                phase = Stopwatch.GetTimestamp();
                var prepared = await PrepareAsync(sourceId, batch.Records, skipUnchanged: true, cancellationToken);
                IngestionMetrics.Record("map", phase);
                return new ReadBatch(batch, prepared);
            },
            cancellationToken);

    private async Task<BatchCounts> CommitAsync(string sourceId, long runId, ReadBatch read, CancellationToken cancellationToken)
    {
        var batch = read.Batch;
        try
        {
            return await _store.CommitBatchAsync(sourceId, runId, read.Records, batch.Problems, batch.Checkpoint, batch.EndsCompletePass, cancellationToken);
        }
        catch (StaleBatchException)
        {
            // A record changed between reading ahead and committing (an earlier batch of this run held it too): map them all.
            var records = await PrepareAsync(sourceId, batch.Records, skipUnchanged: false, cancellationToken);
            return await _store.CommitBatchAsync(sourceId, runId, records, batch.Problems, batch.Checkpoint, batch.EndsCompletePass, cancellationToken);
        }
    }

    /// <summary>
    /// Hashes the records and maps them, except (when <paramref name="skipUnchanged"/>) those the store already
    /// holds with the same hash: they are passed on as unchanged, and the commit checks that they still are.
    /// </summary>
    private async Task<IReadOnlyList<PreparedRecord>> PrepareAsync(
        string sourceId, IReadOnlyList<HarvestedRecord> records, bool skipUnchanged, CancellationToken cancellationToken)
    {
        var hashes = records.Select(r => RawRecordHash.Compute(r, _mappers.Revision)).ToList();
        IReadOnlySet<string> unchanged = new HashSet<string>();
        if (skipUnchanged && records.Count > 0)
        {
            unchanged = await _store.FindUnchangedAsync(
                sourceId, records.Select((r, i) => (r.ExternalId, hashes[i], r.Deleted)).ToList(), cancellationToken);
            if (unchanged.Count > 0)
            {
                // An external id sent twice in one batch is mapped and stored each time, as the partner sent it.
                var twice = records.GroupBy(r => r.ExternalId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
                unchanged = unchanged.Except(twice, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            }
        }

        return records
            .Select((r, i) => unchanged.Contains(r.ExternalId)
                ? new PreparedRecord(r, null, null) { PayloadHash = hashes[i], Unchanged = true }
                : Prepare(r) with { PayloadHash = hashes[i] })
            .ToList();
    }

    private PreparedRecord Prepare(HarvestedRecord record)
    {
        if (record.Deleted)
        {
            return new PreparedRecord(record, null, null);
        }

        var tooLarge = _limits.PayloadProblem(record);
        if (tooLarge is not null)
        {
            return new PreparedRecord(record, null, tooLarge);
        }

        try
        {
            var mapped = _mappers.Map(record);
            var cut = _limits.Apply(mapped);
            if (cut.Count > 0)
            {
                IngestionMetrics.CountFieldsCut();
                _logger.LogWarning(
                    "Record {Source}/{ExternalId}: {Fields} over the size limit, cut (the raw record keeps the whole text)",
                    record.SourceId, record.ExternalId, string.Join(", ", cut));
            }

            return new PreparedRecord(record, mapped, null);
        }
        catch (MappingException ex)
        {
            return new PreparedRecord(record, null, ex.Message);
        }
#pragma warning disable CA1031 // A mapper bug on one record must quarantine that record, not stop the harvest.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "Mapper failed on {Source}/{ExternalId}", record.SourceId, record.ExternalId);
            return new PreparedRecord(record, null, $"The {record.MetadataFormat} mapper failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}

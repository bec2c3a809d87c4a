using Microsoft.Extensions.Logging;
using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
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
    private readonly CatalogStore _store;
    private readonly ConnectorRegistry _connectors;
    private readonly MapperRegistry _mappers;
    private readonly ChangeSignal _signal;
    private readonly ILogger<HarvestRunner> _logger;

    public HarvestRunner(
        CatalogStore store,
        ConnectorRegistry connectors,
        MapperRegistry mappers,
        ChangeSignal signal,
        ILogger<HarvestRunner> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _connectors = connectors ?? throw new ArgumentNullException(nameof(connectors));
        _mappers = mappers ?? throw new ArgumentNullException(nameof(mappers));
        _signal = signal ?? throw new ArgumentNullException(nameof(signal));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
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
    /// the checkpoint of the last committed batch kept. Cancellation leaves the run "running" so that the
    /// next start resumes it.
    /// </summary>
    public async Task<HarvestRunInfo> ExecuteAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await _store.GetRunAsync(runId, cancellationToken)
            ?? throw new KeyNotFoundException($"No harvest run {runId}.");
        if (run.Status != RunStatus.Running)
        {
            return run;
        }

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
            await foreach (var batch in connector.HarvestAsync(context, cancellationToken))
            {
                var prepared = batch.Records.Select(Prepare).ToList();
                var counts = await _store.CommitBatchAsync(run.Source, runId, prepared, batch.Problems, batch.Checkpoint, batch.EndsCompletePass, cancellationToken);
                total = total.Add(counts);
                if (counts.New + counts.Updated + counts.Deleted > 0)
                {
                    _signal.Notify();
                }
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
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or IOException or System.Xml.XmlException or System.Text.Json.JsonException or TimeoutException)
        {
            status = RunStatus.Failed;
            errors.Add(ex.Message);
            _logger.LogWarning(ex, "Harvest run {RunId} of {Source} failed", runId, run.Source);
        }

        await _store.FinishRunAsync(runId, status, errors, CancellationToken.None);
        return await _store.GetRunAsync(runId, CancellationToken.None) ?? run;
    }

    private PreparedRecord Prepare(HarvestedRecord record)
    {
        if (record.Deleted)
        {
            return new PreparedRecord(record, null, null);
        }

        try
        {
            return new PreparedRecord(record, _mappers.Map(record), null);
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

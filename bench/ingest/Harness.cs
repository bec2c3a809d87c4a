using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Connectors.Harvesting;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Merge;
using Search.Ingestion.Storage;

namespace Search.Bench.Ingest;

/// <summary>What one timed step did.</summary>
internal sealed record Step(string Name, int Records, TimeSpan Elapsed, TimeSpan Cpu)
{
    /// <summary>Seconds per phase of <see cref="IngestionMetrics"/> during the step (phases overlap: reading runs ahead).</summary>
    public IReadOnlyDictionary<string, double> Phases { get; init; } = new Dictionary<string, double>();

    public double PerSecond => Records / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Name,-34} {Records,9:N0} rec {Elapsed.TotalSeconds,8:F2} s {PerSecond,10:N0} rec/s  (process CPU {Cpu.TotalSeconds:F1} s)"
        + string.Concat(Phases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Environment.NewLine}    {p.Key,-16} {p.Value,8:F2} s"));

    /// <summary>The process's CPU time so far (all threads), to tell a busy machine from a slow path.</summary>
    public static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}

/// <summary>
/// Times the ingestion path of one source: the connector alone (read and parse), the mappers alone, match keys
/// and record JSON alone, then the real runner and store (first harvest, then a re-harvest of the same records
/// from an emptied checkpoint). The store's share is what the full harvest takes beyond the parts measured alone.
/// </summary>
internal sealed class Harness(Database database, IConnector connector, IReadOnlyList<(string Id, JsonElement Settings)> sources) : IDisposable
{
    private readonly MapperRegistry _mappers = new(DefaultMappers.All());
    private readonly PhaseListener _phases = new();

    public void Dispose() => _phases.Dispose();

    public async Task<IReadOnlyList<Step>> RunAsync(bool parts, int harvests, CancellationToken cancellationToken)
    {
        var steps = new List<Step>();
        if (parts)
        {
            var (records, read) = await ReadAllAsync(cancellationToken);
            steps.Add(read);
            steps.Add(Time("map", records.Count, () =>
            {
                foreach (var r in records)
                {
                    _ = r.Deleted ? null : _mappers.Map(r);
                }
            }));
            var mapped = records.Where(r => !r.Deleted).Select(_mappers.Map).ToList();
            steps.Add(Time("match keys", mapped.Count, () =>
            {
                foreach (var m in mapped)
                {
                    _ = MatchKeys.For(m);
                }
            }));
            steps.Add(Time("record json", mapped.Count, () =>
            {
                foreach (var m in mapped)
                {
                    _ = RecordJson.Serialize(m);
                }
            }));
        }

        var store = new CatalogStore(database, TimeProvider.System);
        await store.MigrateAsync(cancellationToken);
        var runner = new HarvestRunner(store, new ConnectorRegistry([connector]), _mappers, new ChangeSignal(), NullLogger<HarvestRunner>.Instance);
        foreach (var (id, settings) in sources)
        {
            await store.UpsertSourceAsync(new SourceDefinition(id, id, connector.Kind, settings, null), cancellationToken);
        }

        for (var i = 0; i < harvests; i++)
        {
            _phases.Take();
            var cpu = Step.ProcessCpu();
            var clock = Stopwatch.StartNew();
            int harvested = 0, added = 0, updated = 0, quarantined = 0;
            foreach (var (sourceId, _) in sources)
            {
                if (i > 0)
                {
                    await using var connection = await database.OpenAsync(cancellationToken);
                    await connection.ExecuteAsync("UPDATE sources SET checkpoint = NULL WHERE id = @sourceId", new { sourceId });
                }

                var run = await runner.ExecuteAsync(await runner.BeginAsync(sourceId, cancellationToken), cancellationToken);
                if (run.Status != RunStatus.Succeeded)
                {
                    throw new InvalidOperationException($"The run failed: {string.Join("; ", run.Errors)}");
                }

                (harvested, added, updated, quarantined) = (harvested + run.Harvested, added + run.New, updated + run.Updated, quarantined + run.Quarantined);
            }

            clock.Stop();
            cpu = Step.ProcessCpu() - cpu;
            var name = i == 0 ? "harvest (runner + store)" : "re-harvest, records unchanged";
            steps.Add(new Step($"{name} [{added} new, {updated} upd, {quarantined} q]", harvested, clock.Elapsed, cpu) { Phases = _phases.Take() });
        }

        return steps;
    }

    /// <summary>Harvests each folder as the (file) source named after it, from an emptied checkpoint.</summary>
    public async Task<IReadOnlyList<Step>> HarvestAgainAsync(IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        var store = new CatalogStore(database, TimeProvider.System);
        var runner = new HarvestRunner(store, new ConnectorRegistry([connector]), _mappers, new ChangeSignal(), NullLogger<HarvestRunner>.Instance);
        var steps = new List<Step>();
        foreach (var folder in folders)
        {
            var sourceId = Path.GetFileName(folder);
            using var settings = JsonDocument.Parse(JsonSerializer.Serialize(new { path = folder, format = "oai-pmh" }));
            await store.UpsertSourceAsync(new SourceDefinition(sourceId, sourceId, connector.Kind, settings.RootElement.Clone(), null), cancellationToken);
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteAsync("UPDATE sources SET checkpoint = NULL WHERE id = @sourceId", new { sourceId });
            }

            _phases.Take();
            var cpu = Step.ProcessCpu();
            var clock = Stopwatch.StartNew();
            var run = await runner.ExecuteAsync(await runner.BeginAsync(sourceId, cancellationToken), cancellationToken);
            steps.Add(new Step($"{sourceId} again [{run.New} new, {run.Updated} upd, {run.Deleted} del]", run.Harvested, clock.Elapsed, Step.ProcessCpu() - cpu) { Phases = _phases.Take() });
        }

        return steps;
    }

    /// <summary>Every record's work and merge reason, and the change log's length: to compare two builds' outcomes.</summary>
    public async Task DumpAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string? WorkId, string? Reason, string Json)>(
            "SELECT id, work_id, merge_reason, record_json FROM records ORDER BY id");
        var changes = await connection.QueryAsync<(long Id, string RecordId, long Deleted)>("SELECT id, record_id, deleted FROM changes ORDER BY id");
        await using var output = new StreamWriter(path);
        foreach (var (id, workId, reason, json) in rows)
        {
            await output.WriteLineAsync($"record\t{id}\t{workId}\t{reason}\t{json.Length}");
        }

        foreach (var (id, recordId, deleted) in changes)
        {
            await output.WriteLineAsync($"change\t{id}\t{recordId}\t{deleted}");
        }
    }

    /// <summary>Reads the whole change feed as the index synchronizer does, in chunks of <paramref name="chunk"/>.</summary>
    public async Task<Step> ReadFeedAsync(int chunk, CancellationToken cancellationToken)
    {
        var feed = new CatalogStore(database, TimeProvider.System);
        var cpu = Step.ProcessCpu();
        var clock = Stopwatch.StartNew();
        long after = 0;
        var records = 0;
        while (true)
        {
            var changes = await feed.ReadChangesAsync(after, chunk, cancellationToken);
            if (changes.Count == 0)
            {
                break;
            }

            var ids = changes.Where(c => !c.Deleted).Select(c => c.RecordId).Distinct(StringComparer.Ordinal).ToList();
            records += (await feed.GetRecordsAsync(ids, cancellationToken)).Count;
            after = changes[^1].ChangeId;
        }

        return new Step($"change feed, chunks of {chunk}", records, clock.Elapsed, Step.ProcessCpu() - cpu);
    }

    private async Task<(List<HarvestedRecord> Records, Step Step)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var records = new List<HarvestedRecord>();
        var cpu = Step.ProcessCpu();
        var clock = Stopwatch.StartNew();
        foreach (var (sourceId, settings) in sources)
        {
            await foreach (var batch in connector.HarvestAsync(new HarvestContext(sourceId, settings, null), cancellationToken))
            {
                records.AddRange(batch.Records);
            }
        }

        return (records, new Step("read + parse (connector alone)", records.Count, clock.Elapsed, Step.ProcessCpu() - cpu));
    }

    private static Step Time(string name, int records, Action action)
    {
        var cpu = Step.ProcessCpu();
        var clock = Stopwatch.StartNew();
        action();
        return new Step(name, records, clock.Elapsed, Step.ProcessCpu() - cpu);
    }
}

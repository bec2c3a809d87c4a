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
internal sealed record Step(string Name, int Records, TimeSpan Elapsed)
{
    public double PerSecond => Records / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Name,-34} {Records,9:N0} rec {Elapsed.TotalSeconds,8:F2} s {PerSecond,10:N0} rec/s";
}

/// <summary>
/// Times the ingestion path of one source: the connector alone (read and parse), the mappers alone, match keys
/// and record JSON alone, then the real runner and store (first harvest, then a re-harvest of the same records
/// from an emptied checkpoint). The store's share is what the full harvest takes beyond the parts measured alone.
/// </summary>
internal sealed class Harness(Database database, IConnector connector, JsonElement settings, string sourceId = "bench")
{
    private readonly MapperRegistry _mappers = new(DefaultMappers.All());

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
        await store.UpsertSourceAsync(new SourceDefinition(sourceId, sourceId, connector.Kind, settings, null), cancellationToken);
        for (var i = 0; i < harvests; i++)
        {
            if (i > 0)
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.ExecuteAsync("UPDATE sources SET checkpoint = NULL WHERE id = @sourceId", new { sourceId });
            }

            var clock = Stopwatch.StartNew();
            var run = await runner.ExecuteAsync(await runner.BeginAsync(sourceId, cancellationToken), cancellationToken);
            clock.Stop();
            if (run.Status != RunStatus.Succeeded)
            {
                throw new InvalidOperationException($"The run failed: {string.Join("; ", run.Errors)}");
            }

            var name = i == 0 ? "harvest (runner + store)" : "re-harvest, records unchanged";
            steps.Add(new Step($"{name} [{run.New} new, {run.Updated} upd, {run.Quarantined} q]", run.Harvested, clock.Elapsed));
        }

        return steps;
    }

    /// <summary>Reads the whole change feed as the index synchronizer does, in chunks of <paramref name="chunk"/>.</summary>
    public async Task<Step> ReadFeedAsync(int chunk, CancellationToken cancellationToken)
    {
        var feed = new CatalogStore(database, TimeProvider.System);
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

        return new Step($"change feed, chunks of {chunk}", records, clock.Elapsed);
    }

    private async Task<(List<HarvestedRecord> Records, Step Step)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var records = new List<HarvestedRecord>();
        var clock = Stopwatch.StartNew();
        await foreach (var batch in connector.HarvestAsync(new HarvestContext(sourceId, settings, null), cancellationToken))
        {
            records.AddRange(batch.Records);
        }

        return (records, new Step("read + parse (connector alone)", records.Count, clock.Elapsed));
    }

    private static Step Time(string name, int records, Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return new Step(name, records, clock.Elapsed);
    }
}

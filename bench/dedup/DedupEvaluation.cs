using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Bench.Dedup;

/// <summary>
/// Harvests the labelled dedup set (one OAI-PMH dump folder per partner, <c>labels.tsv</c> naming each
/// record's true work) through the real file connector, mappers, runner and store, then scores the works
/// the store formed against the labels: pairwise precision and recall over pairs of records.
/// Used by <c>bench/dedup</c> and by the NUnit test that pins its numbers.
/// </summary>
public static class DedupEvaluation
{
    /// <summary>The partners of the set, harvested in this order.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["calis", "nstl", "repo"];

    public static async Task<DedupScore> RunAsync(string dataDirectory, Database database, MergeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var store = new CatalogStore(database, TimeProvider.System, options);
        await store.MigrateAsync(cancellationToken);
        var connector = new FileConnector(new FileConnectorOptions(dataDirectory), [new OaiPmhFileFormatReader()]);
        var runner = new HarvestRunner(
            store, new ConnectorRegistry([connector]), new MapperRegistry(DefaultMappers.All()), new ChangeSignal(), NullLogger<HarvestRunner>.Instance);
        foreach (var source in Sources)
        {
            using var settings = JsonDocument.Parse(JsonSerializer.Serialize(new { path = source, format = "oai-pmh" }));
            await store.UpsertSourceAsync(new SourceDefinition(source, source, connector.Kind, settings.RootElement.Clone(), null), cancellationToken);
            var run = await runner.ExecuteAsync(await runner.BeginAsync(source, cancellationToken), cancellationToken);
            if (run.Status != RunStatus.Succeeded || run.Quarantined > 0)
            {
                throw new InvalidOperationException($"Harvesting {source}: {run.Status}, {run.Quarantined} quarantined, {string.Join("; ", run.Errors)}");
            }
        }

        var labels = ReadLabels(Path.Combine(dataDirectory, "labels.tsv"));
        var works = await store.GetWorkAssignmentsAsync(cancellationToken);
        return Score(labels, works);
    }

    /// <summary>Record id -> true work label.</summary>
    public static Dictionary<string, string> ReadLabels(string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3)
            {
                labels[RecordIds.For(parts[0], parts[1])] = parts[2];
            }
        }

        return labels;
    }

    /// <summary>Pairwise precision and recall of <paramref name="predicted"/> works against <paramref name="labels"/>.</summary>
    public static DedupScore Score(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predicted);
        var missing = labels.Keys.Where(id => !predicted.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"{missing.Count} labelled records are not in the catalogue, e.g. {missing[0]}.");
        }

        var ids = labels.Keys.Order(StringComparer.Ordinal).ToList();
        int truePairs = 0, predictedPairs = 0, correct = 0;
        var falseMerges = new List<string>();
        var missed = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                var same = labels[ids[i]] == labels[ids[j]];
                var merged = predicted[ids[i]] == predicted[ids[j]];
                truePairs += same ? 1 : 0;
                predictedPairs += merged ? 1 : 0;
                correct += same && merged ? 1 : 0;
                if (merged && !same)
                {
                    falseMerges.Add($"{labels[ids[i]]} + {labels[ids[j]]}");
                }
                else if (same && !merged)
                {
                    missed.Add(labels[ids[i]]);
                }
            }
        }

        return new DedupScore(
            labels.Count,
            labels.Values.Distinct(StringComparer.Ordinal).Count(),
            ids.Select(id => predicted[id]).Distinct(StringComparer.Ordinal).Count(),
            truePairs,
            predictedPairs,
            correct,
            predictedPairs == 0 ? 1 : (double)correct / predictedPairs,
            truePairs == 0 ? 1 : (double)correct / truePairs,
            falseMerges,
            missed.Distinct(StringComparer.Ordinal).ToList());
    }
}

/// <summary>The outcome of a dedup evaluation.</summary>
public sealed record DedupScore(
    int Records,
    int TrueWorks,
    int PredictedWorks,
    int TruePairs,
    int PredictedPairs,
    int CorrectPairs,
    double Precision,
    double Recall,
    IReadOnlyList<string> FalseMerges,
    IReadOnlyList<string> MissedWorks)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Records} records, {TrueWorks} true works, {PredictedWorks} works formed; pairs: {TruePairs} true, {PredictedPairs} merged, {CorrectPairs} correct; precision {Precision:F4}, recall {Recall:F4}");
}

using Search.Indexer.Search;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Api.Federation;

/// <summary>
/// Puts one page of local hits and the live targets' windows into one list, honestly:
/// <list type="bullet">
/// <item>A live record the match rules of Ingestion (<see cref="MatchRules"/>: DOI, ISBN, patent and standard numbers,
/// ISSN citation, title + year + first author) find to be a hit already on the page becomes one more holding of that
/// hit (its source added to <c>sources</c>, its record in <c>liveHoldings</c>), not a second hit; the same holds between
/// two targets.</item>
/// <item>Scores are not comparable across engines, so ranks are: in relevance order each list's i-th hit (of n) gets
/// the normalized rank (i + 1) / (n + 1) and the lists are interleaved by it (local first on ties), so a short live list
/// is spread over the page instead of drowned below it or on top of it. In year order the lists are merged by year
/// (each target's window sorted by year first; records without a year last).</item>
/// </list>
/// </summary>
public static class FederationMerge
{
    public const string Description = "interleaved by normalized rank: the i-th of n hits of each list ranks (i + 1) / (n + 1); in year order merged by year";

    private sealed class Entry(SearchHit hit, int list, double rank)
    {
        public SearchHit Hit { get; set; } = hit;

        public int List { get; } = list;

        public double Rank { get; } = rank;

        public string? Live { get; init; }

        public List<LiveHolding> Holdings { get; } = [];

        public MatchProfile? Profile { get; init; }
    }

    /// <summary>The merged hits, and each target's report with how many of its records were merged into a hit.</summary>
    public static (IReadOnlyList<SearchHit> Hits, IReadOnlyList<FederationTarget> Targets) Merge(
        SearchSort sort,
        IReadOnlyList<SearchHit> local,
        IReadOnlyList<CatalogRecord?> localRecords,
        IReadOnlyList<TargetOutcome> outcomes,
        MatchRules rules)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(localRecords);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(rules);
        var entries = local.Select((h, i) => new Entry(h, 0, Rank(i, local.Count))
        {
            Profile = localRecords.Count > i && localRecords[i] is { } r ? new MatchProfile(r) : null,
        }).ToList();
        var reports = new List<FederationTarget>();
        for (var t = 0; t < outcomes.Count; t++)
        {
            var outcome = outcomes[t];
            if (outcome.Answer is null)
            {
                reports.Add(outcome.Report);
                continue;
            }

            var records = sort is SearchSort.YearDescending or SearchSort.YearAscending
                ? YearOrder(outcome.Answer.Records, sort)
                : outcome.Answer.Records;
            var merged = 0;
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                var holding = new LiveHolding(outcome.Report.Id, record.ExternalId, record.Links.FirstOrDefault()?.Url);
                var profile = new MatchProfile(record);
                var same = entries.FirstOrDefault(e => e.Profile is not null && rules.Compare(e.Profile, profile) is not null);
                if (same is not null)
                {
                    same.Holdings.Add(holding);
                    if (!same.Hit.Sources.Contains(outcome.Report.Id, StringComparer.Ordinal))
                    {
                        same.Hit = same.Hit with { Sources = [.. same.Hit.Sources, outcome.Report.Id] };
                    }

                    merged++;
                    continue;
                }

                var entry = new Entry(ToHit(record, outcome.Report.Id), t + 1, Rank(i, records.Count)) { Live = outcome.Report.Id, Profile = profile };
                entry.Holdings.Add(holding);
                entries.Add(entry);
            }

            reports.Add(outcome.Report with { Merged = merged });
        }

        var ordered = sort switch
        {
            SearchSort.YearDescending => entries.OrderBy(e => e.Hit.Year is null).ThenByDescending(e => e.Hit.Year).ThenBy(e => e.List).ThenBy(e => e.Rank),
            SearchSort.YearAscending => entries.OrderBy(e => e.Hit.Year is null).ThenBy(e => e.Hit.Year).ThenBy(e => e.List).ThenBy(e => e.Rank),
            _ => entries.OrderBy(e => e.Rank).ThenBy(e => e.List),
        };
        var hits = new List<SearchHit>();
        foreach (var e in ordered)
        {
            if (e.Live is not null || e.Holdings.Count > 0)
            {
                FederationJson.Attach(e.Hit, e.Live, e.Holdings);
            }

            hits.Add(e.Hit);
        }

        return (hits, reports);
    }

    private static double Rank(int index, int count) => (index + 1.0) / (count + 1.0);

    private static List<CatalogRecord> YearOrder(IReadOnlyList<CatalogRecord> records, SearchSort sort) =>
        sort == SearchSort.YearAscending
            ? [.. records.OrderBy(r => r.Year is null).ThenBy(r => r.Year)]
            : [.. records.OrderBy(r => r.Year is null).ThenByDescending(r => r.Year)];

    /// <summary>A live record as a hit: it is not in the catalogue, so it has no highlights and no record page.</summary>
    private static SearchHit ToHit(CatalogRecord record, string source) =>
        new(record.Id, record.Title, record.Authors, record.Year, record.Type, [source], new Dictionary<string, string>());
}

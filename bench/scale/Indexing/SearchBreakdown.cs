using System.Diagnostics;
using System.Globalization;
using System.Web;
using Lucene.Net.Search;
using Search.Indexer.Query;
using Search.Indexer.Search;
using Search.Indexer.Schema;
using Search.Indexer.Writing;

namespace Search.Bench.Indexing;

/// <summary>
/// Where a search's time goes, in-process on a built index: the query mix's requests (queries.tsv URLs) parsed
/// and built, matched only (hit count), matched with top-k and facet counts, and served whole (hits and
/// highlights), each step timed over the whole mix on one thread, per query kind.
/// </summary>
internal static class SearchBreakdown
{
    public static void Run(string indexFolder, string queriesFile, int limit)
    {
        var storage = Enum.Parse<IndexStorage>(Environment.GetEnvironmentVariable("BENCH_INDEX_STORAGE") ?? nameof(IndexStorage.Mapped), ignoreCase: true);
        using var index = new CatalogIndex(indexFolder, new CatalogIndexOptions { Storage = storage });
        Console.Error.WriteLine($"index storage {storage}");
        var service = new SearchService(index);
        var builder = new Search.Indexer.Query.QueryBuilder(index.Analyzer, new SearchOptions());
        var queries = File.ReadLines(queriesFile)
            .Where(l => !l.StartsWith('#') && l.Contains('\t', StringComparison.Ordinal))
            .Select(l => (Kind: l[..l.IndexOf('\t', StringComparison.Ordinal)], Request: ToRequest(l[(l.IndexOf('\t', StringComparison.Ordinal) + 1)..])))
            .Where(q => q.Request is not null)
            .Take(limit)
            .ToList();
        Console.Error.WriteLine($"{queries.Count} queries, {index.DocumentCount} documents");

        // Warm-up: every query once.
        foreach (var (_, request) in queries)
        {
            Serve(service, request!);
        }

        var steps = new Dictionary<(string Kind, string Step), (double Ms, long Hits, int N)>();
        void Add(string kind, string step, double ms, long hits)
        {
            var current = steps.GetValueOrDefault((kind, step));
            steps[(kind, step)] = (current.Ms + ms, current.Hits + hits, current.N + 1);
        }

        var searcherManager = index.Searchers;
        foreach (var (kind, request) in queries)
        {
            var watch = Stopwatch.StartNew();
            Query query;
            try
            {
                query = builder.Build(SearchService.ParseRequest(request!)).Query;
            }
            catch (QuerySyntaxException)
            {
                continue;
            }

            Add(kind, "1 parse+build", watch.Elapsed.TotalMilliseconds, 0);
            var searcher = searcherManager.Acquire();
            try
            {
                watch.Restart();
                var count = new TotalHitCountCollector();
                searcher.Search(query, count);
                Add(kind, "2 match (count only)", watch.Elapsed.TotalMilliseconds, count.TotalHits);

                watch.Restart();
                var top = TopScoreDocCollector.Create(20, true);
                searcher.Search(query, top);
                Add(kind, "3 match + score top 20", watch.Elapsed.TotalMilliseconds, 0);

                watch.Restart();
                var top2 = TopScoreDocCollector.Create(20, true);
                var facets = new FacetCollector([.. IndexSchema.FacetFields.Select(f => f.FacetField)], IndexSchema.Year.DocValuesField);
                searcher.Search(query, MultiCollector.Wrap(top2, facets));
                foreach (var field in IndexSchema.FacetFields)
                {
                    _ = facets.Counts(field.FacetField);
                }

                Add(kind, "4 match + top 20 + facets", watch.Elapsed.TotalMilliseconds, 0);
            }
            finally
            {
                searcherManager.Release(searcher);
            }

            watch.Restart();
            Serve(service, request!);
            Add(kind, "5 whole search (filters, sort, hits, highlights)", watch.Elapsed.TotalMilliseconds, 0);
        }

        foreach (var ((kind, step), (ms, hits, n)) in steps.OrderBy(p => p.Key.Kind, StringComparer.Ordinal).ThenBy(p => p.Key.Step, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind,-12} {step,-50} {ms / n,8:F2} ms  n={n}{(hits > 0 ? $"  mean hits {hits / n}" : "")}"));
        }

        foreach (var group in steps.GroupBy(p => p.Key.Step).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var n = group.Sum(p => p.Value.N);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"ALL",-12} {group.Key,-50} {group.Sum(p => p.Value.Ms) / n,8:F2} ms  n={n}"));
        }
    }

    private static void Serve(SearchService service, SearchRequest request)
    {
        try
        {
            _ = service.Search(request);
        }
        catch (QuerySyntaxException)
        {
        }
    }

    private static SearchRequest? ToRequest(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || !url.StartsWith("/api/search", StringComparison.Ordinal) || url.StartsWith("/api/search/", StringComparison.Ordinal))
        {
            return null;
        }

        var query = HttpUtility.ParseQueryString(url[(question + 1)..]);
        var year = YearRange.Parse(query["year"]);
        return new SearchRequest
        {
            Query = query["q"] ?? "",
            Syntax = query["syntax"] switch { "expert" => QuerySyntax.Expert, "cql" => QuerySyntax.Cql, _ => QuerySyntax.Simple },
            Within = query.GetValues("within") ?? [],
            Types = Split(query.GetValues("type")),
            Sources = Split(query.GetValues("source")),
            Languages = Split(query.GetValues("language")),
            YearFrom = year?.From,
            YearTo = year?.To,
            Page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1,
            Sort = query["sort"] switch { "year" => SearchSort.YearDescending, "year-asc" => SearchSort.YearAscending, _ => SearchSort.Relevance },
        };
    }

    private static string[] Split(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}

using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Search.Api.Federation;
using Search.Indexer.Query;
using Search.Indexer.Search;

namespace Search.Api.Api;

/// <summary><c>GET /api/search</c>: the box, facet filters, sorting and paging.</summary>
public static class SearchApi
{
    public const int MaxQueryLength = 2000;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/search", Search).AddEndpointFilter<Entitlement.SearchAccessFilter>();
        app.MapPost("/api/search/advanced", Advanced).AddEndpointFilter<Entitlement.SearchAccessFilter>();
        return app;
    }

    /// <summary>The query string as sent; parsed by hand so every mistake gets a message, not a bare 400.</summary>
    public sealed record SearchQuery(
        string? Q,
        string? Page,
        string? Size,
        string? Sort,
        string[]? Type,
        string[]? Source,
        string[]? Language,
        string? Year,
        string? Syntax,
        string[]? Discipline,
        string[]? Subject,
        string[]? Within,
        string? Recency,
        string? After,
        string[]? Kind);

    /// <summary>A search answer; <see cref="Next"/> is the cursor of the following page (pass it as <c>after</c>).</summary>
    public sealed record SearchResponse(long Total, int Page, int Size, IReadOnlyList<SearchHit> Hits, SearchFacets Facets)
    {
        public string? Next { get; init; }

        /// <summary>The live targets' part (only when sources are marked live); <see cref="Total"/> then includes theirs.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public FederationInfo? Federation { get; init; }
    }

    private static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(
        [AsParameters] SearchQuery query, SearchService search, FederatedSearch federation, IOptions<Ingestion.Merge.MergeOptions> merge, CancellationToken ct)
    {
        var errors = new List<string>();
        var request = Parse(query, errors);
        if (errors.Count > 0 || request is null)
        {
            return Task.FromResult<Results<Ok<SearchResponse>, ProblemHttpResult>>(BadRequest(string.Join(" ", errors)));
        }

        return RunAsync(search, federation, merge.Value, request, ct);
    }

    internal static Results<Ok<SearchResponse>, ProblemHttpResult> Run(SearchService search, SearchRequest request)
    {
        try
        {
            var result = search.Search(request);
            return TypedResults.Ok(new SearchResponse(result.Total, request.Page, request.Size, result.Hits, result.Facets) { Next = result.Next });
        }
        catch (QuerySyntaxException ex)
        {
            return BadRequest(ex.Message, ex.Position);
        }
    }

    /// <summary>
    /// The search with the live targets: they are asked first and in parallel, the local search runs meanwhile, and
    /// the answer waits for no target beyond the deadline. Without live sources it is <see cref="Run"/>.
    /// </summary>
    internal static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> RunAsync(
        SearchService search, FederatedSearch federation, Ingestion.Merge.MergeOptions merge, SearchRequest request, CancellationToken ct)
    {
        var targets = await federation.LiveSourcesAsync(ct);
        if (targets.Count == 0)
        {
            return Run(search, request);
        }

        var started = federation.Start(request, targets, ct);
        var local = Run(search, request);
        var outcomes = await federation.CollectAsync(targets, started);
        if (local.Result is not Ok<SearchResponse> { Value: { } response })
        {
            return local;
        }

        var records = search.GetRecords([.. response.Hits.Select(h => h.Id)]);
        var (hits, reports) = FederationMerge.Merge(request.Sort, response.Hits, records, outcomes, new Ingestion.Merge.MatchRules(merge));
        var answered = reports.Where(r => r.Status == TargetStatus.Ok).ToList();
        var total = response.Total + answered.Sum(r => (r.Total ?? r.Hits) - r.Merged);
        return TypedResults.Ok(response with
        {
            Total = total,
            Hits = hits,
            Federation = new FederationInfo(answered.Count > 0, response.Total, FederationMerge.Description, "local", reports),
        });
    }

    private static Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Advanced(
        AdvancedSearchForm form, SearchService search, FederatedSearch federation, IOptions<Ingestion.Merge.MergeOptions> merge, CancellationToken ct)
    {
        var errors = new List<string>();
        var request = AdvancedSearch.ToRequest(form, errors);
        return errors.Count > 0 || request is null
            ? Task.FromResult<Results<Ok<SearchResponse>, ProblemHttpResult>>(BadRequest(string.Join(" ", errors)))
            : RunAsync(search, federation, merge.Value, request, ct);
    }

    internal static SearchRequest? Parse(SearchQuery query, List<string> errors)
    {
        var q = query.Q ?? "";
        if (q.Length > MaxQueryLength)
        {
            errors.Add($"q: at most {MaxQueryLength} characters.");
        }

        var page = ParseInt(query.Page, "page", 1, 1, 100_000, errors);
        var size = ParseInt(query.Size, "size", 20, 1, MaxPageSize, errors);
        var sort = (query.Sort ?? "relevance").Trim().ToLowerInvariant() switch
        {
            "" or "relevance" => SearchSort.Relevance,
            "year" or "year-desc" or "year_desc" => SearchSort.YearDescending,
            "year-asc" or "year_asc" => SearchSort.YearAscending,
            _ => (SearchSort?)null,
        };
        if (sort is null)
        {
            errors.Add($"sort: '{query.Sort}' is not one of relevance, year (newest first), year-asc.");
        }

        var (from, to) = ParseYears(query.Year, errors);
        var syntax = ParseSyntax(query.Syntax, errors);
        var recency = (query.Recency ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "false" or "0" or "no" => false,
            "true" or "1" or "yes" => true,
            _ => (bool?)null,
        };
        if (recency is null)
        {
            errors.Add($"recency: '{query.Recency}' is not true or false.");
        }

        var within = (query.Within ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).ToArray();
        if (within.Any(w => w.Length > MaxQueryLength) || within.Length > 10)
        {
            errors.Add($"within: at most 10 earlier queries of at most {MaxQueryLength} characters.");
        }

        if (!string.IsNullOrEmpty(query.After) && !string.IsNullOrEmpty(query.Page) && query.Page != "1")
        {
            errors.Add("after: a cursor replaces page; send one or the other.");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new SearchRequest
        {
            Query = q,
            Page = page,
            Size = size,
            Sort = sort!.Value,
            Types = Values(query.Type),
            Sources = Values(query.Source),
            Languages = Values(query.Language),
            Disciplines = Values(query.Discipline),
            Subjects = Values(query.Subject),
            Kinds = Values(query.Kind),
            YearFrom = from,
            YearTo = to,
            Syntax = syntax,
            Within = within,
            Recency = recency ?? false,
            After = string.IsNullOrEmpty(query.After) ? null : query.After,
        };
    }

    internal static QuerySyntax ParseSyntax(string? text, List<string> errors)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "" or "simple":
                return QuerySyntax.Simple;
            case "expert":
                return QuerySyntax.Expert;
            case "cql":
                return QuerySyntax.Cql;
            default:
                errors.Add($"syntax: '{text}' is not one of simple, expert, cql.");
                return QuerySyntax.Simple;
        }
    }

    private static int ParseInt(string? text, string name, int fallback, int min, int max, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add($"{name}: '{text}' is not a whole number from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    /// <summary>The <c>year=</c> filter, in the one year grammar (<see cref="YearRange"/>).</summary>
    internal static (int? From, int? To) ParseYears(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        if (YearRange.Parse(text) is not { } range)
        {
            errors.Add($"year: '{text}' is not a year or a range such as 2015-2020, 2015- or -2020.");
            return (null, null);
        }

        return (range.From, range.To);
    }

    internal static string[] Values(string[]? raw) =>
        raw is null
            ? []
            : raw.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    internal static ProblemHttpResult BadRequest(string detail, int? position = null)
    {
        var extensions = position is null ? null : new Dictionary<string, object?> { ["position"] = position };
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The search cannot be run as written.", extensions: extensions);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Search.Api.Admin;
using Search.Indexer.Search;

namespace Search.Api.Api;

/// <summary><c>GET /api/admin/explain?id=&amp;q=&amp;syntax=</c>: why a record ranks where it does (librarians only).</summary>
public static class ExplainApi
{
    public static IEndpointRouteBuilder MapExplainApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/admin/explain", Explain).RequireAuthorization(LibrarianAuthentication.Policy);
        return app;
    }

    /// <summary>The explanation: the query tree, the Lucene query, the record's rank and score, Lucene's score breakdown.</summary>
    public sealed record ExplainResponse(string Id, string Query, long? Rank, string Explanation);

    private static Results<Ok<ExplainResponse>, NotFound, ProblemHttpResult> Explain(
        string? id, [AsParameters] SearchApi.SearchQuery query, SearchService search)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return SearchApi.BadRequest("id: the record id is required.");
        }

        var errors = new List<string>();
        var request = SearchApi.Parse(query, errors);
        if (errors.Count > 0 || request is null)
        {
            return SearchApi.BadRequest(string.Join(" ", errors));
        }

        try
        {
            var explanation = search.Explain(id, request);
            if (explanation is null)
            {
                return TypedResults.NotFound();
            }

            return TypedResults.Ok(new ExplainResponse(id, query.Q ?? "", search.RankOf(id, request), explanation));
        }
        catch (QuerySyntaxException ex)
        {
            return SearchApi.BadRequest(ex.Message, ex.Position);
        }
    }
}

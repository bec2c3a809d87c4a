using Microsoft.AspNetCore.Http.HttpResults;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Api.Api;

/// <summary>
/// <c>GET /api/records/{id}</c>: the whole work with its sources (every partner holding it). The id is a
/// work id as search hits give it, or the id of any of the work's records (links made before merging).
/// </summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/records/{id}", GetAsync).AddEndpointFilter<Entitlement.RecordAccessFilter>();
        return app;
    }

    /// <summary>One holding of the work: which source has it, under which id, with which links.</summary>
    /// <param name="Id">The source's id.</param>
    /// <param name="Name">The source's name.</param>
    /// <param name="ExternalId">The partner's identifier.</param>
    /// <param name="Links">The partner's links.</param>
    /// <param name="Datestamp">The partner's datestamp.</param>
    /// <param name="RecordId">The catalogue id of this holding's record.</param>
    /// <param name="FullText">The full-text route of this holding (its full-text link, else its landing page).</param>
    public sealed record RecordSource(
        string Id,
        string Name,
        string ExternalId,
        IReadOnlyList<RecordLink> Links,
        DateTimeOffset? Datestamp,
        string RecordId,
        string? FullText);

    public sealed record RecordResponse(
        string Id,
        string Type,
        string Title,
        IReadOnlyList<string> AlternativeTitles,
        IReadOnlyList<string> Authors,
        IReadOnlyList<string> Organizations,
        string? SourceTitle,
        string? Publisher,
        string? Abstract,
        IReadOnlyList<string> Keywords,
        IReadOnlyList<string> Subjects,
        IReadOnlyList<string> Classifications,
        int? Year,
        string? Language,
        RecordIdentifiers Identifiers,
        IReadOnlyList<RecordSource> Sources,
        DateTimeOffset UpdatedAt,
        string? Volume,
        string? Issue,
        string? FirstPage,
        PatentDetails? Patent,
        string? LastPage);

    private static async Task<Results<Ok<RecordResponse>, ProblemHttpResult>> GetAsync(string id, CatalogStore store, CancellationToken ct) =>
        await LoadAsync(id, store, ct) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.Problem($"No record '{id}'.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The work as <c>/api/records/{id}</c> answers it, before the entitlement decision; null when there is none.</summary>
    public static async Task<RecordResponse?> LoadAsync(string id, CatalogStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var view = await store.GetWorkAsync(id, ct);
        if (view is null)
        {
            return null;
        }

        var r = view.Work;
        var sources = new List<RecordSource>(r.Holdings.Count);
        foreach (var holding in r.Holdings)
        {
            var source = await store.GetSourceAsync(holding.SourceId, ct);
            sources.Add(new RecordSource(
                holding.SourceId, source?.Definition.Name ?? holding.SourceId, holding.ExternalId, holding.Links, holding.Datestamp,
                holding.RecordId, holding.FullTextUrl));
        }

        return new RecordResponse(
            r.Id, r.Type, r.Title, r.AlternativeTitles, r.Authors, r.Organizations, r.SourceTitle, r.Publisher, r.Abstract,
            r.Keywords, r.Subjects, r.Classifications, r.Year, r.Language, r.Identifiers, sources, view.UpdatedAt,
            r.Volume, r.Issue, r.FirstPage, r.Patent, r.LastPage);
    }
}

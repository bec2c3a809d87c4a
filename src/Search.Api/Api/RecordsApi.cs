using Microsoft.AspNetCore.Http.HttpResults;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Api.Api;

/// <summary><c>GET /api/records/{id}</c>: the whole record with its sources.</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/records/{id}", GetAsync).AddEndpointFilter<Entitlement.RecordAccessFilter>();
        return app;
    }

    /// <summary>One holding of the record: which source has it, under which id, with which links.</summary>
    public sealed record RecordSource(string Id, string Name, string ExternalId, IReadOnlyList<RecordLink> Links, DateTimeOffset? Datestamp);

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
        DateTimeOffset UpdatedAt);

    private static async Task<Results<Ok<RecordResponse>, ProblemHttpResult>> GetAsync(string id, CatalogStore store, CancellationToken ct)
    {
        var stored = await store.GetRecordAsync(id, ct);
        if (stored is null)
        {
            return TypedResults.Problem($"No record '{id}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var r = stored.Record;
        var source = await store.GetSourceAsync(r.SourceId, ct);
        var sources = new[] { new RecordSource(r.SourceId, source?.Definition.Name ?? r.SourceId, r.ExternalId, r.Links, r.Datestamp) };
        return TypedResults.Ok(new RecordResponse(
            r.Id, r.Type, r.Title, r.AlternativeTitles, r.Authors, r.Organizations, r.SourceTitle, r.Publisher, r.Abstract,
            r.Keywords, r.Subjects, r.Classifications, r.Year, r.Language, r.Identifiers, sources, stored.UpdatedAt));
    }
}

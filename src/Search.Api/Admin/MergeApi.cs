using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Api.Admin;

/// <summary>
/// The librarians' view of merging: a work's holdings and why each was merged, splitting a wrong merge
/// and joining a missed one. Decisions are stored and respected by every later harvest.
/// </summary>
public static class MergeApi
{
    public static IEndpointRouteBuilder MapMergeApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/api/admin/works").RequireAuthorization(LibrarianAuthentication.Policy);
        admin.MapGet("/{id}", GetAsync);
        admin.MapPost("/{id}/split", SplitAsync);
        admin.MapPost("/join", JoinAsync);
        return app;
    }

    /// <summary>The body of split and join: record ids (and, for join, work ids).</summary>
    public sealed record RecordsRequest(IReadOnlyList<string>? Records);

    /// <summary>One holding and why it is in the work.</summary>
    /// <param name="RecordId">The holding's record.</param>
    /// <param name="Source">Its source.</param>
    /// <param name="ExternalId">The partner's id.</param>
    /// <param name="Title">The partner's title.</param>
    /// <param name="Year">The partner's year.</param>
    /// <param name="Links">The partner's links.</param>
    /// <param name="Reason">Why it joined the work: key, value, similarity, the record it matched; null for the first holding.</param>
    /// <param name="MatchKeys">The keys it is matched by.</param>
    public sealed record WorkHolding(
        string RecordId,
        string Source,
        string ExternalId,
        string Title,
        int? Year,
        IReadOnlyList<RecordLink> Links,
        MergeReason? Reason,
        IReadOnlyList<string> MatchKeys);

    public sealed record WorkResponse(string Id, string Title, IReadOnlyList<WorkHolding> Holdings, IReadOnlyList<MergeDecision> Decisions);

    public sealed record WorkChanged(string Id, IReadOnlyList<string> Works);

    private static async Task<Results<Ok<WorkResponse>, ProblemHttpResult>> GetAsync(string id, CatalogStore store, CancellationToken ct)
    {
        var view = await store.GetWorkAsync(id, ct);
        return view is null
            ? TypedResults.Problem($"No work or record '{id}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToResponse(view));
    }

    private static async Task<Results<Ok<WorkChanged>, ProblemHttpResult>> SplitAsync(
        string id, RecordsRequest request, ClaimsPrincipal user, CatalogStore store, ChangeSignal signal, CancellationToken ct)
    {
        if (request.Records is not { Count: > 0 } records)
        {
            return TypedResults.Problem("records: name the records to move out of the work.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var newWork = await store.SplitWorkAsync(id, records, user.Identity?.Name, ct);
            signal.Notify();
            return TypedResults.Ok(new WorkChanged(newWork, [id, newWork]));
        }
        catch (MergeRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Results<Ok<WorkChanged>, ProblemHttpResult>> JoinAsync(
        RecordsRequest request, ClaimsPrincipal user, CatalogStore store, ChangeSignal signal, CancellationToken ct)
    {
        if (request.Records is not { Count: >= 2 } records)
        {
            return TypedResults.Problem("records: name at least two records or works to join.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var work = await store.JoinWorksAsync(records, user.Identity?.Name, ct);
            signal.Notify();
            return TypedResults.Ok(new WorkChanged(work, [work]));
        }
        catch (MergeRequestException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static WorkResponse ToResponse(WorkView view) => new(
        view.Work.Id,
        view.Work.Title,
        view.Members.Select(m => new WorkHolding(
                m.Record.Id, m.Record.SourceId, m.Record.ExternalId, m.Record.Title, m.Record.Year, m.Record.Links, m.Reason, m.MatchKeys))
            .ToList(),
        view.Decisions);
}

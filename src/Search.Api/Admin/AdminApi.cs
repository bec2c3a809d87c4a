using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Api.Hosting;
using Search.Connectors.Harvesting;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Storage;

namespace Search.Api.Admin;

/// <summary>The librarians' API: sources, harvests, quarantine.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/admin/login", LoginAsync).AllowAnonymous();
        app.MapPost("/api/admin/logout", (Delegate)LogoutAsync);

        var admin = app.MapGroup("/api/admin").RequireAuthorization(LibrarianAuthentication.Policy);
        admin.MapPut("/sources/{id}", PutSourceAsync);
        admin.MapGet("/sources", ListSourcesAsync);
        admin.MapGet("/sources/{id}", GetSourceAsync);
        admin.MapPost("/sources/{id}/harvests", StartHarvestAsync);
        admin.MapGet("/sources/{id}/harvests", ListHarvestsAsync);
        admin.MapGet("/sources/{id}/quarantine", ListQuarantineAsync);
        admin.MapPost("/sources/{id}/pause", PauseSourceAsync);
        admin.MapPost("/sources/{id}/resume", ResumeSourceAsync);
        admin.MapGet("/harvests/{runId:long}", GetHarvestAsync);
        admin.MapDelete("/harvests/{runId:long}", CancelHarvestAsync);
        return app;
    }

    public sealed record LoginRequest(string? User, string? Password);

    public sealed record SourceRequest(string? Name, string? Connector, JsonElement? Settings, string? Schedule, string? ScheduleTimeZone = null);

    public sealed record SourceResponse(
        string Id,
        string Name,
        string Connector,
        JsonElement Settings,
        string? Schedule,
        string ScheduleTimeZone,
        bool Paused,
        DateTimeOffset? NextHarvestAt,
        IReadOnlyList<string> Capabilities,
        long Records,
        HarvestRunInfo? LastRun);

    public sealed record RunStarted(long RunId);

    private static async Task<Results<NoContent, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, LibrarianStore librarians, PasswordHasher hasher, Accounts.LoginThrottle throttle)
    {
        if (string.IsNullOrEmpty(request.User) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("user and password are required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var address = Entitlement.RequesterResolver.ClientAddress(http);
        if (await throttle.BlockedAsync(request.User, address, http.RequestAborted, Accounts.LoginRealm.Librarian) is { } wait)
        {
            return Accounts.LoginThrottle.TooMany(http, wait);
        }

        var hash = await librarians.GetPasswordHashAsync(request.User, http.RequestAborted);
        if (!hasher.Verify(request.Password, hash ?? UnknownLibrarianHash(hasher)) || hash is null)
        {
            await throttle.FailedAsync(request.User, address, http.RequestAborted, Accounts.LoginRealm.Librarian);
            return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        await throttle.SucceededAsync(request.User, address, http.RequestAborted, Accounts.LoginRealm.Librarian);

        await http.SignInAsync(
            LibrarianAuthentication.CookieScheme,
            LibrarianAuthentication.Principal(request.User, LibrarianAuthentication.CookieScheme));
        return TypedResults.NoContent();
    }

    private static string? _unknownLibrarianHash;

    /// <summary>A hash no password matches, so an unknown librarian costs the same hashing as a wrong password.</summary>
    private static string UnknownLibrarianHash(PasswordHasher hasher) =>
        _unknownLibrarianHash ??= hasher.Hash(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(LibrarianAuthentication.CookieScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<SourceResponse>, Ok<SourceResponse>, ValidationProblem>> PutSourceAsync(
        string id, SourceRequest request, CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct)
    {
        var problems = SourceValidation.Validate(id, request.Name, request.Connector, request.Settings, request.Schedule, connectors, request.ScheduleTimeZone);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(
                problems.GroupBy(p => p.Split(':')[0]).ToDictionary(g => g.Key, g => g.ToArray()),
                title: "The source definition is not usable.");
        }

        var created = await store.UpsertSourceAsync(
            new SourceDefinition(id, request.Name!.Trim(), request.Connector!.ToLowerInvariant(), request.Settings!.Value, request.Schedule, request.ScheduleTimeZone),
            ct);
        var stored = (await store.GetSourceAsync(id, ct))!;
        await scheduler.ApplyAsync(stored, ct);
        var response = await DescribeAsync(stored, store, connectors, scheduler, ct);
        return created ? TypedResults.Created($"/api/admin/sources/{id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<List<SourceResponse>>> ListSourcesAsync(CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct)
    {
        var list = new List<SourceResponse>();
        foreach (var source in await store.ListSourcesAsync(ct))
        {
            list.Add(await DescribeAsync(source, store, connectors, scheduler, ct));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> GetSourceAsync(
        string id, CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct)
    {
        var source = await store.GetSourceAsync(id, ct);
        return source is null ? NoSource(id) : TypedResults.Ok(await DescribeAsync(source, store, connectors, scheduler, ct));
    }

    private static async Task<Results<Accepted<RunStarted>, ProblemHttpResult>> StartHarvestAsync(
        string id, HarvestRunner runner, HarvestDispatcher queue, CancellationToken ct)
    {
        try
        {
            var runId = await runner.BeginAsync(id, ct);
            queue.Enqueue(runId);
            return TypedResults.Accepted($"/api/admin/harvests/{runId}", new RunStarted(runId));
        }
        catch (KeyNotFoundException)
        {
            return NoSource(id);
        }
        catch (RunAlreadyActiveException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["runId"] = ex.RunId });
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<HarvestRunInfo>>, ProblemHttpResult>> ListHarvestsAsync(
        string id, CatalogStore store, CancellationToken ct)
    {
        if (await store.GetSourceAsync(id, ct) is null)
        {
            return NoSource(id);
        }

        return TypedResults.Ok(await store.ListRunsAsync(id, 200, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<QuarantinedRecord>>, ProblemHttpResult>> ListQuarantineAsync(
        string id, CatalogStore store, CancellationToken ct)
    {
        if (await store.GetSourceAsync(id, ct) is null)
        {
            return NoSource(id);
        }

        return TypedResults.Ok(await store.ListQuarantineAsync(id, 200, ct));
    }

    private static Task<Results<Ok<SourceResponse>, ProblemHttpResult>> PauseSourceAsync(
        string id, CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct) =>
        SetPausedAsync(id, paused: true, store, connectors, scheduler, ct);

    private static Task<Results<Ok<SourceResponse>, ProblemHttpResult>> ResumeSourceAsync(
        string id, CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct) =>
        SetPausedAsync(id, paused: false, store, connectors, scheduler, ct);

    /// <summary>Pauses or resumes the source's scheduled harvests; answers the source as it now is.</summary>
    private static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> SetPausedAsync(
        string id, bool paused, CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct)
    {
        if (!await scheduler.SetPausedAsync(id, paused, ct))
        {
            return NoSource(id);
        }

        return TypedResults.Ok(await DescribeAsync((await store.GetSourceAsync(id, ct))!, store, connectors, scheduler, ct));
    }

    /// <summary>How long a cancel waits for a run this process executes to stop.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(30);

    /// <summary>Cancels a running harvest: it stops between two batches, its checkpoint kept, status <c>cancelled</c>.</summary>
    private static async Task<Results<Ok<HarvestRunInfo>, ProblemHttpResult>> CancelHarvestAsync(
        long runId, CatalogStore store, HarvestRunner runner, CancellationToken ct)
    {
        if (await store.GetRunAsync(runId, ct) is null)
        {
            return TypedResults.Problem($"No harvest run {runId}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!await runner.CancelAsync(runId, CancelWait, ct))
        {
            var ended = (await store.GetRunAsync(runId, ct))!;
            if (ended.Status != RunStatus.Cancelled)
            {
                return TypedResults.Problem(
                    $"Harvest run {runId} is not running: it ended {ended.Status}.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["status"] = ended.Status });
            }
        }

        return TypedResults.Ok((await store.GetRunAsync(runId, ct))!);
    }

    private static async Task<Results<Ok<HarvestRunInfo>, ProblemHttpResult>> GetHarvestAsync(long runId, CatalogStore store, CancellationToken ct)
    {
        var run = await store.GetRunAsync(runId, ct);
        return run is null
            ? TypedResults.Problem($"No harvest run {runId}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(run);
    }

    private static ProblemHttpResult NoSource(string id) =>
        TypedResults.Problem($"No source '{id}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<SourceResponse> DescribeAsync(
        StoredSource source, CatalogStore store, ConnectorRegistry connectors, HarvestScheduler scheduler, CancellationToken ct)
    {
        var d = source.Definition;
        var capabilities = connectors.Find(d.Connector)?.Capabilities ?? ConnectorCapabilities.None;
        var names = Enum.GetValues<ConnectorCapabilities>()
            .Where(c => c != ConnectorCapabilities.None && capabilities.HasFlag(c))
            .Select(c => JsonNamingPolicy.KebabCaseLower.ConvertName(c.ToString()))
            .ToList();
        var runs = await store.ListRunsAsync(d.Id, 1, ct);
        var last = runs.Count > 0 ? runs[0] : null;
        var next = d.Schedule is null ? null : await scheduler.NextFireAsync(d.Id, ct);
        return new SourceResponse(
            d.Id, d.Name, d.Connector, d.Settings, d.Schedule, scheduler.ZoneIdOf(d), source.Paused, next, names, source.RecordCount, last);
    }
}

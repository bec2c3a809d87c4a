using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Api.Admin;
using Search.Api.Entitlement;

namespace Search.Api.Accounts;

/// <summary><c>POST /api/auth/login</c> and <c>/api/auth/logout</c> for personal accounts (a session cookie).</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/auth/login", LoginAsync);
        app.MapPost("/api/auth/logout", LogoutAsync);
        app.MapGet("/api/auth/me", MeAsync);
        return app;
    }

    public sealed record LoginRequest(string? User, string? Password);

    /// <summary>Who the platform thinks is asking: the institution by address, the account by session.</summary>
    public sealed record WhoAmI(string? User, DateTimeOffset? ValidTo, string? Institution, string? Address);

    private static async Task<IResult> LoginAsync(
        LoginRequest request,
        HttpContext http,
        EntitlementStore store,
        EntitlementCatalog catalog,
        PasswordHasher hasher,
        LoginThrottle throttle,
        SessionStore sessions,
        RequesterResolver resolver,
        TimeProvider time)
    {
        if (string.IsNullOrEmpty(request.User) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("user and password are required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var who = await resolver.ResolveAsync(http);
        if (await throttle.BlockedAsync(request.User, who.Address, http.RequestAborted) is { } wait)
        {
            return LoginThrottle.TooMany(http, wait);
        }

        var account = await store.GetAccountAsync(request.User, http.RequestAborted);
        // An unknown user costs the same hashing as a wrong password, so timing does not tell which accounts exist.
        if (!hasher.Verify(request.Password, account?.PasswordHash ?? UnknownUserHash(hasher)) || account is null)
        {
            await throttle.FailedAsync(request.User, who.Address, http.RequestAborted);
            return TypedResults.Problem("Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var now = time.GetUtcNow();
        if (!account.IsValidAt(now))
        {
            var why = account.Disabled ? "is disabled"
                : account.ValidFrom > now ? $"is valid only from {account.ValidFrom:yyyy-MM-dd}"
                : $"expired on {account.ValidTo:yyyy-MM-dd}";
            return TypedResults.Problem($"The account {why}.", statusCode: StatusCodes.Status403Forbidden);
        }

        await throttle.SucceededAsync(request.User, who.Address, http.RequestAborted);
        if (!catalog.Current.Accounts.ContainsKey(account.Id))
        {
            await catalog.ReloadAsync(http.RequestAborted);
        }

        // A new session (and cookie) at login: the anonymous one it replaces is ended, with its seats.
        await sessions.EndAsync(who.Session, http.RequestAborted);
        var session = await sessions.StartAsync(account.Id, http.RequestAborted);
        resolver.SetCookie(http, session);
        RequesterResolver.Forget(http);
        return TypedResults.Ok(new WhoAmI(account.Id, account.ValidTo, who.Institution, who.Address?.ToString()));
    }

    private static string? _unknownUserHash;

    private static string UnknownUserHash(PasswordHasher hasher) => _unknownUserHash ??= hasher.Hash(Guid.NewGuid().ToString());

    private static async Task<NoContent> LogoutAsync(HttpContext http, SessionStore sessions, RequesterResolver resolver)
    {
        var who = await resolver.ResolveAsync(http);
        await sessions.EndAsync(who.Session, http.RequestAborted);
        RequesterResolver.Forget(http);
        resolver.DeleteCookie(http);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WhoAmI>> MeAsync(HttpContext http, RequesterResolver resolver)
    {
        var who = await resolver.ResolveAsync(http);
        return TypedResults.Ok(new WhoAmI(who.Account?.Id, who.Account?.ValidTo, who.Institution, who.Address?.ToString()));
    }
}

using System.Net;
using Microsoft.Extensions.Options;
using Search.Api.Entitlement;

namespace Search.Api.Accounts;

/// <summary>Whose logins a throttle counts: personal accounts, or the librarians of the console and HTTP Basic.</summary>
public enum LoginRealm
{
    Account,
    Librarian,
    InstitutionLibrarian,
}

/// <summary>
/// Counts failed logins (table <c>login_failures</c>, shared by every process) under three keys: the user name
/// from one address, the address for any user name, and the user name from every address together. The first
/// is small, so a guesser at one address soon stops, but it blocks only that address for that name: a stranger
/// cannot lock the owner out from elsewhere. The second stops one address trying many names; the third, large,
/// bounds a guess spread over many addresses. A success clears the name's counts (never the address's).
/// </summary>
public sealed class LoginThrottle(LoginFailures failures, TimeProvider time, IOptions<AccessOptions> options)
{
    private LoginThrottleOptions O => options.Value.LoginThrottle;

    /// <summary>How long the caller must wait, or null when a try is allowed.</summary>
    public async Task<TimeSpan?> BlockedAsync(string user, IPAddress? address, CancellationToken ct, LoginRealm realm = LoginRealm.Account)
    {
        var keys = Keys(realm, user, address);
        var counts = await failures.CountAsync(keys.Select(k => k.Key).ToList(), O.Window, ct);
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var (key, max) in keys)
        {
            if (counts.TryGetValue(key, out var count) && count.Count >= max && count.OldestExpiry is { } until)
            {
                var w = until - now;
                wait = wait is null || w > wait ? w : wait;
            }
        }

        return wait;
    }

    public Task FailedAsync(string user, IPAddress? address, CancellationToken ct, LoginRealm realm = LoginRealm.Account) =>
        failures.AddAsync(Keys(realm, user, address).Select(k => k.Key).ToList(), O.Window, ct);

    public async Task SucceededAsync(string user, IPAddress? address, CancellationToken ct, LoginRealm realm = LoginRealm.Account)
    {
        await failures.ResetAsync(UserKey(realm, user), ct);
        await failures.ResetAsync(PairKey(realm, user, address), ct);
    }

    /// <summary>Whole seconds to wait, at least one, for a <c>Retry-After</c> header.</summary>
    public static string RetryAfter(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The 429 a blocked login gets, with its <c>Retry-After</c>.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooMany(HttpContext http, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = RetryAfter(wait);
        http.Response.Headers.RetryAfter = seconds;
        return TypedResults.Problem(
            $"Too many failed logins for this user or from this address; try again in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private List<(string Key, int Max)> Keys(LoginRealm realm, string user, IPAddress? address)
    {
        var keys = new List<(string, int)>
        {
            (PairKey(realm, user, address), O.MaxFailuresPerUserFromAddress),
            (UserKey(realm, user), O.MaxFailuresPerUser),
        };
        if (address is not null)
        {
            keys.Add((Prefix(realm) + "-address:" + address, O.MaxFailuresPerAddress));
        }

        return keys;
    }

    private static string Prefix(LoginRealm realm) => realm switch
    {
        LoginRealm.Librarian => "librarian",
        LoginRealm.InstitutionLibrarian => "institution-librarian",
        _ => "login",
    };

    private static string UserKey(LoginRealm realm, string user) => Prefix(realm) + "-user:" + user.ToLowerInvariant();

    private static string PairKey(LoginRealm realm, string user, IPAddress? address) =>
        Prefix(realm) + "-user-address:" + user.ToLowerInvariant() + "|" + (address?.ToString() ?? "unknown");
}

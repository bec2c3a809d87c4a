using System.Net;
using Microsoft.Extensions.Options;
using Search.Api.Entitlement;

namespace Search.Api.Accounts;

/// <summary>
/// Counts failed logins per user name and per client address (table <c>login_failures</c>, shared by every
/// process); too many within the window block further tries until the oldest leaves it.
/// </summary>
public sealed class LoginThrottle(LoginFailures failures, TimeProvider time, IOptions<AccessOptions> options)
{
    private LoginThrottleOptions O => options.Value.LoginThrottle;

    /// <summary>How long the caller must wait, or null when a try is allowed.</summary>
    public async Task<TimeSpan?> BlockedAsync(string user, IPAddress? address, CancellationToken ct)
    {
        var keys = Keys(user, address);
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

    public Task FailedAsync(string user, IPAddress? address, CancellationToken ct) =>
        failures.AddAsync(Keys(user, address).Select(k => k.Key).ToList(), O.Window, ct);

    public Task SucceededAsync(string user, CancellationToken ct) => failures.ResetAsync(UserKey(user), ct);

    private List<(string Key, int Max)> Keys(string user, IPAddress? address)
    {
        var keys = new List<(string, int)> { (UserKey(user), O.MaxFailuresPerUser) };
        if (address is not null)
        {
            keys.Add(("login-address:" + address, O.MaxFailuresPerAddress));
        }

        return keys;
    }

    private static string UserKey(string user) => "login-user:" + user.ToLowerInvariant();
}

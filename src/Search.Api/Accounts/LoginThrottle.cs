using System.Net;
using Microsoft.Extensions.Options;
using Search.Api.Entitlement;

namespace Search.Api.Accounts;

/// <summary>Counts failed logins per user name and per client address; too many within the window block further tries.</summary>
public sealed class LoginThrottle(SlidingCounter counter, TimeProvider time, IOptions<AccessOptions> options)
{
    private LoginThrottleOptions O => options.Value.LoginThrottle;

    /// <summary>How long the caller must wait, or null when a try is allowed.</summary>
    public TimeSpan? Blocked(string user, IPAddress? address)
    {
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var (key, max) in Keys(user, address))
        {
            if (counter.Count(key, O.Window) >= max && counter.OldestExpiry(key, O.Window) is { } until)
            {
                var w = until - now;
                wait = wait is null || w > wait ? w : wait;
            }
        }

        return wait;
    }

    public void Failed(string user, IPAddress? address)
    {
        foreach (var (key, _) in Keys(user, address))
        {
            counter.TryAdd(key, O.Window, limit: 0);
        }
    }

    public void Succeeded(string user) => counter.Reset(UserKey(user));

    private IEnumerable<(string Key, int Max)> Keys(string user, IPAddress? address)
    {
        yield return (UserKey(user), O.MaxFailuresPerUser);
        if (address is not null)
        {
            yield return ("login-address:" + address, O.MaxFailuresPerAddress);
        }
    }

    private static string UserKey(string user) => "login-user:" + user.ToLowerInvariant();
}

using System.Net;
using Microsoft.Extensions.Options;

namespace Search.Api.Entitlement;

/// <summary>Who is asking: the institution the address belongs to, the logged-in account (if valid now), the session.</summary>
public sealed record Requester(IPAddress? Address, string? Institution, Account? Account, AccessSession Session, string? UserAgent)
{
    public bool IsAnonymous => Institution is null && Account is null;
}

/// <summary>
/// Works out the <see cref="Requester"/> of a request once and keeps it in the request's items. The address is
/// the connection's, which the forwarded-headers middleware has already replaced by the X-Forwarded-For
/// client when (and only when) the connection came from a trusted proxy.
/// </summary>
public sealed class RequesterResolver(SessionStore sessions, EntitlementCatalog catalog, TimeProvider time, IOptions<AccessOptions> options)
{
    /// <summary>The client's address: the connection's (after the trusted proxies' X-Forwarded-For), IPv4-mapped as IPv4.</summary>
    public static System.Net.IPAddress? ClientAddress(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }

    private static readonly object Key = new();

    /// <summary>The requester, resolved once per request: a returning session costs one query (and, now and then, its touch); a new anonymous one none.</summary>
    public async Task<Requester> ResolveAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(Key, out var known) && known is Requester r)
        {
            return r;
        }

        var snapshot = catalog.Current;
        var address = ClientAddress(http);

        var institution = address is null ? null : snapshot.InstitutionAt(IpRange.ToNumber(address));
        var cookie = http.Request.Cookies[options.Value.CookieName];
        var session = await sessions.TouchAsync(cookie, http.RequestAborted)
            ?? await sessions.StartAsync(account: null, http.RequestAborted);
        if (!string.Equals(session.Token, cookie, StringComparison.Ordinal))
        {
            // A new session, or an anonymous one whose signed cookie carries a later moment now.
            SetCookie(http, session);
        }

        Account? account = null;
        if (session.Account is not null && snapshot.Accounts.TryGetValue(session.Account, out var a) && a.IsValidAt(time.GetUtcNow()))
        {
            account = a;
        }

        var requester = new Requester(address, institution, account, session, http.Request.Headers.UserAgent.ToString());
        http.Items[Key] = requester;
        return requester;
    }

    /// <summary>Forgets the resolved requester (after a login or logout changed the session).</summary>
    public static void Forget(HttpContext http) => http?.Items.Remove(Key);

    public void SetCookie(HttpContext http, AccessSession session)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(session);
        http.Response.Cookies.Append(options.Value.CookieName, session.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
    }

    public void DeleteCookie(HttpContext http) => http?.Response.Cookies.Delete(options.Value.CookieName, new CookieOptions { Path = "/" });
}

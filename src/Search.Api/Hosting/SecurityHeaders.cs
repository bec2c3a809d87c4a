using Microsoft.Extensions.Options;

namespace Search.Api.Hosting;

/// <summary>
/// Headers every answer carries, pages and API alike: no MIME sniffing, no framing by other sites, a referrer
/// policy that never sends a query to another origin, and a content security policy that runs only the
/// engine's own scripts and styles (partner text that slipped through escaping still could not run).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}

/// <summary>Origins besides the engine's own from which browsers may send cookie-authenticated changes (<c>Search:AllowedOrigins</c>).</summary>
public sealed class CrossSiteOptions
{
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>
/// CSRF protection by a strict origin check: a request that changes something (POST, PUT, PATCH, DELETE) and
/// is authenticated by a cookie (the librarian's or a reader's session) must come from the engine's own origin
/// or one of <see cref="CrossSiteOptions.AllowedOrigins"/>, as its <c>Origin</c> (else <c>Referer</c>) header
/// shows; a browser marks a cross-site request <c>Sec-Fetch-Site: cross-site</c>. Otherwise it is a 403 that
/// says why. Requests with an <c>Authorization</c> header (scripts with HTTP Basic) carry no ambient
/// credential and pass; so do logins (they change no one's data yet) and searches sent by POST (the advanced
/// form, SRU's form binding).
/// </summary>
public sealed class CrossSiteRequestGuard(RequestDelegate next, IOptions<CrossSiteOptions> options, IOptions<Entitlement.AccessOptions> access)
{
    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        "/api/auth/login", "/api/admin/login", "/api/search/advanced", "/sru",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (IsChange(request.Method)
            && !Exempt.Contains(request.Path.Value ?? "")
            && request.Headers.Authorization.Count == 0
            && (request.Cookies.ContainsKey(Admin.LibrarianAuthentication.CookieName) || request.Cookies.ContainsKey(access.Value.CookieName))
            && Refusal(request) is { } why)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool IsChange(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private string? Refusal(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return "A change authenticated by a cookie must come from this site's own pages (Sec-Fetch-Site: cross-site).";
        }

        var own = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 && Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer))
        {
            origin = referer.GetLeftPart(UriPartial.Authority);
        }

        if (origin.Length == 0)
        {
            return "A change authenticated by a cookie must say where it comes from (Origin or Referer); send it from this site's pages, or authenticate with HTTP Basic.";
        }

        var allowed = string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || options.Value.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
        return allowed ? null : $"A change authenticated by a cookie came from {origin}, which is not this site ({own}) nor in Search:AllowedOrigins.";
    }
}

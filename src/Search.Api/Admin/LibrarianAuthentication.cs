using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Search.Api.Admin;

/// <summary>Librarians sign in with HTTP Basic (scripts) or a cookie from <c>POST /api/admin/login</c> (the console).</summary>
public static class LibrarianAuthentication
{
    public const string Policy = "librarian";
    public const string BasicScheme = "LibrarianBasic";
    public const string CookieScheme = "LibrarianCookie";
    private const string Selector = "Librarian";

    /// <summary>The console's cookie.</summary>
    public const string CookieName = "librarian";

    public static IServiceCollection AddLibrarianAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "Basic or cookie", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    ? BasicScheme
                    : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicHandler>(BasicScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"librarians\", charset=\"UTF-8\"";
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddSingleton<LibrarianTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<LibrarianTicketStore>((o, tickets) => o.SessionStore = tickets);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireRole("librarian"));
        return services;
    }

    public static ClaimsPrincipal Principal(string user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, "librarian")], scheme));

    /// <summary>Checks HTTP Basic credentials against the librarians' hashed passwords.</summary>
    private sealed class BasicHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        LibrarianStore store,
        PasswordHasher hasher,
        Accounts.LoginThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        private TimeSpan? _blocked;

        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
                || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
                || header.Parameter is null)
            {
                return AuthenticateResult.NoResult();
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            }
            catch (FormatException)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return AuthenticateResult.Fail("Malformed Basic credentials.");
            }

            var user = decoded[..colon];
            var hash = await store.GetPasswordHashAsync(user, Context.RequestAborted);
            if (hash is null)
            {
                // Not a platform librarian (an institution librarian's SUSHI credentials pass through here too):
                // nothing to guess, nothing counted.
                return AuthenticateResult.Fail("Wrong user name or password.");
            }

            var address = Entitlement.RequesterResolver.ClientAddress(Context);
            _blocked = await throttle.BlockedAsync(user, address, Context.RequestAborted, Accounts.LoginRealm.Librarian);
            if (_blocked is not null)
            {
                return AuthenticateResult.Fail("Too many failed logins for this user or from this address.");
            }

            if (!hasher.Verify(decoded[(colon + 1)..], hash))
            {
                await throttle.FailedAsync(user, address, Context.RequestAborted, Accounts.LoginRealm.Librarian);
                return AuthenticateResult.Fail("Wrong user name or password.");
            }

            return AuthenticateResult.Success(new AuthenticationTicket(Principal(user, Scheme.Name), Scheme.Name));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            if (_blocked is { } wait)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = Accounts.LoginThrottle.RetryAfter(wait);
                return Task.CompletedTask;
            }

            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Basic realm=\"librarians\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }
    }
}

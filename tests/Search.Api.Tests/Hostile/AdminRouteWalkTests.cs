using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Search.Api.Tests.Entitlement;

namespace Search.Api.Tests.Hostile;

/// <summary>
/// Every admin route the engine maps (read from its own routing table, so a new route is walked without being
/// listed here), called by every kind of caller: nobody, wrong Basic credentials, a forged or foreign cookie,
/// a reader with a valid account, an institution librarian, and the platform librarian. Only the last is let
/// in, and no caller gets a server error.
/// </summary>
[TestFixture]
[NonParallelizable]
public class AdminRouteWalkTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private AccessApp _app = null!;
    private List<(string Method, string Path)> _routes = null!;

    [OneTimeSetUp]
    public async Task DefineCallers()
    {
        _app = new AccessApp(Start);
        await _app.LoadRecordsAsync();
        using var admin = _app.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/institutions/whu", new { name = "武汉大学", ipRanges = new[] { "202.114.0.0/16" } });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/reader", new { password = "reader-password", validFrom = "2026-01-01", validTo = "2026-12-31", disabled = false });
        await AccessApp.PutAsync(admin, "/api/admin/institution-librarians/whu-lib", new { password = "whu-lib-password", institution = "whu" });
        _routes = [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api/admin", StringComparison.Ordinal))
            .Where(e => e.RoutePattern.RawText is not ("/api/admin/login" or "/api/admin/logout"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Fill(e.RoutePattern.RawText!))))
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal)];
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    /// <summary>Route parameters filled with values of the right shape ({runId:long} → 1, others → "probe").</summary>
    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)(:[^}]+)?\}", m => m.Groups[2].Value.Contains("long", StringComparison.Ordinal) || m.Groups[2].Value.Contains("int", StringComparison.Ordinal) ? "1" : "probe");

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Test]
    public void The_walk_covers_the_admin_api()
    {
        Assert.That(_routes, Has.Count.GreaterThan(20), string.Join(", ", _routes));
        Assert.That(_routes, Has.Some.EqualTo(("PUT", "/api/admin/sources/probe")));
        Assert.That(_routes, Has.Some.EqualTo(("GET", "/api/admin/subscriptions")));
        Assert.That(_routes, Has.Some.EqualTo(("POST", "/api/admin/sources/probe/pause")));
        Assert.That(_routes, Has.Some.EqualTo(("POST", "/api/admin/sources/probe/resume")));
        Assert.That(_routes, Has.Some.EqualTo(("DELETE", "/api/admin/harvests/1")));
    }

    [TestCase("nobody", TestName = "admin walk: nobody")]
    [TestCase("wrong-password", TestName = "admin walk: the librarian's name with a wrong password")]
    [TestCase("unknown-user", TestName = "admin walk: an unknown user")]
    [TestCase("malformed-basic", TestName = "admin walk: malformed Basic credentials")]
    [TestCase("other-scheme", TestName = "admin walk: a Bearer token")]
    [TestCase("forged-cookie", TestName = "admin walk: a forged librarian cookie")]
    [TestCase("reader-cookie", TestName = "admin walk: a reader signed in with a valid account")]
    [TestCase("reader-basic", TestName = "admin walk: a reader's account as Basic credentials")]
    [TestCase("institution-librarian", TestName = "admin walk: an institution librarian")]
    [TestCase("logged-out-cookie", TestName = "admin walk: the librarian cookie after logout")]
    public async Task Only_the_platform_librarian_gets_in(string caller)
    {
        using var client = _app.Browser(caller == "wrong-password" ? "8.8.8.8" : "202.114.7." + (caller.Length + 1));
        switch (caller)
        {
            case "wrong-password":
                client.DefaultRequestHeaders.Authorization = AccessApp.Basic(AccessApp.AdminUser, "wrong");
                break;
            case "unknown-user":
                client.DefaultRequestHeaders.Authorization = AccessApp.Basic("nobody-here", AccessApp.AdminPassword);
                break;
            case "malformed-basic":
                client.DefaultRequestHeaders.Authorization = new("Basic", "not base64!");
                break;
            case "other-scheme":
                client.DefaultRequestHeaders.Authorization = new("Bearer", "abc.def.ghi");
                break;
            case "forged-cookie":
                client.DefaultRequestHeaders.Add("Cookie", "librarian=CfDJ8forged" + new string('A', 200));
                break;
            case "reader-cookie":
                Assert.That((await client.PostAsJsonAsync("/api/auth/login", new { user = "reader", password = "reader-password" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                break;
            case "reader-basic":
                client.DefaultRequestHeaders.Authorization = AccessApp.Basic("reader", "reader-password");
                break;
            case "institution-librarian":
                client.DefaultRequestHeaders.Authorization = AccessApp.Basic("whu-lib", "whu-lib-password");
                break;
            case "logged-out-cookie":
                var login = await client.PostAsJsonAsync("/api/admin/login", new { user = AccessApp.AdminUser, password = AccessApp.AdminPassword });
                var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("librarian=", StringComparison.Ordinal)).Split(';')[0];
                Assert.That((await client.PostAsync("/api/admin/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
                client.DefaultRequestHeaders.Add("Cookie", cookie);
                break;
        }

        var answers = new List<string>();
        foreach (var (method, path) in _routes)
        {
            using var request = Request(method, path);
            var response = await client.SendAsync(request);
            var allowed = caller == "wrong-password"
                ? response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests
                : response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            if (!allowed)
            {
                answers.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.That(answers, Is.Empty, "routes that let this caller in or failed");
    }

    [Test]
    public async Task The_platform_librarian_gets_an_answer_from_every_route_never_a_server_error()
    {
        using var client = _app.AdminClient();
        var errors = new List<string>();
        foreach (var (method, path) in _routes)
        {
            using var request = Request(method, path);
            var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                errors.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.That(errors, Is.Empty);
    }
}

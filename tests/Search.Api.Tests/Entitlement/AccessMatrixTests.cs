using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Search.Api.Tests.Entitlement;

/// <summary>
/// The request matrix of issue 6: addresses inside and outside each range (IPv4, IPv6, IPv4-mapped), trusted
/// and untrusted proxies with forged X-Forwarded-For, accounts valid, expired and disabled, subscriptions
/// current, future and past, a consortium member, the union of address and account, seats full.
/// </summary>
[TestFixture]
[NonParallelizable]
public class AccessMatrixTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private AccessApp _app = null!;

    private static string A => AccessApp.AlphaOne;

    private static string B => AccessApp.BetaOne;

    [OneTimeSetUp]
    public async Task DefineCustomers()
    {
        _app = new AccessApp(Start, new()
        {
            ["Search:TrustedProxies:0"] = "10.99.0.1",
            ["Search:TrustedProxies:1"] = "fd00:99::/64",
            ["Search:Access:DownloadBudget:PerAccount"] = "3",
            ["Search:Access:DownloadBudget:PerInstitution"] = "5",
            ["Search:Access:DownloadBudget:Window"] = "01:00:00",
        });
        await _app.LoadRecordsAsync();
        using var admin = _app.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/institutions/whu", new { name = "武汉大学", ipRanges = new[] { "202.114.0.0/16", "2001:da8:2000::/48" } });
        await AccessApp.PutAsync(admin, "/api/admin/institutions/hust", new { name = "华中科技大学", ipRanges = new[] { "115.156.0.0/16" } });
        await AccessApp.PutAsync(admin, "/api/admin/institutions/hubei", new { name = "湖北省科技信息共享联盟", ipRanges = new[] { "10.20.0.0/16" } });
        await AccessApp.PutAsync(admin, "/api/admin/institutions/member-a", new { name = "联盟成员A", ipRanges = new[] { "10.30.0.0/16" }, parent = "hubei" });
        await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-alpha", new { name = "Alpha 包库", sources = new[] { "alpha" } });
        await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-beta", new { name = "Beta 包库", sources = new[] { "beta" } });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/reader", new { password = "reader-password", validFrom = "2026-01-01", validTo = "2026-12-31", disabled = false });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/old", new { password = "old-password", validFrom = "2025-01-01", validTo = "2025-12-31", disabled = false });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/off", new { password = "off-password", validFrom = "2026-01-01", validTo = "2026-12-31", disabled = true });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/shared", new { password = "shared-password", validFrom = "2026-01-01", validTo = "2026-12-31", disabled = false });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/whu-alpha", new { institution = "whu", package = "pkg-alpha", start = "2026-01-01", end = "2026-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/hust-alpha-next-year", new { institution = "hust", package = "pkg-alpha", start = "2027-01-01", end = "2027-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/hust-beta-last-year", new { institution = "hust", package = "pkg-beta", start = "2025-01-01", end = "2025-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/hubei-beta", new { institution = "hubei", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31", seats = 1 });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/reader-beta", new { account = "reader", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/old-beta", new { account = "old", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/off-beta", new { account = "off", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/shared-alpha", new { account = "shared", package = "pkg-alpha", start = "2026-01-01", end = "2026-12-31", seats = 1 });
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    // connection address, X-Forwarded-For (null = none), record, expected decision
    [TestCase("202.114.5.6", null, "A", "available", TestName = "v4 inside whu: alpha available")]
    [TestCase("202.114.5.6", null, "B", "no_license", TestName = "v4 inside whu: beta not licensed")]
    [TestCase("202.115.0.1", null, "A", "login_required", TestName = "v4 just outside whu: anonymous")]
    [TestCase("202.113.255.255", null, "A", "login_required", TestName = "v4 just below whu: anonymous")]
    [TestCase("202.114.255.255", null, "A", "available", TestName = "v4 last address of whu")]
    [TestCase("2001:da8:2000:1::5", null, "A", "available", TestName = "v6 inside whu")]
    [TestCase("2001:da8:2001::1", null, "A", "login_required", TestName = "v6 outside whu")]
    [TestCase("::ffff:202.114.5.6", null, "A", "available", TestName = "v4-mapped v6 inside whu")]
    [TestCase("10.99.0.1", "202.114.1.1", "A", "available", TestName = "trusted proxy forwards a whu client")]
    [TestCase("::ffff:10.99.0.1", "202.114.1.1", "A", "available", TestName = "trusted proxy seen as v4-mapped")]
    [TestCase("10.99.0.1", "8.8.8.8", "A", "login_required", TestName = "trusted proxy forwards an outside client")]
    [TestCase("10.99.0.1", "202.114.1.1, 8.8.8.8", "A", "login_required", TestName = "forged entry before the proxy's own is ignored")]
    [TestCase("fd00:99::7", "2001:da8:2000::9", "A", "available", TestName = "trusted v6 proxy network forwards a v6 whu client")]
    [TestCase("8.8.4.4", "202.114.1.1", "A", "login_required", TestName = "untrusted peer forging a whu address")]
    [TestCase("202.114.9.9", "8.8.8.8", "A", "available", TestName = "untrusted whu peer forging an outside address changes nothing")]
    [TestCase("10.99.0.2", "202.114.1.1", "A", "login_required", TestName = "neighbour of the trusted proxy is not trusted")]
    [TestCase("115.156.1.1", null, "A", "no_license", TestName = "future subscription grants nothing")]
    [TestCase("115.156.1.1", null, "B", "no_license", TestName = "past subscription grants nothing")]
    [TestCase("10.30.1.1", null, "B", "available", TestName = "consortium member uses the consortium's subscription")]
    [TestCase("10.30.1.1", null, "A", "no_license", TestName = "consortium member without a licence")]
    [TestCase(null, null, "A", "login_required", TestName = "no address at all")]
    public async Task Address_decides(string? connection, string? forwarded, string record, string expected)
    {
        using var client = _app.Browser(connection);
        if (forwarded is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwarded);
        }

        Assert.That(await AccessApp.DecisionAsync(client, record == "A" ? A : B), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_valid_account_opens_its_package_anywhere_and_adds_to_the_campus_rights()
    {
        using var outside = _app.Browser("8.8.8.8");
        await LoginAsync(outside, "reader", "reader-password", HttpStatusCode.OK);
        using var campus = _app.Browser("202.114.1.1");
        await LoginAsync(campus, "reader", "reader-password", HttpStatusCode.OK);
        Assert.Multiple(async () =>
        {
            Assert.That(await AccessApp.DecisionAsync(outside, B), Is.EqualTo("available"));
            Assert.That(await AccessApp.DecisionAsync(outside, A), Is.EqualTo("no_license"));
            Assert.That(await AccessApp.DecisionAsync(campus, A), Is.EqualTo("available"), "the address's right");
            Assert.That(await AccessApp.DecisionAsync(campus, B), Is.EqualTo("available"), "the account's right");
        });

        var logout = await outside.PostAsync("/api/auth/logout", null);
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await AccessApp.DecisionAsync(outside, B), Is.EqualTo("login_required"));
    }

    [TestCase("old", "old-password", "expired", TestName = "expired account cannot log in")]
    [TestCase("off", "off-password", "disabled", TestName = "disabled account cannot log in")]
    public async Task Invalid_accounts_get_nothing(string user, string password, string word)
    {
        using var client = _app.Browser("8.8.8.8");
        var body = await LoginAsync(client, user, password, HttpStatusCode.Forbidden);
        Assert.That(body["detail"]!.GetValue<string>(), Does.Contain(word));
        Assert.That(await AccessApp.DecisionAsync(client, B), Is.EqualTo("login_required"));
    }

    [Test]
    public async Task An_account_that_expires_while_logged_in_stops_granting()
    {
        using var admin = _app.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/accounts/short", new { password = "short-password", validFrom = "2026-01-01", validTo = Start.AddHours(1).ToString("O") });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/short-beta", new { account = "short", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31" });
        using var client = _app.Browser("8.8.8.8");
        await LoginAsync(client, "short", "short-password", HttpStatusCode.OK);
        Assert.That(await AccessApp.DecisionAsync(client, B), Is.EqualTo("available"));
        for (var i = 0; i < 5; i++)
        {
            _app.Time.Advance(TimeSpan.FromMinutes(15)); // stays active, so the session itself does not expire
            await AccessApp.DecisionAsync(client, A);
        }

        Assert.That(await AccessApp.DecisionAsync(client, B), Is.EqualTo("login_required"));
    }

    [Test]
    public async Task Wrong_password_is_401_and_the_fulltext_route_names_the_reason()
    {
        using var client = _app.Browser("8.8.8.8");
        await LoginAsync(client, "reader", "not-the-password", HttpStatusCode.Unauthorized);
        var denied = await client.GetAsync($"/api/records/{A}/fulltext");
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var problem = await denied.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(problem!["reason"]!.GetValue<string>(), Is.EqualTo("login_required"));

        using var campus = _app.Browser("202.114.1.1");
        var noLicence = await campus.GetAsync($"/api/records/{B}/fulltext");
        Assert.That(noLicence.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await noLicence.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>(), Is.EqualTo("no_license"));
    }

    [TestCase(null, "login_required", TestName = "record JSON: anonymous sees no full-text link")]
    [TestCase("202.114.1.1", "available", TestName = "record JSON: an entitled campus sees the partner's full-text link")]
    [TestCase("115.156.1.1", "no_license", TestName = "record JSON: a campus without a current licence sees no full-text link")]
    public async Task Record_json_shows_full_text_links_only_as_the_decision_allows(string? address, string expected)
    {
        using var client = _app.Browser(address);
        var record = await client.GetFromJsonAsync<JsonObject>($"/api/records/{A}");
        Assert.That(record!["access"]!["fulltext"]!.GetValue<string>(), Is.EqualTo(expected));
        var json = record.ToJsonString();
        var source = record["sources"]!.AsArray().Single()!.AsObject();
        if (expected == "available")
        {
            Assert.That(source["fullText"]!.GetValue<string>(), Is.EqualTo("https://alpha.example.invalid/fulltext/1.pdf"));
            Assert.That(source["links"]!.AsArray().Select(l => l!["kind"]!.GetValue<string>()), Does.Contain("fulltext"));
        }
        else
        {
            Assert.That(json, Does.Not.Contain("alpha.example.invalid/fulltext"), "the partner's full-text URL appears nowhere");
            Assert.That(source["links"]!.AsArray().Select(l => l!["kind"]!.GetValue<string>()), Has.None.EqualTo("fulltext"));
            Assert.That(source["fullText"]!.GetValue<string>(), Is.EqualTo($"/api/records/{source["recordId"]!.GetValue<string>()}/fulltext"), "the gate, which names the reason");
        }
    }

    [Test]
    public async Task Search_hits_carry_the_decision()
    {
        using var campus = _app.Browser("202.114.1.1");
        var result = await campus.GetFromJsonAsync<JsonObject>("/api/search?q=&size=10");
        var decisions = result!["hits"]!.AsArray().ToDictionary(h => h!["id"]!.GetValue<string>(), h => h!["access"]!["fulltext"]!.GetValue<string>());
        Assert.That(decisions, Is.EquivalentTo(new Dictionary<string, string>
        {
            [A] = "available",
            [AccessApp.AlphaTwo] = "available",
            [B] = "no_license",
        }));
    }

    [Test]
    public async Task Seats_are_counted_per_subscription_and_freed_by_idle_expiry()
    {
        using var first = _app.Browser("10.20.1.1");
        using var second = _app.Browser("10.30.1.1");
        var granted = await first.GetAsync($"/api/records/{B}/fulltext");
        Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(granted.Headers.Location!.ToString(), Is.EqualTo("https://beta.example.invalid/pdf/1.pdf"));
        Assert.That(await AccessApp.DecisionAsync(first, B), Is.EqualTo("available"), "the holder keeps its seat");
        Assert.That(await AccessApp.DecisionAsync(second, B), Is.EqualTo("limit_exceeded"));
        var refused = await second.GetAsync($"/api/records/{B}/fulltext");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>(), Is.EqualTo("limit_exceeded"));

        _app.Time.Advance(TimeSpan.FromMinutes(19));
        Assert.That(await AccessApp.DecisionAsync(second, B), Is.EqualTo("limit_exceeded"), "19 idle minutes: the holder's session lives");
        _app.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await AccessApp.DecisionAsync(second, B), Is.EqualTo("available"), "21 idle minutes: the seat is free at once");
        Assert.That((await second.GetAsync($"/api/records/{B}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await AccessApp.DecisionAsync(first, B), Is.EqualTo("limit_exceeded"), "the first visitor lost the seat");
    }

    [Test]
    public async Task A_logout_frees_the_seat_at_once()
    {
        using var first = _app.Browser("8.8.8.8");
        using var second = _app.Browser("8.8.8.9");
        await LoginAsync(first, "shared", "shared-password", HttpStatusCode.OK);
        await LoginAsync(second, "shared", "shared-password", HttpStatusCode.OK);
        Assert.That((await first.GetAsync($"/api/records/{AccessApp.AlphaTwo}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await AccessApp.DecisionAsync(second, A), Is.EqualTo("limit_exceeded"));
        Assert.That((await first.PostAsync("/api/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await AccessApp.DecisionAsync(second, A), Is.EqualTo("available"));
    }

    [Test]
    public async Task The_institution_download_budget_stops_bulk_downloading()
    {
        using var campus = _app.Browser("2001:da8:2000::77");
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await campus.GetAsync($"/api/records/{A}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"download {i + 1}");
        }

        var sixth = await campus.GetAsync($"/api/records/{A}/fulltext");
        Assert.That(sixth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(sixth.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromHours(1)), "the oldest download leaves the window in an hour (the fake clock stood still)");
        Assert.That((await sixth.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>(), Is.EqualTo("limit_exceeded"));
        using var colleague = _app.Browser("202.114.8.8");
        Assert.That(await AccessApp.DecisionAsync(colleague, A), Is.EqualTo("limit_exceeded"), "the budget is the institution's");
        _app.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.That(await AccessApp.DecisionAsync(colleague, A), Is.EqualTo("available"));
    }

    [Test]
    public async Task The_account_download_budget_is_the_accounts_own()
    {
        using var admin = _app.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/accounts/hoarder", new { password = "hoarder-password", validFrom = "2026-01-01", validTo = "2026-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/hoarder-beta", new { account = "hoarder", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31" });
        using var client = _app.Browser("8.8.8.50");
        await LoginAsync(client, "hoarder", "hoarder-password", HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await client.GetAsync($"/api/records/{B}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"download {i + 1}");
        }

        Assert.That((await client.GetAsync($"/api/records/{B}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await AccessApp.DecisionAsync(client, B), Is.EqualTo("limit_exceeded"));
        using var reader = _app.Browser("8.8.8.51");
        await LoginAsync(reader, "reader", "reader-password", HttpStatusCode.OK);
        Assert.That(await AccessApp.DecisionAsync(reader, B), Is.EqualTo("available"), "another account's budget is untouched");
    }

    [Test]
    public async Task Logins_are_throttled_per_user_and_per_address()
    {
        using var admin = _app.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/accounts/target", new { password = "target-password", validFrom = "2026-01-01", validTo = "2026-12-31" });
        using var attacker = _app.Browser("8.8.8.100");
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(attacker, "target", "guess-" + i, HttpStatusCode.Unauthorized);
        }

        // The guesser's address must wait for this account, even with the right password ...
        await LoginAsync(attacker, "target", "target-password", HttpStatusCode.TooManyRequests);
        // ... but a stranger cannot lock the owner out: from the owner's address the account still opens.
        using var owner = _app.Browser("202.114.3.3");
        await LoginAsync(owner, "target", "target-password", HttpStatusCode.OK);
        _app.Time.Advance(TimeSpan.FromMinutes(16));
        await LoginAsync(attacker, "target", "target-password", HttpStatusCode.OK);

        using var sprayer = _app.Browser("8.8.8.200");
        for (var i = 0; i < 20; i++)
        {
            await LoginAsync(sprayer, "nobody-" + i, "guess", HttpStatusCode.Unauthorized);
        }

        await LoginAsync(sprayer, "reader", "reader-password", HttpStatusCode.TooManyRequests);
    }

    /// <summary>A guess spread over many addresses meets the account's own bound (Search:Access:LoginThrottle:MaxFailuresPerUser).</summary>
    [Test]
    public async Task A_guess_spread_over_many_addresses_meets_the_accounts_bound()
    {
        using var admin = _app.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/accounts/spread", new { password = "spread-password", validFrom = "2026-01-01", validTo = "2026-12-31" });
        for (var i = 0; i < 100; i++)
        {
            using var guesser = _app.Browser($"9.9.{i / 200}.{(i % 200) + 1}");
            await LoginAsync(guesser, "spread", "guess", HttpStatusCode.Unauthorized);
        }

        using var owner = _app.Browser("202.114.3.4");
        await LoginAsync(owner, "spread", "spread-password", HttpStatusCode.TooManyRequests);
        _app.Time.Advance(TimeSpan.FromMinutes(16));
        await LoginAsync(owner, "spread", "spread-password", HttpStatusCode.OK);
    }

    [Test]
    public async Task Librarian_logins_are_throttled_and_a_stranger_cannot_lock_the_librarian_out()
    {
        using var guesser = _app.Browser("8.8.4.4");
        for (var i = 0; i < 5; i++)
        {
            var wrong = await guesser.PostAsJsonAsync("/api/admin/login", new { user = AccessApp.AdminUser, password = "guess-" + i });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var blocked = await guesser.PostAsJsonAsync("/api/admin/login", new { user = AccessApp.AdminUser, password = AccessApp.AdminPassword });
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the right password from the guesser's address must wait");
        Assert.That(blocked.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromMinutes(14)));
        guesser.DefaultRequestHeaders.Authorization = AccessApp.Basic(AccessApp.AdminUser, AccessApp.AdminPassword);
        Assert.That((await guesser.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "HTTP Basic counts the same failures");

        using var librarian = _app.Browser("202.114.9.9");
        var ok = await librarian.PostAsJsonAsync("/api/admin/login", new { user = AccessApp.AdminUser, password = AccessApp.AdminPassword });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "from the librarian's own address the console opens");
        _app.Time.Advance(TimeSpan.FromMinutes(16));
    }

    [Test]
    public async Task Wrong_basic_credentials_are_counted_for_a_librarian()
    {
        using var guesser = _app.Browser("8.8.4.5");
        guesser.DefaultRequestHeaders.Authorization = AccessApp.Basic(AccessApp.AdminUser, "wrong");
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await guesser.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        guesser.DefaultRequestHeaders.Authorization = AccessApp.Basic(AccessApp.AdminUser, AccessApp.AdminPassword);
        Assert.That((await guesser.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        _app.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.That((await guesser.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, null, TestName = "CSRF: a cookie change without Origin or Referer is refused")]
    [TestCase("https://evil.example", null, TestName = "CSRF: a cookie change from another origin is refused")]
    [TestCase("http://localhost", "cross-site", TestName = "CSRF: a change the browser marks cross-site is refused")]
    public async Task Cookie_authenticated_changes_from_elsewhere_are_refused(string? origin, string? fetchSite)
    {
        using var reader = _app.Browser("8.8.8.9");
        await LoginAsync(reader, "reader", "reader-password", HttpStatusCode.OK);
        reader.DefaultRequestHeaders.Remove("Origin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        var forged = await reader.SendAsync(request);
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await forged.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), Does.Contain("cookie"));
        Assert.That((await reader.GetFromJsonAsync<JsonObject>("/api/auth/me"))!["user"]!.GetValue<string>(), Is.EqualTo("reader"), "still signed in");

        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        own.Headers.Add("Referer", "http://localhost/records/x");
        Assert.That((await reader.SendAsync(own)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "from the site's own page");
    }

    [Test]
    public async Task A_librarian_cookie_change_from_another_site_is_refused_and_changes_nothing()
    {
        using var console = _app.Browser("202.114.9.11");
        Assert.That((await console.PostAsJsonAsync("/api/admin/login", new { user = AccessApp.AdminUser, password = AccessApp.AdminPassword })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        console.DefaultRequestHeaders.Remove("Origin");
        console.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        var forged = await console.PutAsJsonAsync("/api/admin/packages/forged", new { name = "forged", sources = new[] { "alpha" } });
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        console.DefaultRequestHeaders.Remove("Origin");
        console.DefaultRequestHeaders.Add("Origin", "http://localhost");
        var packages = await console.GetFromJsonAsync<JsonArray>("/api/admin/packages");
        Assert.That(packages!.Select(p => p!["id"]!.GetValue<string>()), Has.None.EqualTo("forged"));
        var own = await console.PutAsJsonAsync("/api/admin/packages/own", new { name = "own", sources = new[] { "alpha" } });
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("/", TestName = "security headers: the search page")]
    [TestCase("/api/search?q=x", TestName = "security headers: the API")]
    [TestCase("/api/records/nothing-here", TestName = "security headers: a 404")]
    [TestCase("/api/admin/sources", TestName = "security headers: a 401")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var client = _app.Browser(null);
        var response = await client.GetAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("strict-origin-when-cross-origin"));
        });
    }

    [Test]
    public async Task Logging_out_revokes_the_librarian_cookie()
    {
        using var console = _app.Browser("202.114.9.10");
        var login = await console.PostAsJsonAsync("/api/admin/login", new { user = AccessApp.AdminUser, password = AccessApp.AdminPassword });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("librarian=", StringComparison.Ordinal)).Split(';')[0];
        Assert.That((await console.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await console.PostAsync("/api/admin/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var copy = _app.Browser("202.114.9.10");
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.That((await copy.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the cookie saved before logout is dead");
    }

    [Test]
    public async Task Overlapping_ranges_are_rejected_naming_both_institutions()
    {
        using var admin = _app.AdminClient();
        var response = await admin.PutAsJsonAsync("/api/admin/institutions/intruder", new { name = "Intruder", ipRanges = new[] { "202.114.128.0/17", "2001:da8:2000:ff00::/56" } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body, Does.Contain("202.114.128.0/17 of institution 'intruder' overlaps 202.114.0.0/16 of institution 'whu' (武汉大学)"));
            Assert.That(body, Does.Contain("2001:da8:2000:ff00::/56 of institution 'intruder' overlaps 2001:da8:2000::/48 of institution 'whu'"));
        });
        var bad = await admin.PutAsJsonAsync("/api/admin/institutions/sloppy", new { name = "Sloppy", ipRanges = new[] { "202.116.1.1/16" } });
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("did you mean 202.116.0.0/16"));
        var list = await admin.GetFromJsonAsync<JsonArray>("/api/admin/institutions");
        var hubei = list!.Single(i => i!["id"]!.GetValue<string>() == "hubei")!;
        Assert.That(hubei["members"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "member-a" }));
        Assert.That(list!.Any(i => i!["id"]!.GetValue<string>() == "intruder"), Is.False);
    }

    [Test]
    public async Task The_librarian_api_is_closed_to_others()
    {
        using var anonymous = _app.Browser("202.114.1.1");
        var response = await anonymous.PutAsJsonAsync("/api/admin/packages/free", new { name = "free", sources = new[] { "alpha" } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<JsonObject> LoginAsync(HttpClient client, string user, string password, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { user, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonNode.Parse(text)!.AsObject();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Entitlement;
using Search.Api.Tests.Support;
using Search.Ingestion.Tests.Storage;

namespace Search.Api.Tests.Integration;

/// <summary>
/// Two engines as real processes on one private PostgreSQL, each with its own data folder and index following
/// the change log: they serve the same answers, and what one of them grants (a seat, a download, a failed
/// login, a session) the other sees at once; a killed and restarted engine keeps all of it. Every client runs
/// on 127.0.0.1, which an institution's range covers; a "browser" is a cookie jar, used against either engine
/// (cookies do not care about ports, as in a browser behind a load balancer).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class TwoProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Two_engines_on_one_PostgreSQL_share_seats_budgets_throttles_and_sessions()
    {
        var root = Directory.CreateTempSubdirectory("two-engines-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Search:Database:Provider"] = "Postgres",
            ["Search:Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase(),
            ["Search:HarvestNewConfiguredSources"] = "false",
            ["Search:Access:SnapshotRefreshInterval"] = "00:00:00.200",
            ["Search:Access:DownloadBudget:PerAccount"] = "2",
            ["Search:Access:LoginThrottle:MaxFailuresPerUser"] = "3",
        };
        var portA = EngineProcess.FreePort();
        EngineProcess? a = null;
        EngineProcess? b = null;
        try
        {
            a = await EngineProcess.StartAsync(Path.Combine(root, "a"), portA, settings);
            b = await EngineProcess.StartAsync(Path.Combine(root, "b"), EngineProcess.FreePort(), settings);
            await HarvestThroughAsync(a);
            await Eventually.WaitAsync(async () => await TotalAsync(b) == 3 ? (object)true : null, Patience, "the second engine's index to follow the change log");

            await DefineCustomersThroughAsync(a);
            using var x = new Browser();
            using var y = new Browser();
            await Eventually.WaitAsync(
                async () => await y.DecisionAsync(b, AccessApp.BetaOne) == "available" ? (object)true : null,
                Patience,
                "the second engine to reload the entitlement changed through the first");

            // A seat taken on one engine is full on the other, at once (no waiting: seats are not cached).
            Assert.That((await x.GetAsync(a, $"/api/records/{AccessApp.BetaOne}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.Multiple(async () =>
            {
                Assert.That(await y.DecisionAsync(b, AccessApp.BetaOne), Is.EqualTo("limit_exceeded"));
                var refused = await y.GetAsync(b, $"/api/records/{AccessApp.BetaOne}/fulltext");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That((await refused.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>(), Is.EqualTo("limit_exceeded"));
                Assert.That(await x.DecisionAsync(b, AccessApp.BetaOne), Is.EqualTo("available"), "the holder's cookie is its session on either engine");
            });

            // A download budget spent on one engine is spent on the other.
            using var reader = new Browser();
            using var sameReader = new Browser();
            await reader.LoginAsync(a, "reader", "reader-password", HttpStatusCode.OK);
            await sameReader.LoginAsync(b, "reader", "reader-password", HttpStatusCode.OK);
            for (var i = 0; i < 2; i++)
            {
                Assert.That((await reader.GetAsync(a, $"/api/records/{AccessApp.AlphaOne}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), $"download {i + 1}");
            }

            var spent = await sameReader.GetAsync(b, $"/api/records/{AccessApp.AlphaOne}/fulltext");
            Assert.Multiple(async () =>
            {
                Assert.That(spent.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
                Assert.That(spent.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromMinutes(55)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
                Assert.That((await spent.Content.ReadFromJsonAsync<JsonObject>())!["reason"]!.GetValue<string>(), Is.EqualTo("limit_exceeded"));
            });

            // Failed logins counted by one engine throttle the other.
            using var attacker = new Browser();
            for (var i = 0; i < 3; i++)
            {
                await attacker.LoginAsync(a, "target", "guess-" + i, HttpStatusCode.Unauthorized);
            }

            using var owner = new Browser();
            var throttled = await owner.LoginAsync(b, "target", "target-password", HttpStatusCode.TooManyRequests);
            Assert.That(throttled.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromMinutes(14)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(15)));

            // Both engines answer a search alike, access decisions included.
            Assert.That(await y.SearchAsync(b, "湖北"), Is.EqualTo(await y.SearchAsync(a, "湖北")));

            // SIGKILL and a new start of the first engine: sessions, seats, budgets and throttles are all still there.
            a.Kill();
            a.Dispose();
            a = null;
            a = await EngineProcess.StartAsync(Path.Combine(root, "a"), portA, settings);
            Assert.Multiple(async () =>
            {
                var me = await (await reader.GetAsync(a, "/api/auth/me")).Content.ReadFromJsonAsync<JsonObject>();
                Assert.That(me!["user"]?.GetValue<string>(), Is.EqualTo("reader"), "the cookie still works after the restart");
                Assert.That(await y.DecisionAsync(a, AccessApp.BetaOne), Is.EqualTo("limit_exceeded"), "the seat is still held");
                Assert.That(await x.DecisionAsync(a, AccessApp.BetaOne), Is.EqualTo("available"), "by its holder");
                Assert.That((await reader.GetAsync(a, $"/api/records/{AccessApp.AlphaOne}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the budget is still spent");
                await owner.LoginAsync(a, "target", "target-password", HttpStatusCode.TooManyRequests);
            });

            // A logout on the second engine frees the seat on the restarted first one at once.
            Assert.That((await x.PostAsync(b, "/api/auth/logout")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That((await y.GetAsync(a, $"/api/records/{AccessApp.BetaOne}/fulltext")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await x.DecisionAsync(b, AccessApp.BetaOne), Is.EqualTo("limit_exceeded"), "now the seat is the other visitor's");
        }
        catch
        {
            TestContext.Out.WriteLine("engine a:\n" + a?.Output + "\nengine b:\n" + b?.Output);
            throw;
        }
        finally
        {
            a?.Dispose();
            b?.Dispose();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task HarvestThroughAsync(EngineProcess engine)
    {
        using var admin = engine.AdminClient();
        foreach (var source in new[] { "alpha", "beta" })
        {
            await AccessApp.PutAsync(admin, $"/api/admin/sources/{source}", new
            {
                name = source,
                connector = "file",
                settings = new { path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "access", source), format = "oai-pmh" },
                schedule = (string?)null,
            });
            var started = await admin.PostAsync($"/api/admin/sources/{source}/harvests", null);
            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
            var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
            var run = await Eventually.WaitAsync(
                async () =>
                {
                    var r = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                    return r!["status"]!.GetValue<string>() == "running" ? null : r;
                },
                Patience,
                $"the harvest of {source}");
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        }

        await Eventually.WaitAsync(async () => await TotalAsync(engine) == 3 ? (object)true : null, Patience, "the first engine's index");
    }

    /// <summary>Everything defined through one engine; the seat-limited subscription last, so seeing it on the other engine means seeing all.</summary>
    private static async Task DefineCustomersThroughAsync(EngineProcess engine)
    {
        using var admin = engine.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/institutions/local", new { name = "本机研究所", ipRanges = new[] { "127.0.0.0/8" } });
        await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-alpha", new { name = "Alpha", sources = new[] { "alpha" } });
        await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-beta", new { name = "Beta", sources = new[] { "beta" } });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/reader", new { password = "reader-password", validFrom = "2020-01-01", validTo = "2099-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/accounts/target", new { password = "target-password", validFrom = "2020-01-01", validTo = "2099-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/reader-alpha", new { account = "reader", package = "pkg-alpha", start = "2020-01-01", end = "2099-12-31" });
        await AccessApp.PutAsync(admin, "/api/admin/subscriptions/local-beta", new { institution = "local", package = "pkg-beta", start = "2020-01-01", end = "2099-12-31", seats = 1 });
    }

    private static async Task<long> TotalAsync(EngineProcess engine)
    {
        using var client = new HttpClient { BaseAddress = engine.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var result = await client.GetFromJsonAsync<JsonObject>("/api/search?q=&size=10");
        return result!["total"]!.GetValue<long>();
    }

    /// <summary>A visitor: one cookie jar, sent to whichever engine it asks.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly HttpClient _client = new(
            new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        public Task<HttpResponseMessage> GetAsync(EngineProcess engine, string path) => _client.GetAsync(new Uri(engine.BaseAddress, path));

        /// <summary>A change sent as a browser sends it from the engine's own page (with its Origin).</summary>
        public Task<HttpResponseMessage> PostAsync(EngineProcess engine, string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(engine.BaseAddress, path));
            request.Headers.Add("Origin", engine.BaseAddress.GetLeftPart(UriPartial.Authority));
            return _client.SendAsync(request);
        }

        public async Task<HttpResponseMessage> LoginAsync(EngineProcess engine, string user, string password, HttpStatusCode expected)
        {
            var response = await _client.PostAsJsonAsync(new Uri(engine.BaseAddress, "/api/auth/login"), new { user, password });
            Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
            return response;
        }

        public async Task<string> DecisionAsync(EngineProcess engine, string recordId)
        {
            var response = await GetAsync(engine, $"/api/records/{recordId}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            return JsonNode.Parse(body)!["access"]!["fulltext"]!.GetValue<string>();
        }

        /// <summary>The hits of a search as JSON text (ids, titles, highlights, access) and the total.</summary>
        public async Task<string> SearchAsync(EngineProcess engine, string query)
        {
            var response = await GetAsync(engine, $"/api/search?q={Uri.EscapeDataString(query)}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.That(body["hits"]!.AsArray(), Is.Not.Empty, $"{query} finds records");
            return body["total"]!.ToJsonString() + body["hits"]!.ToJsonString();
        }

        public void Dispose() => _client.Dispose();
    }
}

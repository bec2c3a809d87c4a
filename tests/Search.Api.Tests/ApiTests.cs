using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Support;

namespace Search.Api.Tests;

/// <summary>The spine through the HTTP API: a source defined, harvested from OAI-PMH dumps, and searched.</summary>
[TestFixture]
[NonParallelizable]
public class ApiTests
{
    private SearchApp _app = null!;
    private JsonObject _run = null!;

    [OneTimeSetUp]
    public async Task HarvestTheDemoDumps()
    {
        _app = new SearchApp();
        await _app.PutSourceAsync("csl", "file", new { path = RepoPaths.DemoCsl, format = "oai-pmh" }, "CSL 样本");
        _run = await _app.HarvestAsync("csl");
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    public void The_run_reports_what_it_did()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), _run.ToJsonString());
            Assert.That(_run["source"]!.GetValue<string>(), Is.EqualTo("csl"));
            Assert.That(_run["harvested"]!.GetValue<int>(), Is.EqualTo(1000));
            Assert.That(_run["new"]!.GetValue<int>(), Is.EqualTo(1000));
            Assert.That(_run["quarantined"]!.GetValue<int>(), Is.Zero);
            Assert.That(_run["finishedAt"]!.GetValue<DateTimeOffset>(), Is.GreaterThanOrEqualTo(_run["startedAt"]!.GetValue<DateTimeOffset>()));
            Assert.That(_run["errors"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task Two_consecutive_characters_of_a_title_find_the_record()
    {
        var all = await _app.SearchAsync("", "&size=100");
        var random = new Random(7);
        foreach (var hit in all["hits"]!.AsArray().Take(25))
        {
            var title = hit!["title"]!.GetValue<string>();
            var id = hit["id"]!.GetValue<string>();
            var cjk = Enumerable.Range(0, title.Length - 1)
                .Where(i => IsHan(title[i]) && IsHan(title[i + 1]))
                .ToList();
            var start = cjk[random.Next(cjk.Count)];
            var pair = title.Substring(start, 2);
            Assert.That(await FindsAsync(pair, id), Is.True, $"'{pair}' should find '{title}'");
        }
    }

    [Test]
    public async Task A_pasted_title_with_punctuation_finds_its_record_first()
    {
        var all = await _app.SearchAsync("", "&size=50");
        foreach (var hit in all["hits"]!.AsArray().Take(10))
        {
            var title = hit!["title"]!.GetValue<string>();
            var result = await _app.SearchAsync("【" + title + "】: -- (?)");
            Assert.That(SearchApp.HitIds(result), Does.Contain(hit["id"]!.GetValue<string>()), title);
        }
    }

    [Test]
    public async Task Facet_counts_add_up_to_the_total()
    {
        var result = await _app.SearchAsync("研究");
        var total = result["total"]!.GetValue<long>();
        Assert.That(total, Is.GreaterThan(0));
        foreach (var facet in new[] { "type", "source" })
        {
            var sum = result["facets"]![facet]!.AsArray().Sum(v => v!["count"]!.GetValue<long>());
            Assert.That(sum, Is.EqualTo(total), facet);
        }
    }

    [Test]
    public async Task Facet_filters_narrow_the_hits()
    {
        var all = await _app.SearchAsync("");
        var type = all["facets"]!["type"]!.AsArray()[0]!["value"]!.GetValue<string>();
        var narrowed = await _app.SearchAsync("", $"&type={type}&source=csl");
        Assert.That(narrowed["total"]!.GetValue<long>(), Is.EqualTo(all["facets"]!["type"]!.AsArray()[0]!["count"]!.GetValue<long>()));
        var none = await _app.SearchAsync("", "&type=patent");
        Assert.That(none["total"]!.GetValue<long>(), Is.Zero);
    }

    [Test]
    public async Task A_hit_has_the_promised_shape_and_its_record_can_be_fetched()
    {
        var result = await _app.SearchAsync("系统");
        var hit = result["hits"]!.AsArray()[0]!.AsObject();
        foreach (var key in new[] { "id", "title", "authors", "year", "type", "sources", "highlights" })
        {
            Assert.That(hit.ContainsKey(key), Is.True, key);
        }

        Assert.That(hit["title"]!.GetValue<string>(), Does.Not.Contain("<em>"));
        Assert.That(hit["sources"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "csl" }));

        using var client = _app.CreateClient();
        var record = await client.GetFromJsonAsync<JsonObject>($"/api/records/{hit["id"]!.GetValue<string>()}");
        Assert.That(record!["title"]!.GetValue<string>(), Is.EqualTo(hit["title"]!.GetValue<string>()));
        Assert.That(record["sources"]!.AsArray()[0]!["id"]!.GetValue<string>(), Is.EqualTo("csl"));
        Assert.That(record["sources"]!.AsArray()[0]!["name"]!.GetValue<string>(), Is.EqualTo("CSL 样本"));

        var missing = await client.GetAsync("/api/records/nope");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("page=abc", "page")]
    [TestCase("page=0", "page")]
    [TestCase("size=1000", "size")]
    [TestCase("sort=random", "sort")]
    [TestCase("year=twenty", "year")]
    [TestCase("year=2020-2010", "year")]
    public async Task Bad_parameters_are_a_400_with_a_message(string query, string named)
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/api/search?q=x&" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(problem!["detail"]!.GetValue<string>(), Does.Contain(named));
    }

    [TestCase("title: (with) [brackets] {and} \"unbalanced")]
    [TestCase("AND OR NOT")]
    [TestCase("\\/*?~^+-!&&||")]
    [TestCase("基于——深度学习：一种（新）方法？")]
    [TestCase("\"\"")]
    [TestCase("-")]
    public async Task Odd_queries_are_text_not_errors(string q)
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_librarian_api_needs_a_librarian()
    {
        using var anonymous = _app.CreateClient();
        Assert.That((await anonymous.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        anonymous.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("librarian:wrong"u8.ToArray()));
        Assert.That((await anonymous.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_librarian_can_sign_in_with_a_cookie()
    {
        using var client = _app.CreateClient(new() { HandleCookies = true });
        var bad = await client.PostAsJsonAsync("/api/admin/login", new { user = SearchApp.AdminUser, password = "nope" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var ok = await client.PostAsJsonAsync("/api/admin/login", new { user = SearchApp.AdminUser, password = SearchApp.AdminPassword });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync("/api/admin/sources")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Sources_list_their_connector_capabilities_and_last_run()
    {
        using var client = _app.AdminClient();
        var sources = await client.GetFromJsonAsync<JsonArray>("/api/admin/sources");
        var csl = sources!.Single(s => s!["id"]!.GetValue<string>() == "csl")!;
        Assert.That(csl["connector"]!.GetValue<string>(), Is.EqualTo("file"));
        Assert.That(csl["records"]!.GetValue<long>(), Is.EqualTo(1000));
        Assert.That(csl["lastRun"]!["runId"]!.GetValue<long>(), Is.EqualTo(_run["runId"]!.GetValue<long>()));
        var runs = await client.GetFromJsonAsync<JsonArray>("/api/admin/sources/csl/harvests");
        Assert.That(runs![0]!["runId"]!.GetValue<long>(), Is.EqualTo(_run["runId"]!.GetValue<long>()));
    }

    [Test]
    public async Task Invalid_source_definitions_are_refused_with_reasons()
    {
        using var client = _app.AdminClient();
        var response = await client.PutAsJsonAsync("/api/admin/sources/Bad Id", new { name = "", connector = "gopher", settings = 5, schedule = "every day" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("id").And.Contain("gopher").And.Contain("schedule").And.Contain("name"));

        var oai = await client.PutAsJsonAsync("/api/admin/sources/partner", new { name = "P", connector = "oai-pmh", settings = new { baseUrl = "not a url" } });
        Assert.That(oai.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await oai.Content.ReadAsStringAsync());

        var malformed = await client.PutAsync("/api/admin/sources/x", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Oversized_settings_and_system_files_are_refused_as_source_definitions()
    {
        using var client = _app.AdminClient();
        var huge = await client.PutAsJsonAsync("/api/admin/sources/huge", new { name = "H", connector = "file", settings = new { path = RepoPaths.DemoCsl, format = "oai-pmh", note = new string('x', 100_000) } });
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await huge.Content.ReadAsStringAsync(), Does.Contain("at most 65,536 characters"));

        foreach (var (path, format) in new[] { ("/etc/passwd", "csv"), ("/etc", "marcxml"), ("/proc/self/environ", "csv") })
        {
            var response = await client.PutAsJsonAsync("/api/admin/sources/sys", new { name = "S", connector = "file", settings = new { path, format } });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("system folder"), path);
        }

        var unknown = await client.PutAsJsonAsync("/api/admin/sources/typo", new { name = "T", connector = "oai-pmh", settings = new { baseUrl = "https://repo.example.org/oai", metadataPrefx = "oai_dc" } });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("'metadataPrefx' is not a setting of the oai-pmh connector").And.Contain("metadataPrefix"));

        var sources = await client.GetFromJsonAsync<JsonArray>("/api/admin/sources");
        Assert.That(sources!.Select(s => s!["id"]!.GetValue<string>()), Has.None.EqualTo("huge").And.None.EqualTo("sys").And.None.EqualTo("typo"));
    }

    [Test]
    public async Task Harvesting_an_unknown_source_is_a_404()
    {
        using var client = _app.AdminClient();
        var response = await client.PostAsync("/api/admin/sources/nope/harvests", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Metrics_are_in_the_prometheus_text_format_with_request_latencies_and_index_lag()
    {
        using var client = _app.CreateClient();
        Assert.That((await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("神经网络"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var response = await client.GetAsync("/metrics");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"), await response.Content.ReadAsStringAsync());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Matches(@"^search_index_lag_changes \d+$"));
            Assert.That(lines, Has.Some.Matches(@"^search_index_documents 1000$"));
            Assert.That(lines, Has.Some.Matches(@"^search_usage_queue_length \d+$"));
            Assert.That(lines, Has.Member("# TYPE http_server_request_duration_seconds histogram"));
            Assert.That(lines, Has.Some.Matches(@"^http_server_request_duration_seconds_count\{.*http_route=""/api/search"".*\} [1-9]\d*$"));
            Assert.That(lines, Has.Some.Matches(@"^http_server_request_duration_seconds_bucket\{.*http_route=""/api/search"".*le=""\+Inf""\} [1-9]\d*$"));
            Assert.That(lines, Has.Some.Matches(@"^search_ingestion_batch_phase_seconds_count\{phase=""fetch""\} [1-9]\d*$"), "the harvest's phases");
        });
        var ready = await client.GetFromJsonAsync<JsonObject>("/health/ready");
        Assert.That(ready!["indexLag"]!.GetValue<long>(), Is.EqualTo(0));
    }

    [Test]
    public async Task Health_is_public()
    {
        using var client = _app.CreateClient();
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_search_page_is_served_in_chinese()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/");
        Assert.That(html, Does.Contain("lang=\"zh-CN\"").And.Contain("检索"));
    }

    private async Task<bool> FindsAsync(string query, string id)
    {
        for (var page = 1; page <= 10; page++)
        {
            var result = await _app.SearchAsync(query, $"&size=100&page={page}");
            if (SearchApp.HitIds(result).Contains(id))
            {
                return true;
            }

            if (result["hits"]!.AsArray().Count < 100)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}

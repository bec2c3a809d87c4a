using System.Net;
using System.Text;
using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.JsonApi;
using Search.Connectors.Tests.Fakes;

namespace Search.Connectors.Tests.JsonApi;

[TestFixture]
public class JsonApiConnectorTests
{
    private const string Secret = "s3cr3t-key-不要泄露";

    /// <summary>Answers from code; records every request with its API key header.</summary>
    private sealed class ApiHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(Uri Uri, string? Key)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!, request.Headers.TryGetValues("X-Api-Key", out var v) ? v.Single() : null));
            return Task.FromResult(answer(request));
        }
    }

    private static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string Query(HttpRequestMessage r, string name) =>
        System.Web.HttpUtility.ParseQueryString(r.RequestUri!.Query)[name] ?? "";

    private static JsonElement Settings(string paging, string extra = "") => TestFiles.Json($$"""
        {"url": "https://api.nstl.test/v1/papers?db=journal", "paging": {{paging}},
         "recordsPath": "data.items", "idPath": "id", "datePath": "updated",
         "fields": {"title": "title", "authors": "$.authors[*].name", "year": "year", "doi": "doi"},
         "apiKey": {"header": "X-Api-Key", "env": "TEST_NSTL_KEY"},
         "http": {"timeoutSeconds": 7200, "maxAttempts": 2, "baseDelaySeconds": 0, "politenessDelaySeconds": 0} {{extra}}}
        """);

    private static string Page(int from, int count, string? cursor = null) =>
        JsonSerializer.Serialize(new
        {
            data = new
            {
                items = Enumerable.Range(from, count).Select(i => new
                {
                    id = $"NSTL{i:D4}",
                    title = $"第{i}篇论文",
                    authors = new[] { new { name = "张三" }, new { name = "李四" } },
                    year = 2020 + (i % 4),
                    updated = $"2024-03-{1 + (i % 28):D2}T08:00:00Z",
                }),
            },
            next = cursor,
        });

    [SetUp]
    public void SetKey() => Environment.SetEnvironmentVariable("TEST_NSTL_KEY", Secret);

    [TearDown]
    public void ClearKey() => Environment.SetEnvironmentVariable("TEST_NSTL_KEY", null);

    [Test]
    public async Task Page_paging_reads_every_page_sends_the_key_and_ends_a_complete_pass()
    {
        using var handler = new ApiHandler(r => Query(r, "page") switch
        {
            "1" => Json(Page(1, 10)),
            "2" => Json(Page(11, 10)),
            _ => Json(Page(21, 3)),
        });
        using var http = new HttpClient(handler);
        var connector = new JsonApiConnector(http, new FakeClock());
        var batches = await TestFiles.CollectAsync(connector.HarvestAsync(
            new HarvestContext("nstl", Settings("""{"mode": "page", "pageSize": 10}"""), null), CancellationToken.None));

        var records = batches.SelectMany(b => b.Records).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.ExternalId), Is.EqualTo(Enumerable.Range(1, 23).Select(i => $"NSTL{i:D4}")));
            Assert.That(batches.Select(b => b.EndsCompletePass), Is.EqualTo(new[] { false, false, true }));
            Assert.That(handler.Requests.Select(r => r.Key), Is.All.EqualTo(Secret));
            Assert.That(handler.Requests[1].Uri.Query, Does.Contain("db=journal").And.Contain("page=2").And.Contain("pageSize=10"));
            Assert.That(records[0].MetadataFormat, Is.EqualTo(MetadataFormats.Json));
            Assert.That(records[0].Datestamp, Is.EqualTo(new DateTimeOffset(2024, 3, 2, 8, 0, 0, TimeSpan.Zero)));
        });
        using var payload = JsonDocument.Parse(records[0].Payload!);
        Assert.Multiple(() =>
        {
            Assert.That(payload.RootElement.GetProperty("fields").GetProperty("authors").GetString(), Is.EqualTo("$.authors[*].name"));
            Assert.That(payload.RootElement.GetProperty("record").GetProperty("title").GetString(), Is.EqualTo("第1篇论文"));
        });
    }

    [Test]
    public async Task Cursor_paging_follows_the_cursor_and_a_repeated_cursor_is_a_loop()
    {
        using var handler = new ApiHandler(r => Query(r, "cursor") switch
        {
            "" => Json(Page(1, 5, "c2")),
            "c2" => Json(Page(6, 5, "c3")),
            _ => Json(Page(11, 2, null)),
        });
        using var http = new HttpClient(handler);
        var connector = new JsonApiConnector(http, new FakeClock());
        var settings = Settings("""{"mode": "cursor", "cursorParam": "cursor", "cursorPath": "next", "pageSize": 5}""");
        var batches = await TestFiles.CollectAsync(connector.HarvestAsync(new HarvestContext("nstl", settings, null), CancellationToken.None));
        Assert.That(batches.SelectMany(b => b.Records).Count(), Is.EqualTo(12));

        using var looping = new ApiHandler(_ => Json(Page(1, 5, "again")));
        using var loopingHttp = new HttpClient(looping);
        var ex = Assert.ThrowsAsync<ConnectorException>(async () => await TestFiles.CollectAsync(
            new JsonApiConnector(loopingHttp, new FakeClock()).HarvestAsync(new HarvestContext("nstl", settings, null), CancellationToken.None)));
        Assert.That(ex!.Message, Does.Contain("a second time"));
    }

    [Test]
    public async Task With_a_from_parameter_the_next_run_asks_only_for_changes_since_the_newest_date()
    {
        using var handler = new ApiHandler(_ => Json(Page(1, 4)));
        using var http = new HttpClient(handler);
        var connector = new JsonApiConnector(http, new FakeClock());
        var settings = Settings("""{"mode": "offset", "pageSize": 10}""", """, "fromParam": "updatedSince" """);
        var first = await TestFiles.CollectAsync(connector.HarvestAsync(new HarvestContext("nstl", settings, null), CancellationToken.None));
        Assert.That(first[^1].EndsCompletePass, Is.True, "a run without from sees everything");
        Assert.That(handler.Requests[0].Uri.Query, Does.Not.Contain("updatedSince"));

        var second = await TestFiles.CollectAsync(connector.HarvestAsync(new HarvestContext("nstl", settings, first[^1].Checkpoint), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(Uri.UnescapeDataString(handler.Requests[1].Uri.Query), Does.Contain("updatedSince=2024-03-05T08:00:00Z"));
            Assert.That(second[^1].EndsCompletePass, Is.False, "an incremental run is not a complete pass");
        });
    }

    [Test]
    public void The_api_key_never_appears_in_an_error()
    {
        using var handler = new ApiHandler(_ => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("key " + Secret + " refused") });
        using var http = new HttpClient(handler);
        var settings = Settings("""{"mode": "page"}""");
        var ex = Assert.ThrowsAsync<ConnectorException>(async () => await TestFiles.CollectAsync(
            new JsonApiConnector(http, new FakeClock()).HarvestAsync(new HarvestContext("nstl", settings, null), CancellationToken.None)));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("403"));
            Assert.That(ex.ToString(), Does.Not.Contain(Secret));
        });
    }

    [Test]
    public void Settings_problems_are_all_reported()
    {
        var connector = new JsonApiConnector(new HttpClient(), new FakeClock());
        var problems = connector.ValidateSettings(TestFiles.Json("""
            {"url": "ftp://x", "paging": {"mode": "cursor"}, "fields": {"author": "a[", "title": "t"}, "apiKey": {"header": "X"}}
            """));
        Assert.That(problems, Has.Some.Contains("'url'")
            .And.Some.Contains("cursorPath")
            .And.Some.Contains("recordsPath")
            .And.Some.Contains("idPath")
            .And.Some.Contains("fields.author")
            .And.Some.Contains("apiKey"));
    }

    [Test]
    public void Paths_reach_nested_values_and_arrays()
    {
        using var doc = JsonDocument.Parse("""{"a": {"b": [{"c": 1}, {"c": "x"}, {"d": 2}]}, "list": ["p", "q"]}""");
        Assert.Multiple(() =>
        {
            Assert.That(JsonPaths.SelectTexts(doc.RootElement, "$.a.b[*].c"), Is.EqualTo(new[] { "1", "x" }));
            Assert.That(JsonPaths.SelectTexts(doc.RootElement, "a.b.c"), Is.EqualTo(new[] { "1", "x" }));
            Assert.That(JsonPaths.SelectTexts(doc.RootElement, "list[1]"), Is.EqualTo(new[] { "q" }));
            Assert.That(JsonPaths.SelectTexts(doc.RootElement, "list"), Is.EqualTo(new[] { "p", "q" }));
            Assert.That(JsonPaths.SelectTexts(doc.RootElement, "missing.path"), Is.Empty);
            Assert.That(JsonPaths.Check("a[x"), Is.Not.Null);
        });
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Search.Connectors.Harvesting;
using Search.Connectors.Sru;
using Search.Api.Tests.Entitlement;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Sru;

/// <summary>
/// Somebody else's client: yaz-client talks SRU 1.2 and 2.0 to the built engine on 127.0.0.1 and finds the
/// held-out records of TestData/sru by CQL title, author and date queries with the right counts; a bad index
/// and a broken query come back as the standard diagnostics.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class SruYazClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sru-yaz-" + Guid.NewGuid().ToString("N"));
    private EngineProcess _engine = null!;

    [OneTimeSetUp]
    public async Task StartTheEngineWithTheHeldOutRecords()
    {
        _engine = await EngineProcess.StartAsync(_root, EngineProcess.FreePort(), new Dictionary<string, string> { ["Search:HarvestNewConfiguredSources"] = "false" });
        using var admin = _engine.AdminClient();
        await AccessApp.PutAsync(admin, "/api/admin/sources/sru", new
        {
            name = "SRU 测试库",
            connector = "file",
            settings = new { path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "sru"), format = "oai-pmh" },
            schedule = (string?)null,
        });
        var started = await admin.PostAsync("/api/admin/sources/sru/harvests", null);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
        var run = await Eventually.WaitAsync(
            async () =>
            {
                var r = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                return r!["status"]!.GetValue<string>() == "running" ? null : r;
            },
            Patience,
            "the harvest of the held-out records");
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        await Eventually.WaitAsync(
            async () =>
            {
                var doc = await SruResponses.GetAsync(admin, SruResponses.Url(("query", "cql.allRecords = 1")));
                return SruResponses.NumberOfRecords(doc) == 12 ? (object)true : null;
            },
            Patience,
            "the index to hold the twelve records");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _engine?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [TestCase("2.0")]
    [TestCase("1.2")]
    public async Task Yaz_client_finds_records_by_title_author_and_date(string version)
    {
        var output = await YazClient.RunAsync(
            [
                $"open {_engine.BaseAddress}sru",
                $"sru get {version}",
                "querytype cql",
                "find dc.title = 湿地",
                "find dc.creator = 王立新",
                "find dc.date within \"2015 2018\"",
                "find dc.title = 湿地 and dc.date > 2016",
                "find dc.creator = 吴芳",
                "show 1",
                "find dc.nope = 湿地",
                "find dc.title = (湿地",
            ],
            TimeSpan.FromSeconds(60));

        Assert.That(YazClient.Hits(output), Is.EqualTo(new long[] { 9, 3, 4, 4, 1, 1, 0, 0 }), output);
        Assert.That(output, Does.Contain("湿地保护立法比较研究"), "show 1 printed the record");
        Assert.That(output, Does.Contain("info:srw/diagnostic/1/16"), output);
        Assert.That(output, Does.Contain("info:srw/diagnostic/1/10"), output);
    }

    [TestCase("2.0", "marcxml", MetadataFormats.MarcXml)]
    [TestCase("1.2", "dc", MetadataFormats.OaiDc)]
    public async Task The_engines_own_sru_connector_reads_it(string version, string schema, string format)
    {
        using var http = new HttpClient();
        var connector = new SruConnector(http, TimeProvider.System);
        using var settings = JsonDocument.Parse($$"""{"baseUrl": "{{_engine.BaseAddress}}sru", "query": "cql.allRecords = 1", "recordSchema": "{{schema}}", "version": "{{version}}"}""");

        var first = await connector.SearchAsync("self", settings.RootElement, "dc.title = 湿地", 1, 5, CancellationToken.None);
        var rest = await connector.SearchAsync("self", settings.RootElement, "dc.title = 湿地", first.NextRecordPosition!.Value, 5, CancellationToken.None);

        Assert.That(first.Total, Is.EqualTo(9));
        Assert.That(first.Records.Concat(rest.Records).Select(r => r.ExternalId).Distinct().Count(), Is.EqualTo(9));
        Assert.That(first.Records.Select(r => r.MetadataFormat), Is.All.EqualTo(format));
        Assert.That(rest.NextRecordPosition, Is.Null);
    }
}

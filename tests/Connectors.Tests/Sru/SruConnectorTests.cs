using System.Globalization;
using System.Security;
using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.Sru;
using Search.Connectors.Tests.Fakes;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.Sru;

/// <summary>
/// The SRU connector against scripted answers, for what the real peer (Zebra, in the API integration tests)
/// cannot show: nextRecordPosition, SRU 2.0 diagnostics with details, surrogate diagnostics, escaped records, loops.
/// </summary>
public class SruConnectorTests
{
    private const string Srw = "http://www.loc.gov/zing/srw/";
    private const string Sru2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    private const string Query = "dc.title = 科技";

    private ReplayHandler _handler = null!;
    private HttpClient _httpClient = null!;

    [SetUp]
    public void SetUp()
    {
        _handler = new ReplayHandler();
        _httpClient = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    [TearDown]
    public void TearDown()
    {
        _httpClient.Dispose();
        _handler.Dispose();
    }

    private SruConnector Connector() => new(_httpClient, new FakeClock());

    private static JsonElement Settings(string query = Query, string extra = "") =>
        Json($"{{\"baseUrl\": \"http://sru.test/biblio\", \"query\": {JsonSerializer.Serialize(query)}, \"maximumRecords\": 2, \"http\": {{\"timeoutSeconds\": 86400, \"politenessDelaySeconds\": 0, \"maxAttempts\": 1}}{(extra.Length > 0 ? ", " + extra : "")}}}");

    private static string Request(int start, string query = Query, string version = "1.2", string schema = "marcxml") =>
        $"operation=searchRetrieve&version={version}&query={Uri.EscapeDataString(query)}&startRecord={start}&maximumRecords=2&recordSchema={schema}"
        + (version == "2.0" ? "&recordXMLEscaping=xml" : "&recordPacking=xml");

    private static string Marc(string id, string title) =>
        $"""<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">{id}</controlfield><datafield tag="245" ind1="0" ind2="0"><subfield code="a">{SecurityElement.Escape(title)}</subfield></datafield></record>""";

    private static string Page(int total, int? next, params (int Position, string Data)[] records)
    {
        var items = string.Concat(records.Select(r =>
            $"<zs:record><zs:recordSchema>info:srw/schema/1/marcxml-v1.1</zs:recordSchema><zs:recordPacking>xml</zs:recordPacking><zs:recordData>{r.Data}</zs:recordData><zs:recordPosition>{r.Position}</zs:recordPosition></zs:record>"));
        var nextElement = next is { } n ? $"<zs:nextRecordPosition>{n}</zs:nextRecordPosition>" : string.Empty;
        return $"""<?xml version="1.0"?><zs:searchRetrieveResponse xmlns:zs="{Srw}"><zs:version>1.2</zs:version><zs:numberOfRecords>{total}</zs:numberOfRecords><zs:records>{items}</zs:records>{nextElement}</zs:searchRetrieveResponse>""";
    }

    private void ScriptFivePages()
    {
        _handler.Sequence(Request(1), ReplayHandler.Xml(Page(5, 3, (1, Marc("b1", "第一本")), (2, Marc("b2", "第二本")))));
        _handler.Sequence(Request(3), ReplayHandler.Xml(Page(5, 5, (3, Marc("b3", "第三本")), (4, Marc("b4", "第四本")))));
        _handler.Sequence(Request(5), ReplayHandler.Xml(Page(5, null, (5, Marc("b5", "第五本")))));
    }

    [Test]
    public async Task Pages_follow_nextRecordPosition_one_batch_each_and_the_last_ends_a_complete_pass()
    {
        ScriptFivePages();

        var batches = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(), null), CancellationToken.None));

        Assert.That(batches, Has.Count.EqualTo(3));
        Assert.That(batches.SelectMany(b => b.Records).Select(r => r.ExternalId), Is.EqualTo(new[] { "b1", "b2", "b3", "b4", "b5" }));
        Assert.That(batches.SelectMany(b => b.Records).Select(r => r.MetadataFormat), Is.All.EqualTo(MetadataFormats.MarcXml));
        Assert.That(batches.Select(b => SruCheckpoint.Parse(b.Checkpoint)!.NextPosition), Is.EqualTo(new[] { 3, 5, 1 }));
        Assert.That(batches.Select(b => b.EndsCompletePass), Is.EqualTo(new[] { false, false, true }));
    }

    [Test]
    public async Task A_stopped_run_resumes_at_its_position_unless_the_query_changed()
    {
        ScriptFivePages();
        var settings = Settings();
        var first = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", settings, null), CancellationToken.None));
        var afterFirstPage = first[0].Checkpoint;

        var resumed = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", settings, afterFirstPage), CancellationToken.None));
        Assert.That(resumed.SelectMany(b => b.Records).Select(r => r.ExternalId), Is.EqualTo(new[] { "b3", "b4", "b5" }));
        Assert.That(resumed[^1].EndsCompletePass, Is.False, "a pass spread over two runs is not whole in either");

        const string other = "dc.creator = 欧阳";
        _handler.Sequence(Request(1, other), ReplayHandler.Xml(Page(1, null, (1, Marc("c1", "另一本")))));
        var changed = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(other), afterFirstPage), CancellationToken.None));
        Assert.That(changed.SelectMany(b => b.Records).Select(r => r.ExternalId), Is.EqualTo(new[] { "c1" }));
    }

    [Test]
    public async Task Without_nextRecordPosition_the_count_decides_where_the_next_page_starts()
    {
        _handler.Sequence(Request(1), ReplayHandler.Xml(Page(3, null, (1, Marc("b1", "一")), (2, Marc("b2", "二")))));
        _handler.Sequence(Request(3), ReplayHandler.Xml(Page(3, null, (3, Marc("b3", "三")))));

        var batches = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(), null), CancellationToken.None));

        Assert.That(batches.SelectMany(b => b.Records).Select(r => r.ExternalId), Is.EqualTo(new[] { "b1", "b2", "b3" }));
    }

    [Test]
    public void An_SRU_2_diagnostic_fails_the_harvest_with_its_uri_message_and_details()
    {
        var answer = $"""<?xml version="1.0"?><zs:searchRetrieveResponse xmlns:zs="{Sru2}"><zs:diagnostics xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"><diag:diagnostic><diag:uri>info:srw/diagnostic/1/16</diag:uri><diag:details>dc.nonsense</diag:details><diag:message>Unsupported index</diag:message></diag:diagnostic></zs:diagnostics></zs:searchRetrieveResponse>""";
        _handler.Sequence(Request(1, version: "2.0"), ReplayHandler.Xml(answer));

        var ex = Assert.ThrowsAsync<ConnectorException>(async () =>
            await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(extra: "\"version\": \"2.0\""), null), CancellationToken.None)));

        Assert.That(ex!.Message, Does.Contain("info:srw/diagnostic/1/16 Unsupported index (dc.nonsense)"));
    }

    [Test]
    public async Task A_surrogate_diagnostic_becomes_a_problem_and_escaped_records_are_read()
    {
        var escaped = SecurityElement.Escape(Marc("b2", "转义的记录"));
        var answer = $"""
            <?xml version="1.0"?>
            <zs:searchRetrieveResponse xmlns:zs="{Srw}"><zs:version>1.2</zs:version><zs:numberOfRecords>2</zs:numberOfRecords><zs:records>
              <zs:record><zs:recordSchema>info:srw/schema/1/diagnostics-v1.1</zs:recordSchema><zs:recordPacking>xml</zs:recordPacking><zs:recordData><diagnostic xmlns="http://www.loc.gov/zing/srw/diagnostic/"><uri>info:srw/diagnostic/1/64</uri><message>Record temporarily unavailable</message></diagnostic></zs:recordData><zs:recordPosition>1</zs:recordPosition></zs:record>
              <zs:record><zs:recordSchema>marcxml</zs:recordSchema><zs:recordPacking>string</zs:recordPacking><zs:recordData>{escaped}</zs:recordData><zs:recordPosition>2</zs:recordPosition></zs:record>
            </zs:records></zs:searchRetrieveResponse>
            """;
        _handler.Sequence(Request(1), ReplayHandler.Xml(answer));

        var batches = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(), null), CancellationToken.None));

        var problem = batches.SelectMany(b => b.Problems).Single();
        Assert.That(problem.Reason, Does.Contain("record 1").And.Contain("info:srw/diagnostic/1/64 Record temporarily unavailable"));
        Assert.That(batches.SelectMany(b => b.Records).Single().Payload, Does.Contain("转义的记录"));
    }

    [Test]
    public async Task Dublin_Core_records_are_handed_to_the_oai_dc_mapper()
    {
        var dc = """<srw_dc:dc xmlns:srw_dc="info:srw/schema/1/dc-schema" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>科技文献</dc:title><dc:identifier>urn:x:1</dc:identifier></srw_dc:dc>""";
        _handler.Sequence(Request(1, schema: "dc"), ReplayHandler.Xml(Page(1, null, (1, dc))));

        var batches = await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(extra: "\"recordSchema\": \"dc\""), null), CancellationToken.None));

        var record = batches.SelectMany(b => b.Records).Single();
        Assert.That(record.MetadataFormat, Is.EqualTo(MetadataFormats.OaiDc));
        Assert.That(record.ExternalId, Is.EqualTo("urn:x:1"));
    }

    [Test]
    public void A_next_position_that_goes_back_is_taken_for_a_loop()
    {
        _handler.Sequence(Request(1), ReplayHandler.Xml(Page(9, 3, (1, Marc("b1", "一")), (2, Marc("b2", "二")))));
        _handler.Sequence(Request(3), ReplayHandler.Xml(Page(9, 1, (3, Marc("b3", "三")))));

        var ex = Assert.ThrowsAsync<ConnectorException>(async () =>
            await CollectAsync(Connector().HarvestAsync(new HarvestContext("s", Settings(), null), CancellationToken.None)));
        Assert.That(ex!.Message, Does.Contain("loops"));
    }

    [Test]
    public async Task Live_search_asks_the_target_with_the_given_query_and_window()
    {
        const string cql = "dc.title = 检索";
        var request = $"operation=searchRetrieve&version=1.2&query={Uri.EscapeDataString(cql)}&startRecord=11&maximumRecords=5&recordSchema=marcxml&recordPacking=xml";
        _handler.Sequence(request, ReplayHandler.Xml(Page(42, 16, (11, Marc("x11", "检索一")))));

        var result = await Connector().SearchAsync("s", Settings(), cql, 11, 5, CancellationToken.None);

        Assert.That(result.Total, Is.EqualTo(42));
        Assert.That(result.NextRecordPosition, Is.EqualTo(16));
        Assert.That(result.Records.Single().ExternalId, Is.EqualTo("x11"));
        Assert.That(Connector().Capabilities.HasFlag(ConnectorCapabilities.LiveSearch), Is.True);
    }

    [TestCase("{}", "'baseUrl' is required")]
    [TestCase("{\"baseUrl\": \"ftp://x\", \"query\": \"a\"}", "http or https")]
    [TestCase("{\"baseUrl\": \"http://x\"}", "'query' is required")]
    [TestCase("{\"baseUrl\": \"http://x\", \"query\": \"a\", \"version\": \"3.0\"}", "'version'")]
    [TestCase("{\"baseUrl\": \"http://x\", \"query\": \"a\", \"maximumRecords\": 0}", "'maximumRecords'")]
    [TestCase("{\"baseUrl\": \"http://x\", \"query\": \"a\", \"marcFlavour\": \"danmarc\"}", "'marcFlavour'")]
    public void Settings_problems_are_named(string settings, string expected)
    {
        var problems = Connector().ValidateSettings(Json(settings));
        Assert.That(problems, Has.Some.Contains(expected));
    }

    [Test]
    public void Good_settings_have_no_problems()
    {
        Assert.That(Connector().ValidateSettings(Settings()), Is.Empty);
        Assert.That(string.Create(CultureInfo.InvariantCulture, $"{SruSettings.DefaultMaximumRecords}"), Is.EqualTo("50"));
    }
}

public class SruDiagnosticTests
{
    [Test]
    public void A_diagnostic_without_a_message_is_named_from_the_SRU_list()
    {
        Assert.That(new SruDiagnostic("info:srw/diagnostic/1/66", null, "mods").ToString(), Is.EqualTo("info:srw/diagnostic/1/66 Unknown schema for retrieval (mods)"));
        Assert.That(new SruDiagnostic("info:srw/diagnostic/1/999", null, null).ToString(), Is.EqualTo("info:srw/diagnostic/1/999"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using Search.Connectors.Tests.Fakes;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.OaiPmh;

public class OaiPmhConnectorTests
{
    private const string Identify = "verb=Identify";
    private const string FirstPage = "verb=ListRecords&metadataPrefix=oai_dc";

    // Time limits that never fire on the fake clock, short back-off, no politeness delay.
    private const string QuietHttp = "\"http\": {\"timeoutSeconds\": 86400, \"maxAttempts\": 3, \"baseDelaySeconds\": 1, \"maxDelaySeconds\": 60, \"politenessDelaySeconds\": 0}";

    private ReplayHandler _handler = null!;
    private HttpClient _httpClient = null!;
    private FakeClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _handler = new ReplayHandler();
        _httpClient = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
        _clock = new FakeClock();
    }

    [TearDown]
    public void TearDown()
    {
        _httpClient.Dispose();
        _handler.Dispose();
    }

    private static JsonElement Settings(string extra = "") =>
        Json($"{{\"baseUrl\": \"http://partner.test/oai\", {QuietHttp}{(extra.Length > 0 ? ", " + extra : "")}}}");

    private OaiPmhConnector Connector(OaiPmhConnectorOptions? options = null) => new(_httpClient, _clock, options);

    private Task<List<HarvestBatch>> HarvestAsync(JsonElement settings, string? checkpoint = null, OaiPmhConnectorOptions? options = null) =>
        CollectAsync(Connector(options).HarvestAsync(new HarvestContext("src-1", settings, checkpoint), CancellationToken.None));

    private void RouteSickleChain()
    {
        _handler
            .File(Identify, Data("sickle", "Identify.xml"))
            .File(FirstPage, Data("sickle", "ListRecords.xml"))
            .File("verb=ListRecords&resumptionToken=ListRecords2.xml", Data("sickle", "ListRecords2.xml"))
            .File("verb=ListRecords&resumptionToken=ListRecords3.xml", Data("sickle", "ListRecords3.xml"))
            .File("verb=ListRecords&resumptionToken=ListRecords4.xml", Data("sickle", "ListRecords4.xml"));
    }

    [Test]
    public void Declares_kind_and_capabilities()
    {
        var connector = Connector();
        Assert.Multiple(() =>
        {
            Assert.That(connector.Kind, Is.EqualTo("oai-pmh"));
            Assert.That(connector.Capabilities, Is.EqualTo(ConnectorCapabilities.Incremental | ConnectorCapabilities.Deletions | ConnectorCapabilities.Sets));
        });
    }

    [Test]
    public async Task Sickle_chain_is_one_batch_per_page_with_deletions_and_a_day_granularity_checkpoint()
    {
        RouteSickleChain();

        var batches = await HarvestAsync(Settings());

        Assert.That(batches, Has.Count.EqualTo(4));
        var records = batches.SelectMany(b => b.Records).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_handler.Requests, Is.EqualTo(new[]
            {
                ReplayHandler.Normalize(Identify),
                ReplayHandler.Normalize(FirstPage),
                ReplayHandler.Normalize("verb=ListRecords&resumptionToken=ListRecords2.xml"),
                ReplayHandler.Normalize("verb=ListRecords&resumptionToken=ListRecords3.xml"),
                ReplayHandler.Normalize("verb=ListRecords&resumptionToken=ListRecords4.xml"),
            }));
            Assert.That(batches.Select(b => b.Records.Count), Is.EqualTo(new[] { 2, 2, 2, 1 }));
            Assert.That(records.Count(r => r.Deleted), Is.EqualTo(3));
            Assert.That(records.Where(r => r.Deleted).Select(r => r.Payload), Is.All.Null);
            Assert.That(records.Where(r => r.Deleted).Select(r => r.ExternalId), Is.All.EqualTo("oai:test.example.com:1585310"));
            Assert.That(records.Select(r => r.SourceId), Is.All.EqualTo("src-1"));
            Assert.That(records.Select(r => r.MetadataFormat), Is.All.EqualTo(MetadataFormats.OaiDc));
            // The last page's deleted header has no identifier: quarantined, not dropped.
            Assert.That(batches[3].Problems, Has.Count.EqualTo(1));
            Assert.That(batches[3].Problems[0].Reason, Does.Contain("identifier"));
            Assert.That(batches[3].Problems[0].RawPayload, Does.Contain("status=\"deleted\""));
            // The next run starts at the partner's clock of the first page, as a day (granularity YYYY-MM-DD).
            Assert.That(batches[3].Checkpoint, Is.EqualTo("{\"from\":\"2013-02-27\"}"));
            Assert.That(OaiPmhCheckpoint.Parse(batches[0].Checkpoint), Is.EqualTo(new OaiPmhCheckpoint(null, null, "ListRecords2.xml", "2013-02-27T09:10:56Z")));
        });

        var live = records.First(r => !r.Deleted);
        var payload = XElement.Parse(live.Payload!);
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Multiple(() =>
        {
            Assert.That(live.ExternalId, Is.EqualTo("oai:test.example.com:1585322"));
            Assert.That(live.Datestamp, Is.EqualTo(new DateTimeOffset(2011, 1, 10, 10, 19, 23, TimeSpan.Zero)));
            Assert.That(payload.Name, Is.EqualTo(XName.Get("dc", OaiPmhResponseReader.OaiDcNamespace)));
            Assert.That(payload.Element(dc + "title")?.Value, Is.EqualTo("Sample Title"));
        });
    }

    [Test]
    public async Task Next_run_asks_from_the_stored_checkpoint()
    {
        RouteSickleChain();
        _handler.File("verb=ListRecords&metadataPrefix=oai_dc&from=2013-02-27", Data("sickle", "noRecordsMatch.xml"));

        var batches = await HarvestAsync(Settings(), "{\"from\":\"2013-02-27\"}");

        Assert.Multiple(() =>
        {
            Assert.That(_handler.CountRequests("verb=ListRecords&metadataPrefix=oai_dc&from=2013-02-27"), Is.EqualTo(1));
            Assert.That(batches, Has.Count.EqualTo(1));
            Assert.That(batches[0].Records, Is.Empty);
            // noRecordsMatch is an empty success that still moves the window to the partner's responseDate.
            Assert.That(batches[0].Checkpoint, Is.EqualTo("{\"from\":\"2002-02-08\"}"));
        });
    }

    [Test]
    public async Task First_harvest_with_from_in_seconds_granularity_replays_pyoai_mapping()
    {
        _handler.Mapping(Data("pyoai", "fake1", "mapping.txt"));

        var batches = await HarvestAsync(Settings("\"from\": \"2003-04-10T00:00:00Z\""));

        var records = batches.SelectMany(b => b.Records).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(batches, Has.Count.EqualTo(1));
            Assert.That(records, Has.Count.EqualTo(16));
            Assert.That(records[0].ExternalId, Is.EqualTo("hdl:1765/308"));
            Assert.That(records.Select(r => XElement.Parse(r.Payload!).Name.LocalName), Is.All.EqualTo("dc"));
            Assert.That(batches[0].Checkpoint, Is.EqualTo("{\"from\":\"2003-04-30T16:08:02Z\"}"));
        });
    }

    [Test]
    public async Task Real_dspace_page_with_deleted_headers()
    {
        _handler.File(Identify, Data("pyoai", "fake1", "00001.xml")).Mapping(Data("pyoai", "fake2", "mapping.txt"));

        var batches = await HarvestAsync(Settings("\"from\": \"2004-01-01T00:00:00Z\""));

        var records = batches.Single().Records;
        var deleted = records.Where(r => r.Deleted).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(records, Has.Count.EqualTo(81));
            Assert.That(deleted.Select(r => r.ExternalId), Is.EqualTo(new[] { "hdl:1765/1160", "hdl:1765/1161" }));
            Assert.That(deleted[0].Sets, Is.EqualTo(new[] { "1:1", "1:1" }));
            Assert.That(records.First(r => r.ExternalId == "hdl:1765/1158").Sets, Is.EqualTo(new[] { "6:20" }));
        });
    }

    [Test]
    public async Task Nsdl_single_page_keeps_its_own_metadata_prefix_as_format()
    {
        _handler
            .File(Identify, Data("phpoaipmh", "GoodResponseIdentify.xml"))
            .File("verb=ListRecords&metadataPrefix=nsdl_dc&from=2012-08-03T08:00:22Z", Data("phpoaipmh", "GoodResponseSinglePage.xml"));

        var batches = await HarvestAsync(Settings("\"metadataPrefix\": \"nsdl_dc\", \"from\": \"2012-08-03T08:00:22Z\""));

        var records = batches.Single().Records;
        Assert.Multiple(() =>
        {
            Assert.That(records, Has.Count.EqualTo(162));
            Assert.That(records.Select(r => r.MetadataFormat), Is.All.EqualTo("nsdl_dc"));
            Assert.That(records.Select(r => XElement.Parse(r.Payload!).Name.LocalName), Is.All.EqualTo("nsdl_dc"));
            Assert.That(batches[0].Checkpoint, Is.EqualTo("{\"from\":\"2012-08-06T20:55:41Z\"}"));
        });
    }

    [Test]
    public async Task Set_and_day_granularity_from_are_sent()
    {
        _handler
            .File(Identify, Data("sickle", "Identify.xml"))
            .File("verb=ListRecords&metadataPrefix=oai_dc&set=physics&from=2020-01-31", Data("sickle", "ListRecords4.xml"));

        // The partner only knows days: the time of the librarian's 'from' is dropped.
        var batches = await HarvestAsync(Settings("\"set\": \"physics\", \"from\": \"2020-01-31T10:00:00Z\""));

        Assert.That(batches.Single().Records, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Resumes_mid_chain_from_an_in_progress_checkpoint()
    {
        RouteSickleChain();
        var firstRun = await HarvestAsync(Settings());
        var afterSecondPage = firstRun[1].Checkpoint;
        var requestsBefore = _handler.Requests.Count;

        var secondRun = await HarvestAsync(Settings(), afterSecondPage);

        Assert.Multiple(() =>
        {
            Assert.That(_handler.Requests.Skip(requestsBefore), Is.EqualTo(new[]
            {
                ReplayHandler.Normalize(Identify),
                ReplayHandler.Normalize("verb=ListRecords&resumptionToken=ListRecords3.xml"),
                ReplayHandler.Normalize("verb=ListRecords&resumptionToken=ListRecords4.xml"),
            }));
            Assert.That(secondRun, Has.Count.EqualTo(2));
            Assert.That(secondRun[^1].Checkpoint, Is.EqualTo(firstRun[^1].Checkpoint));
        });
    }

    [Test]
    public async Task Bad_resumption_token_restarts_the_window_from_its_from()
    {
        RouteSickleChain();
        _handler
            .File("verb=ListRecords&resumptionToken=expired", Data("sickle", "badResumptionToken.xml"))
            .File("verb=ListRecords&metadataPrefix=oai_dc&from=2013-01-01", Data("sickle", "ListRecords.xml"));
        var checkpoint = new OaiPmhCheckpoint("2013-01-01", null, "expired", "2013-02-20T07:00:00Z").Serialize();

        var batches = await HarvestAsync(Settings(), checkpoint);

        Assert.Multiple(() =>
        {
            Assert.That(_handler.CountRequests("verb=ListRecords&resumptionToken=expired"), Is.EqualTo(1));
            Assert.That(_handler.CountRequests("verb=ListRecords&metadataPrefix=oai_dc&from=2013-01-01"), Is.EqualTo(1));
            Assert.That(batches, Has.Count.EqualTo(4));
            // The window keeps the responseDate of its first answer: nothing changed since then is missed.
            Assert.That(batches[^1].Checkpoint, Is.EqualTo("{\"from\":\"2013-02-20\"}"));
        });
    }

    [Test]
    public async Task A_repeated_resumption_token_is_a_loop()
    {
        _handler
            .File(Identify, Data("sickle", "Identify.xml"))
            .File(FirstPage, Data("sickle", "ListRecords.xml"))
            .File("verb=ListRecords&resumptionToken=ListRecords2.xml", Data("sickle", "ListRecords.xml"));

        var seen = new List<HarvestBatch>();
        var ex = Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var batch in Connector().HarvestAsync(new HarvestContext("src-1", Settings(), null), CancellationToken.None))
            {
                seen.Add(batch);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("ListRecords2.xml").And.Contain("loops"));
            Assert.That(seen, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Too_many_empty_pages_with_a_token_is_an_error()
    {
        _handler.File(Identify, Data("sickle", "Identify.xml"));
        _handler.Sequence(FirstPage, ReplayHandler.Xml(EmptyPage("t1")));
        for (var i = 1; i <= 10; i++)
        {
            _handler.Sequence($"verb=ListRecords&resumptionToken=t{i}", ReplayHandler.Xml(EmptyPage($"t{i + 1}")));
        }

        var ex = Assert.ThrowsAsync<ConnectorException>(() =>
            HarvestAsync(Settings(), options: new OaiPmhConnectorOptions { MaxConsecutiveEmptyPages = 3 }));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("4 empty pages"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(5));
        });
    }

    private static string EmptyPage(string token) => $"""
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
          <responseDate>2026-01-15T08:00:00Z</responseDate>
          <request verb="ListRecords">http://partner.test/oai</request>
          <ListRecords><resumptionToken>{token}</resumptionToken></ListRecords>
        </OAI-PMH>
        """;

    [TestCase("sickle/badArgument.xml", "badArgument")]
    [TestCase("sickle/badResumptionToken.xml", "badResumptionToken")]
    [TestCase("sickle/cannotDisseminateFormat.xml", "cannotDisseminateFormat")]
    [TestCase("sickle/idDoesNotExist.xml", "idDoesNotExist")]
    [TestCase("sickle/noSetHierarchy.xml", "noSetHierarchy")]
    [TestCase("sickle/undefinedError.xml", "undefinedError")]
    [TestCase("phpoaipmh/BadResponseNonExistentVerb.xml", "badVerb")]
    public void Oai_errors_name_their_code_and_message(string file, string code)
    {
        _handler.File(Identify, Data("sickle", "Identify.xml")).File(FirstPage, Data(file.Split('/')));

        var ex = Assert.ThrowsAsync<ConnectorException>(() => HarvestAsync(Settings()));

        Assert.That(ex!.Message, Does.Contain($"error {code}"));
        if (code == "idDoesNotExist")
        {
            Assert.That(ex.Message, Does.Contain("maps to no known item"));
        }

        Assert.That(_handler.CountRequests(FirstPage), Is.EqualTo(1), "an OAI error is an answer, not a failure to retry");
    }

    [Test]
    public void A_list_identifiers_answer_to_list_records_is_refused()
    {
        _handler.File(Identify, Data("phpoaipmh", "GoodResponseIdentify.xml")).File(FirstPage, Data("phpoaipmh", "GoodResponseFourPage_1.xml"));

        var ex = Assert.ThrowsAsync<ConnectorException>(() => HarvestAsync(Settings()));

        Assert.That(ex!.Message, Does.Contain("answered ListRecords with ListIdentifiers"));
    }

    [Test]
    public void An_error_answer_to_identify_stops_the_harvest()
    {
        _handler.File(Identify, Data("phpoaipmh", "BadResponseNonExistentVerb.xml"));

        var ex = Assert.ThrowsAsync<ConnectorException>(() => HarvestAsync(Settings()));

        Assert.That(ex!.Message, Does.Contain("Identify").And.Contain("badVerb").And.Contain("'NotExist' is illegal"));
    }

    [Test]
    public void A_response_that_is_not_xml_fails_after_the_retries_and_yields_nothing()
    {
        _handler.File(Identify, Data("sickle", "Identify.xml")).File(FirstPage, Data("sickle", "ListRecordsBroken.xml"));
        var seen = new List<HarvestBatch>();

        var ex = Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var batch in Connector().HarvestAsync(new HarvestContext("src-1", Settings(), null), CancellationToken.None))
            {
                seen.Add(batch);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("after 3 attempts").And.Contain("unreadable"));
            Assert.That(seen, Is.Empty, "the checkpoint stays where it was");
            Assert.That(_handler.Requests.Count(r => r.Contains("ListRecords", StringComparison.Ordinal)), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Retries_a_500_then_succeeds()
    {
        RouteSickleChain();
        _handler.Sequence(FirstPage, ReplayHandler.Status(HttpStatusCode.InternalServerError), ReplayHandler.Ok(Data("sickle", "ListRecords.xml")));

        var batches = await HarvestAsync(Settings());

        Assert.Multiple(() =>
        {
            Assert.That(batches, Has.Count.EqualTo(4));
            Assert.That(_handler.CountRequests(FirstPage), Is.EqualTo(2));
            // One back-off after the first attempt: base 1 s with "equal jitter", so between 0.5 s and 1 s.
            Assert.That(_clock.Fired, Has.Count.EqualTo(1));
            Assert.That(_clock.Fired[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task Honours_retry_after_in_seconds_on_429()
    {
        RouteSickleChain();
        _handler.Sequence(
            FirstPage,
            ReplayHandler.Status(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7))),
            ReplayHandler.Ok(Data("sickle", "ListRecords.xml")));

        var batches = await HarvestAsync(Settings());

        Assert.Multiple(() =>
        {
            Assert.That(batches, Has.Count.EqualTo(4));
            Assert.That(_clock.Fired, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
        });
    }

    [Test]
    public async Task Honours_retry_after_as_a_date_on_503()
    {
        RouteSickleChain();
        var until = _clock.GetUtcNow().AddSeconds(42);
        _handler.Sequence(
            FirstPage,
            ReplayHandler.Status(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(until)),
            ReplayHandler.Ok(Data("sickle", "ListRecords.xml")));

        var batches = await HarvestAsync(Settings());

        Assert.Multiple(() =>
        {
            Assert.That(batches, Has.Count.EqualTo(4));
            Assert.That(_clock.Fired, Is.EqualTo(new[] { TimeSpan.FromSeconds(42) }));
        });
    }

    [Test]
    public void Politeness_delay_separates_the_requests_of_a_source()
    {
        RouteSickleChain();
        var settings = Json("{\"baseUrl\": \"http://partner.test/oai\", \"http\": {\"timeoutSeconds\": 86400, \"politenessDelaySeconds\": 2}}");

        Assert.DoesNotThrowAsync(() => HarvestAsync(settings));

        // Five requests (Identify and four pages): a 2 s pause before each but the first.
        Assert.That(_clock.Fired, Is.EqualTo(Enumerable.Repeat(TimeSpan.FromSeconds(2), 4)));
    }

    [Test]
    public void Invalid_settings_stop_the_harvest_before_any_request()
    {
        var ex = Assert.ThrowsAsync<ConnectorException>(() => HarvestAsync(Json("{\"baseUrl\": \"ftp://partner.test/oai\"}")));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("baseUrl"));
            Assert.That(_handler.Requests, Is.Empty);
        });
    }

    [TestCase("{}", "'baseUrl' is required")]
    [TestCase("{\"baseUrl\": \"/oai\"}", "absolute http or https")]
    [TestCase("{\"baseUrl\": \"ftp://x.test/oai\"}", "absolute http or https")]
    [TestCase("{\"baseUrl\": 5}", "'baseUrl' must be a string")]
    [TestCase("{\"baseUrl\": \"http://x.test/oai\", \"from\": \"last tuesday\"}", "'from' must be a date")]
    [TestCase("{\"baseUrl\": \"http://x.test/oai\", \"metadataPrefix\": \"oai dc\"}", "'metadataPrefix'")]
    [TestCase("{\"baseUrl\": \"http://x.test/oai\", \"http\": {\"maxAttempts\": 0}}", "'http.maxAttempts'")]
    [TestCase("{\"baseUrl\": \"http://x.test/oai\", \"http\": {\"timeoutSeconds\": -1}}", "'http.timeoutSeconds'")]
    [TestCase("[]", "JSON object")]
    public void Validate_settings_reports_problems(string json, string expected)
    {
        var problems = Connector().ValidateSettings(Json(json));

        Assert.That(problems, Has.Some.Contains(expected));
    }

    [Test]
    public void Validate_settings_accepts_a_complete_source()
    {
        var problems = Connector().ValidateSettings(Json(
            "{\"baseUrl\": \"https://x.test/oai?key=1\", \"metadataPrefix\": \"marc21\", \"set\": \"a\", \"from\": \"2020-01-01\", \"http\": {\"timeoutSeconds\": 30, \"maxAttempts\": 2, \"baseDelaySeconds\": 0.5, \"maxDelaySeconds\": 10, \"politenessDelaySeconds\": 0}}"));

        Assert.That(problems, Is.Empty);
    }
}

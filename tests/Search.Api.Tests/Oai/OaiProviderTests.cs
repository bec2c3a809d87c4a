using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;
using Search.Ingestion.Tests.Storage;
using static Search.Api.Tests.Oai.OaiResponses;

namespace Search.Api.Tests.Oai;

/// <summary>
/// The OAI-PMH provider in-process: every verb, both formats, sets, from/until, deleted records, resumption tokens
/// (paging, a restart, expiry, forgery) and every error code. Each test owns its engine, clock and records.
/// </summary>
[TestFixture]
public class OaiProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly OaiDump.Item[] Alpha =
    [
        new("oai:alpha:1", "湿地生态系统服务价值评估", 2015, "10.1234/oai.one"),
        new("oai:alpha:2", "长江中游湿地碳储量的遥感估算", 2018),
        new("oai:alpha:3", "城市热岛效应 & <监测>", 2020),
        new("oai:alpha:4", "洞庭湖水位变化对候鸟的影响", 2012),
        new("oai:alpha:5", "鄱阳湖流域土地利用变化", 2016),
    ];

    private static string AlphaWork(int n) => RecordIds.For("alpha", "oai:alpha:" + n.ToString(CultureInfo.InvariantCulture));

    /// <summary>An engine with source alpha (five articles) harvested at <see cref="Start"/>.</summary>
    private static async Task<OaiApp> AlphaAsync(int pageSize = 100, string? root = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var app = new OaiApp(new FakeTimeProvider(Start), root, pageSize, provider == DatabaseProvider.Postgres ? PostgresServer.Shared.CreateDatabase() : null);
        app.WriteDump("alpha", "ListRecords-001.xml", OaiDump.ListRecords(Alpha));
        await app.HarvestAsync("alpha", "Alpha 期刊库");
        return app;
    }

    [Test]
    public async Task Identify_tells_the_repository_its_granularity_persistent_deletions_and_the_earliest_datestamp()
    {
        using var app = await AlphaAsync();
        app.Time.Advance(TimeSpan.FromHours(1));
        var doc = await app.OaiAsync(("verb", "Identify"));
        var identify = doc.Root!.Element(Pmh + "Identify")!;
        Assert.That(identify.Element(Pmh + "protocolVersion")!.Value, Is.EqualTo("2.0"));
        Assert.That(identify.Element(Pmh + "baseURL")!.Value, Does.EndWith("/oai"));
        Assert.That(identify.Element(Pmh + "deletedRecord")!.Value, Is.EqualTo("persistent"));
        Assert.That(identify.Element(Pmh + "granularity")!.Value, Is.EqualTo("YYYY-MM-DDThh:mm:ssZ"));
        Assert.That(identify.Element(Pmh + "earliestDatestamp")!.Value, Is.EqualTo("2026-03-01T08:00:00Z"));
        Assert.That(identify.Element(Pmh + "adminEmail")!.Value, Does.Contain("@"));
        Assert.That(identify.Descendants().Single(e => e.Name.LocalName == "repositoryIdentifier").Value, Is.EqualTo(OaiApp.RepositoryIdentifier));
        Assert.That(doc.Root.Element(Pmh + "responseDate")!.Value, Is.EqualTo("2026-03-01T09:00:00Z"), "responseDate comes from the engine's clock");
        Assert.That((string?)Request(doc).Attribute("verb"), Is.EqualTo("Identify"));

        var posted = await app.OaiPostAsync(("verb", "Identify"));
        Assert.That(posted.Root!.Element(Pmh + "Identify"), Is.Not.Null, "the POST binding answers alike");
    }

    [Test]
    public async Task ListMetadataFormats_lists_oai_dc_and_marc21_for_the_repository_and_an_item()
    {
        using var app = await AlphaAsync();
        foreach (var doc in new[] { await app.OaiAsync(("verb", "ListMetadataFormats")), await app.OaiAsync(("verb", "ListMetadataFormats"), ("identifier", OaiApp.Identifier(AlphaWork(1)))) })
        {
            var formats = doc.Descendants(Pmh + "metadataFormat").ToDictionary(f => f.Element(Pmh + "metadataPrefix")!.Value, f => f.Element(Pmh + "metadataNamespace")!.Value);
            Assert.That(formats, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["oai_dc"] = "http://www.openarchives.org/OAI/2.0/oai_dc/",
                ["marc21"] = "http://www.loc.gov/MARC21/slim",
            }));
        }

        var unknown = await app.OaiAsync(("verb", "ListMetadataFormats"), ("identifier", OaiApp.Identifier("rnothere")));
        Assert.That(ErrorCodes(unknown), Is.EqualTo(new[] { "idDoesNotExist" }));
        Assert.That((string?)Request(unknown).Attribute("identifier"), Is.EqualTo(OaiApp.Identifier("rnothere")), "a well-formed request is echoed");
    }

    [Test]
    public async Task ListSets_names_a_set_per_source_and_per_type_and_headers_carry_them()
    {
        using var app = await AlphaAsync();
        var sets = (await app.OaiAsync(("verb", "ListSets"))).Descendants(Pmh + "set")
            .ToDictionary(s => s.Element(Pmh + "setSpec")!.Value, s => s.Element(Pmh + "setName")!.Value);
        Assert.That(sets["source:alpha"], Is.EqualTo("Alpha 期刊库"));
        Assert.That(sets.Keys, Does.Contain("source").And.Contain("type").And.Contain("type:journal-article").And.Contain("type:patent"));

        var headers = Headers(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "source:alpha")));
        Assert.That(headers, Has.Count.EqualTo(5));
        Assert.That(headers[0].Elements(Pmh + "setSpec").Select(s => s.Value), Is.EquivalentTo(new[] { "source:alpha", "type:journal-article" }));
        Assert.That(Headers(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "type:journal-article"))), Has.Count.EqualTo(5));
        Assert.That(Headers(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "source"))), Has.Count.EqualTo(5), "a parent set holds its children's items");
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "source:beta"))), Is.EqualTo(new[] { "noRecordsMatch" }));
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "type:patent"))), Is.EqualTo(new[] { "noRecordsMatch" }));
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "sou rce"))), Is.EqualTo(new[] { "badArgument" }));
    }

    [Test]
    public async Task GetRecord_gives_the_work_in_oai_dc_and_marc21_with_partner_text_escaped()
    {
        using var app = await AlphaAsync();
        var id = OaiApp.Identifier(AlphaWork(3));
        var dc = await app.OaiAsync(("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "oai_dc"));
        var record = dc.Root!.Element(Pmh + "GetRecord")!.Element(Pmh + "record")!;
        Assert.That(Id(record.Element(Pmh + "header")!), Is.EqualTo(id));
        Assert.That(record.Element(Pmh + "header")!.Element(Pmh + "datestamp")!.Value, Is.EqualTo("2026-03-01T08:00:00Z"));
        var oaiDc = record.Element(Pmh + "metadata")!.Element(OaiDc + "dc")!;
        Assert.That((string?)oaiDc.Attribute(Xsi + "schemaLocation"), Is.EqualTo("http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"));
        Assert.That(oaiDc.Element(Dc + "title")!.Value, Is.EqualTo("城市热岛效应 & <监测>"));
        Assert.That(oaiDc.Elements(Dc + "source").Select(s => s.Value), Does.Contain("alpha: oai:alpha:3"), "the holding is listed");

        var marc = await app.OaiAsync(("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "marc21"));
        var marcRecord = marc.Descendants(Pmh + "metadata").Single().Element(Marc + "record")!;
        Assert.That(marcRecord.Elements(Marc + "datafield").Single(f => (string?)f.Attribute("tag") == "245").Value, Does.Contain("城市热岛效应 & <监测>"));
        Assert.That(marcRecord.Elements(Marc + "datafield").Where(f => (string?)f.Attribute("tag") == "035").Select(f => f.Value), Is.EqualTo(new[] { "(alpha)oai:alpha:3" }));

        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "GetRecord"), ("identifier", id), ("metadataPrefix", "mods"))), Is.EqualTo(new[] { "cannotDisseminateFormat" }));
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "GetRecord"), ("identifier", "oai:other.org:" + AlphaWork(3)), ("metadataPrefix", "oai_dc"))), Is.EqualTo(new[] { "idDoesNotExist" }));
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "GetRecord"), ("identifier", id))), Is.EqualTo(new[] { "badArgument" }));
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task A_merged_work_is_one_record_listing_every_holding(DatabaseProvider provider)
    {
        using var app = await AlphaAsync(provider: provider);
        app.WriteDump("beta", "ListRecords-001.xml", OaiDump.ListRecords(new OaiDump.Item("oai:beta:9", "湿地生态系统服务价值评估", 2015, "10.1234/oai.one")));
        app.Time.Advance(TimeSpan.FromMinutes(5));
        await app.HarvestAsync("beta", "Beta 库");
        var headers = Headers(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")));
        Assert.That(headers.Where(h => !IsDeleted(h)).ToList(), Has.Count.EqualTo(5), "beta's copy joined alpha's work");
        var merged = headers.Single(h => Id(h) == OaiApp.Identifier(AlphaWork(1)));
        Assert.That(merged.Elements(Pmh + "setSpec").Select(s => s.Value), Is.EquivalentTo(new[] { "source:alpha", "source:beta", "type:journal-article" }));
        Assert.That(merged.Element(Pmh + "datestamp")!.Value, Is.EqualTo("2026-03-01T08:05:00Z"), "the work changed when beta's holding joined");
        var record = await app.OaiAsync(("verb", "GetRecord"), ("identifier", Id(merged)), ("metadataPrefix", "oai_dc"));
        Assert.That(record.Descendants(Dc + "source").Select(s => s.Value), Is.SupersetOf(new[] { "alpha: oai:alpha:1", "beta: oai:beta:9" }));
        Assert.That(record.Descendants(Dc + "identifier").Select(s => s.Value), Does.Contain("https://doi.org/10.1234/oai.one"));
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task ListRecords_pages_by_resumption_token_with_size_cursor_and_expiry(DatabaseProvider provider)
    {
        using var app = await AlphaAsync(provider: provider, pageSize: 2);
        var seen = new List<string>();
        var doc = await app.OaiAsync(("verb", "ListRecords"), ("metadataPrefix", "oai_dc"));
        var cursors = new List<string>();
        for (var pages = 0; pages < 10; pages++)
        {
            seen.AddRange(doc.Descendants(Pmh + "record").Select(r => Id(r.Element(Pmh + "header")!)));
            Assert.That(doc.Descendants(Pmh + "record").All(r => r.Element(Pmh + "metadata")?.Element(OaiDc + "dc") is not null), Is.True);
            var token = Token(doc);
            if (token is null)
            {
                break;
            }

            Assert.That((string?)token.Attribute("completeListSize"), Is.EqualTo("5"));
            cursors.Add((string)token.Attribute("cursor")!);
            if (token.Value.Length == 0)
            {
                break;
            }

            Assert.That((string?)token.Attribute("expirationDate"), Is.EqualTo("2026-03-01T09:00:00Z"));
            doc = await app.OaiAsync(("verb", "ListRecords"), ("resumptionToken", token.Value));
            Assert.That((string?)Request(doc).Attribute("resumptionToken"), Is.EqualTo(token.Value));
        }

        Assert.That(cursors, Is.EqualTo(new[] { "0", "2", "4" }));
        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(1, 5).Select(n => OaiApp.Identifier(AlphaWork(n)))));
    }

    [Test]
    public async Task A_resumption_token_survives_a_restart_and_expires_cleanly()
    {
        var root = Path.Combine(Path.GetTempPath(), "oai-restart-" + Guid.NewGuid().ToString("N"));
        string token;
        OaiApp? second = null;
        try
        {
            using (var first = await AlphaAsync(pageSize: 2, root: root))
            {
                token = Token(await first.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "marc21")))!.Value;
            }

            second = new OaiApp(new FakeTimeProvider(Start.AddMinutes(30)), root, pageSize: 2);
            var next = await second.OaiAsync(("verb", "ListIdentifiers"), ("resumptionToken", token));
            Assert.That(ErrorCodes(next), Is.Empty);
            Assert.That(Headers(next), Has.Count.EqualTo(2));
            Assert.That((string?)Token(next)!.Attribute("cursor"), Is.EqualTo("2"));

            second.Time.Advance(TimeSpan.FromMinutes(31));
            var expired = await second.OaiAsync(("verb", "ListIdentifiers"), ("resumptionToken", token));
            Assert.That(ErrorCodes(expired), Is.EqualTo(new[] { "badResumptionToken" }));
            Assert.That(expired.Root!.Element(Pmh + "error")!.Value, Does.Contain("expired"));
        }
        finally
        {
            second?.Dispose();
            second?.DeleteRoot();
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Test]
    public async Task Forged_foreign_and_misused_tokens_are_badResumptionToken()
    {
        using var app = await AlphaAsync(pageSize: 2);
        var token = Token(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")))!.Value;
        var body = token[..token.IndexOf('.', StringComparison.Ordinal)];
        var forged = (body.Length > 3 ? body[..^3] + (body[^3] == 'A' ? 'B' : 'A') + body[^2..] : body) + token[body.Length..];
        foreach (var bad in new[] { forged, "nonsense", "a.b.c", token + "x", new string('x', 5000), "" })
        {
            var doc = await app.OaiAsync(("verb", "ListIdentifiers"), ("resumptionToken", bad));
            Assert.That(ErrorCodes(doc), Is.EqualTo(new[] { "badResumptionToken" }), bad);
        }

        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListRecords"), ("resumptionToken", token))), Is.EqualTo(new[] { "badResumptionToken" }), "a ListIdentifiers token is not a ListRecords one");
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListSets"), ("resumptionToken", token))), Is.EqualTo(new[] { "badResumptionToken" }));
        var exclusive = await app.OaiAsync(("verb", "ListIdentifiers"), ("resumptionToken", token), ("metadataPrefix", "oai_dc"));
        Assert.That(ErrorCodes(exclusive), Is.EqualTo(new[] { "badArgument" }));
        Assert.That(Request(exclusive).Attributes(), Is.Empty, "a badArgument request is not echoed");
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task From_and_until_select_by_the_works_datestamps_at_day_and_second_granularity(DatabaseProvider provider)
    {
        using var app = await AlphaAsync(provider: provider);
        app.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(7));
        app.WriteDump("alpha", "ListRecords-002.xml", OaiDump.ListRecords(Alpha[1] with { Title = "长江中游湿地碳储量的遥感估算（修订）" }));
        await app.HarvestAsync("alpha", "Alpha 期刊库");

        IReadOnlyList<string> Ids(XDocument d) => Headers(d).Select(Id).ToList();
        var changed = new[] { OaiApp.Identifier(AlphaWork(2)) };
        Assert.That(Ids(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-02"))), Is.EqualTo(changed));
        Assert.That(Ids(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-02T08:00:07Z"))), Is.EqualTo(changed));
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-02T08:00:08Z"))), Is.EqualTo(new[] { "noRecordsMatch" }));
        Assert.That(Ids(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("until", "2026-03-01"))), Has.Count.EqualTo(4));
        Assert.That(Ids(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-01T08:00:00Z"), ("until", "2026-03-01T08:00:00Z"))), Has.Count.EqualTo(4));
        Assert.That(Ids(await app.OaiAsync(("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-01"), ("until", "2026-03-02"))), Has.Count.EqualTo(5));

        foreach (var (from, until) in new[] { ("2026-03-01", "2026-03-02T00:00:00Z"), ("2026-03-02", "2026-03-01"), ("2026-3-1", null), ("2026-03-01T08:00:00", null), ("2026-03-01T08:00:00.5Z", null), ("", null), (null, "yesterday") })
        {
            var args = new List<(string, string)> { ("verb", "ListRecords"), ("metadataPrefix", "oai_dc") };
            if (from is not null)
            {
                args.Add(("from", from));
            }

            if (until is not null)
            {
                args.Add(("until", until));
            }

            var doc = await app.OaiAsync([.. args]);
            Assert.That(ErrorCodes(doc), Is.EqualTo(new[] { "badArgument" }), $"from={from} until={until}");
            Assert.That(Request(doc).Attributes(), Is.Empty);
        }
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task A_work_that_leaves_the_catalogue_stays_a_deleted_record(DatabaseProvider provider)
    {
        using var app = await AlphaAsync(provider: provider);
        app.Time.Advance(TimeSpan.FromHours(2));
        app.WriteDump("alpha", "ListRecords-002.xml", OaiDump.ListRecords(Alpha[3] with { Deleted = true }));
        await app.HarvestAsync("alpha", "Alpha 期刊库");
        var gone = OaiApp.Identifier(AlphaWork(4));

        var headers = Headers(await app.OaiAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")));
        Assert.That(headers, Has.Count.EqualTo(5));
        var deleted = headers.Single(IsDeleted);
        Assert.That(Id(deleted), Is.EqualTo(gone));
        Assert.That(deleted.Element(Pmh + "datestamp")!.Value, Is.EqualTo("2026-03-01T10:00:00Z"));
        Assert.That(deleted.Elements(Pmh + "setSpec").Select(s => s.Value), Is.EquivalentTo(new[] { "source:alpha", "type:journal-article" }), "a tombstone keeps its sets");

        var records = await app.OaiAsync(("verb", "ListRecords"), ("metadataPrefix", "marc21"), ("set", "source:alpha"), ("from", "2026-03-01T09:00:00Z"));
        var record = records.Descendants(Pmh + "record").Single();
        Assert.That(IsDeleted(record.Element(Pmh + "header")!), Is.True);
        Assert.That(record.Element(Pmh + "metadata"), Is.Null);

        var get = await app.OaiAsync(("verb", "GetRecord"), ("identifier", gone), ("metadataPrefix", "oai_dc"));
        Assert.That(IsDeleted(Headers(get).Single()), Is.True);
        Assert.That(ErrorCodes(await app.OaiAsync(("verb", "ListMetadataFormats"), ("identifier", gone))), Is.EqualTo(new[] { "noMetadataFormats" }));

        // Still deleted after more harvesting, and back when the partner sends it again.
        app.Time.Advance(TimeSpan.FromHours(1));
        app.WriteDump("alpha", "ListRecords-003.xml", OaiDump.ListRecords(Alpha[0] with { Title = Alpha[0].Title + "（二）" }));
        await app.HarvestAsync("alpha", "Alpha 期刊库");
        Assert.That(IsDeleted(Headers(await app.OaiAsync(("verb", "GetRecord"), ("identifier", gone), ("metadataPrefix", "oai_dc"))).Single()), Is.True);
        app.WriteDump("alpha", "ListRecords-004.xml", OaiDump.ListRecords(Alpha[3]));
        await app.HarvestAsync("alpha", "Alpha 期刊库");
        Assert.That(IsDeleted(Headers(await app.OaiAsync(("verb", "GetRecord"), ("identifier", gone), ("metadataPrefix", "oai_dc"))).Single()), Is.False);
    }

    [Test]
    public async Task Bad_verbs_and_bad_arguments_are_answered_with_their_codes_and_an_unechoed_request()
    {
        using var app = await AlphaAsync();
        var cases = new (string Code, (string, string)[] Args)[]
        {
            ("badVerb", []),
            ("badVerb", [("verb", "ListThings")]),
            ("badVerb", [("verb", "Identify"), ("verb", "Identify")]),
            ("badArgument", [("verb", "Identify"), ("metadataPrefix", "oai_dc")]),
            ("badArgument", [("verb", "ListRecords")]),
            ("badArgument", [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "marc21")]),
            ("badArgument", [("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2026-02-30")]),
            ("badArgument", [("verb", "GetRecord"), ("metadataPrefix", "oai_dc")]),
            ("badArgument", [("verb", "ListSets"), ("set", "source")]),
        };
        foreach (var (code, args) in cases)
        {
            var doc = await app.OaiAsync(args);
            Assert.That(ErrorCodes(doc), Is.Not.Empty.And.All.EqualTo(code), string.Join("&", args));
            Assert.That(Request(doc).Attributes(), Is.Empty, string.Join("&", args));
        }

        var format = await app.OaiAsync(("verb", "ListRecords"), ("metadataPrefix", "dc"));
        Assert.That(ErrorCodes(format), Is.EqualTo(new[] { "cannotDisseminateFormat" }));
        Assert.That((string?)Request(format).Attribute("metadataPrefix"), Is.EqualTo("dc"), "a well-formed request is echoed with its arguments");
        var none = await app.OaiAsync(("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2030-01-01"));
        Assert.That(ErrorCodes(none), Is.EqualTo(new[] { "noRecordsMatch" }));
        Assert.That((string?)Request(none).Attribute("from"), Is.EqualTo("2030-01-01"));
        var posted = await app.OaiPostAsync(("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "source:alpha"));
        Assert.That(Headers(posted), Has.Count.EqualTo(5), "a form POST");
    }

    [Test]
    public async Task Hostile_input_never_breaks_the_answer()
    {
        using var app = await AlphaAsync();
        var hostile = new[] { "\u0001\uFFFE", "<x>&amp;", new string('長', 3000), "%00", "oai:" + OaiApp.RepositoryIdentifier + ":" + new string('r', 500), "\"'" };
        foreach (var value in hostile)
        {
            foreach (var args in new[]
            {
                new[] { ("verb", value) },
                [("verb", "GetRecord"), ("identifier", value), ("metadataPrefix", "oai_dc")],
                [("verb", "GetRecord"), ("identifier", OaiApp.Identifier(AlphaWork(1))), ("metadataPrefix", value)],
                [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", value)],
                [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", value)],
                [("verb", "ListRecords"), ("resumptionToken", value)],
                [("verb", "ListMetadataFormats"), ("identifier", value)],
                [(value, "x"), ("verb", "Identify")],
            })
            {
                Assert.That(ErrorCodes(await app.OaiAsync(args)), Is.Not.Empty);
            }
        }

        using var client = app.CreateClient();
        using var junk = new StringContent("verb=Identify&%%%", System.Text.Encoding.UTF8, "application/json");
        Assert.That(ErrorCodes(await ReadAsync(await client.PostAsync("/oai", junk))), Is.EqualTo(new[] { "badArgument" }));
    }
}

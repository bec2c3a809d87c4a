using System.Xml;
using System.Xml.Linq;

namespace Search.Api.Tests.Peers;

/// <summary>The OAI-PMH test provider itself: what other integration tests rely on.</summary>
[TestFixture]
public class OaiProviderTests
{
    private static readonly XNamespace Oai = "http://www.openarchives.org/OAI/2.0/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    private HttpClient _http = null!;

    [SetUp]
    public void SetUp() => _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    [TearDown]
    public void TearDown() => _http.Dispose();

    [Test]
    public async Task Identify_describes_the_repository()
    {
        await using var provider = await OaiProvider.StartAsync(ProviderRecords.Generate(3));

        var identify = (await GetAsync(provider, "?verb=Identify")).Root!.Element(Oai + "Identify")!;

        Assert.Multiple(() =>
        {
            Assert.That(identify.Element(Oai + "protocolVersion")!.Value, Is.EqualTo("2.0"));
            Assert.That(identify.Element(Oai + "baseURL")!.Value, Is.EqualTo(provider.BaseUrl.ToString()));
            Assert.That(identify.Element(Oai + "granularity")!.Value, Is.EqualTo("YYYY-MM-DDThh:mm:ssZ"));
            Assert.That(identify.Element(Oai + "deletedRecord")!.Value, Is.EqualTo("persistent"));
            Assert.That(identify.Element(Oai + "earliestDatestamp")!.Value, Is.EqualTo("2024-01-01T00:00:00Z"));
        });
    }

    [Test]
    public async Task ListRecords_token_chain_returns_every_record_once()
    {
        var records = ProviderRecords.Generate(250);
        await using var provider = await OaiProvider.StartAsync(records, pageSize: 100);

        var (identifiers, pages) = await HarvestAsync(provider, "?verb=ListRecords&metadataPrefix=oai_dc");

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(identifiers, Has.Count.EqualTo(250));
            Assert.That(identifiers, Is.EquivalentTo(records.Select(r => OaiProvider.OaiIdentifier(r.Id))));
        });
    }

    [Test]
    public async Task Deleted_record_has_a_deleted_header_and_no_metadata()
    {
        var records = ProviderRecords.Generate(5).Select((r, i) => i == 2 ? r with { Deleted = true } : r).ToList();
        await using var provider = await OaiProvider.StartAsync(records);

        var list = (await GetAsync(provider, "?verb=ListRecords&metadataPrefix=oai_dc")).Descendants(Oai + "record").ToList();
        var deleted = list.Where(r => (string?)r.Element(Oai + "header")!.Attribute("status") == "deleted").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(list, Has.Count.EqualTo(5));
            Assert.That(deleted.Select(r => r.Element(Oai + "header")!.Element(Oai + "identifier")!.Value),
                Is.EqualTo(new[] { OaiProvider.OaiIdentifier(records[2].Id) }));
            Assert.That(deleted[0].Element(Oai + "metadata"), Is.Null);
        });
    }

    [Test]
    public async Task From_returns_only_records_stamped_at_or_after_it()
    {
        var records = ProviderRecords.Generate(250);
        await using var provider = await OaiProvider.StartAsync(records, pageSize: 100);

        // Record 200 is stamped 2024-01-01 + 200 minutes = 03:20:00.
        var (identifiers, _) = await HarvestAsync(provider, "?verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-01-01T03:20:00Z");

        Assert.That(identifiers, Is.EqualTo(records.Skip(200).Select(r => OaiProvider.OaiIdentifier(r.Id))));
    }

    [Test]
    public async Task GetRecord_serves_chinese_oai_dc_and_sees_replaced_records()
    {
        var records = ProviderRecords.Generate(3);
        await using var provider = await OaiProvider.StartAsync(records);
        var query = $"?verb=GetRecord&metadataPrefix=oai_dc&identifier={Uri.EscapeDataString(OaiProvider.OaiIdentifier(records[1].Id))}";

        var before = await GetAsync(provider, query);
        await provider.ReplaceRecordsAsync([records[0], records[1] with { Titles = ["改后的题名 <&>"] }]);
        var after = await GetAsync(provider, query);

        Assert.Multiple(() =>
        {
            Assert.That(before.Descendants(Dc + "title").Single().Value, Is.EqualTo(records[1].Titles[0]));
            Assert.That(before.Descendants(Dc + "subject").Select(e => e.Value), Is.EqualTo(records[1].Subjects));
            Assert.That(after.Descendants(Dc + "title").Single().Value, Is.EqualTo("改后的题名 <&>"));
        });
    }

    [Test]
    public async Task Errors_use_oai_error_codes()
    {
        await using var provider = await OaiProvider.StartAsync(ProviderRecords.Generate(3));

        Assert.Multiple(async () =>
        {
            Assert.That(await ErrorCodeAsync(provider, "?verb=Nonsense"), Is.EqualTo("badVerb"));
            Assert.That(await ErrorCodeAsync(provider, "?verb=ListRecords&resumptionToken=not-a-token"), Is.EqualTo("badResumptionToken"));
            Assert.That(await ErrorCodeAsync(provider, "?verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01"), Is.EqualTo("noRecordsMatch"));
            Assert.That(await ErrorCodeAsync(provider, "?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fixture.test:nope"), Is.EqualTo("idDoesNotExist"));
        });
    }

    [Test]
    public async Task Set_selects_its_records_and_new_sets_appear_after_replacing()
    {
        var records = ProviderRecords.Generate(20);
        await using var provider = await OaiProvider.StartAsync(records);
        var engineering = records.Where(r => r.SetSpecs.Contains("engineering")).Select(r => OaiProvider.OaiIdentifier(r.Id));

        var (inSet, _) = await HarvestAsync(provider, "?verb=ListIdentifiers&metadataPrefix=oai_dc&set=engineering");
        await provider.ReplaceRecordsAsync([.. records, records[0] with { Id = "extra", SetSpecs = ["brand-new"] }]);
        var (inNewSet, _) = await HarvestAsync(provider, "?verb=ListIdentifiers&metadataPrefix=oai_dc&set=brand-new");

        Assert.Multiple(() =>
        {
            Assert.That(inSet, Is.EqualTo(engineering));
            Assert.That(inNewSet, Is.EqualTo(new[] { OaiProvider.OaiIdentifier("extra") }));
        });
    }

    [Test]
    public async Task Many_requests_on_one_pooled_client_all_succeed()
    {
        // The provider closes every connection; it must say so, or pooled clients hit resets.
        await using var provider = await OaiProvider.StartAsync(ProviderRecords.Generate(1));

        var answered = 0;
        for (var i = 0; i < 300; i++)
        {
            var doc = await GetAsync(provider, i % 2 == 0 ? "?verb=Identify" : "?verb=Nonsense");
            answered += doc.Root!.Elements().Any(e => e.Name == Oai + "Identify" || e.Name == Oai + "error") ? 1 : 0;
        }

        Assert.That(answered, Is.EqualTo(300));
    }

    [Test]
    public void Generate_gives_distinct_ids_titles_and_identifiers_past_the_csl_thousand()
    {
        var records = ProviderRecords.Generate(2500);

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Id), Is.Unique);
            Assert.That(records.Select(r => r.Titles[0]), Is.Unique);
            Assert.That(records.Select(r => r.Identifiers[0]), Is.Unique);
            Assert.That(records.SelectMany(r => r.SetSpecs), Is.All.Matches<string>(s => s.All(char.IsAsciiLetterLower)));
        });
    }

    private async Task<(List<string> Identifiers, int Pages)> HarvestAsync(OaiProvider provider, string firstQuery)
    {
        var verb = firstQuery.Contains("ListIdentifiers", StringComparison.Ordinal) ? "ListIdentifiers" : "ListRecords";
        var identifiers = new List<string>();
        var query = firstQuery;
        for (var pages = 1; pages <= 1000; pages++)
        {
            var doc = await GetAsync(provider, query);
            var list = doc.Root!.Element(Oai + verb) ?? throw new AssertionException($"No {verb} in {doc}");
            identifiers.AddRange(list.Descendants(Oai + "header").Select(h => h.Element(Oai + "identifier")!.Value));
            var token = list.Element(Oai + "resumptionToken")?.Value;
            if (string.IsNullOrEmpty(token))
            {
                return (identifiers, pages);
            }

            query = $"?verb={verb}&resumptionToken={Uri.EscapeDataString(token)}";
        }

        throw new AssertionException("The resumption token chain did not end within 1000 pages.");
    }

    private async Task<string?> ErrorCodeAsync(OaiProvider provider, string query) =>
        (string?)(await GetAsync(provider, query)).Root!.Element(Oai + "error")?.Attribute("code");

    private async Task<XDocument> GetAsync(OaiProvider provider, string query)
    {
        await using var stream = await _http.GetStreamAsync(new Uri(provider.BaseUrl + query));
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, Async = true };
        using var reader = XmlReader.Create(stream, settings);
        return await XDocument.LoadAsync(reader, LoadOptions.None, CancellationToken.None);
    }
}

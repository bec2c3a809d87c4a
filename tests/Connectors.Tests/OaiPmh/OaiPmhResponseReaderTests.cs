using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.OaiPmh;

public class OaiPmhResponseReaderTests
{
    private static async Task<OaiPmhListPage> ReadFileAsync(string folder, string file, string? prefix = null)
    {
        await using var stream = File.OpenRead(Data([.. folder.Split('/'), file]));
        return await OaiPmhResponseReader.ReadListAsync(stream, "src", prefix, CancellationToken.None);
    }

    private static async Task<OaiPmhListPage> ReadTextAsync(string xml, string? prefix = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return await OaiPmhResponseReader.ReadListAsync(stream, "src", prefix, CancellationToken.None);
    }

    [Test]
    public async Task Nsdl_four_page_chain_follows_its_tokens_to_733_headers_and_an_empty_last_token()
    {
        var pages = new List<OaiPmhListPage>();
        for (var i = 1; i <= 4; i++)
        {
            // Later pages echo only the token, so the prefix is given as the harvester knows it.
            pages.Add(await ReadFileAsync("phpoaipmh", $"GoodResponseFourPage_{i}.xml", "nsdl_dc"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Verb), Is.All.EqualTo("ListIdentifiers"));
            Assert.That(pages.Select(p => p.Records.Count), Is.EqualTo(new[] { 200, 200, 200, 133 }));
            Assert.That(pages.Sum(p => p.Records.Count), Is.EqualTo(733));
            Assert.That(pages.SelectMany(p => p.Records).Select(r => r.ExternalId).Distinct().Count(), Is.EqualTo(733));
            Assert.That(pages.Select(p => p.ResumptionToken), Is.EqualTo(new[]
            {
                "0/200/733/nsdl_dc/null/2012-07-26/null",
                "200/400/733/nsdl_dc/null/2012-07-26/null",
                "400/600/733/nsdl_dc/null/2012-07-26/null",
                null,
            }));
            Assert.That(pages[3].Cursor, Is.EqualTo(600));
            Assert.That(pages[3].CompleteListSize, Is.EqualTo(733));
            Assert.That(pages[0].RequestMetadataPrefix, Is.EqualTo("nsdl_dc"));
            Assert.That(pages[0].Records[0].Sets, Is.EqualTo(new[] { "ncs-NSDL-COLLECTION-000-003-112-016" }));
            Assert.That(pages.SelectMany(p => p.Records).Select(r => r.Payload), Is.All.Null, "ListIdentifiers has headers only");
            Assert.That(pages.SelectMany(p => p.Records).Select(r => r.MetadataFormat), Is.All.EqualTo("nsdl_dc"));
        });
    }

    [Test]
    public async Task Namespaced_sample_payload_parses_alone_with_the_envelope_prefixes()
    {
        var page = await ReadFileAsync("phpoaipmh", "NamespacedSample.xml");

        var record = page.Records.Single();
        var payload = XElement.Parse(record.Payload!);
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        Assert.Multiple(() =>
        {
            Assert.That(record.ExternalId, Is.EqualTo("oai:bnf.fr:gallica/ark:/12148/bpt6k5440618t"));
            Assert.That(record.Datestamp, Is.EqualTo(new DateTimeOffset(2010, 6, 9, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(record.Sets, Is.EqualTo(new[] { "gallica:theme:8:80", "gallica:typedoc:periodiques:fascicules" }));
            Assert.That(record.MetadataFormat, Is.EqualTo(MetadataFormats.OaiDc));
            Assert.That(record.Payload, Does.StartWith("<oai_dc:dc "));
            Assert.That(record.Payload, Does.Contain("xmlns:dc=\"http://purl.org/dc/elements/1.1/\""));
            Assert.That(payload.Element(dc + "title")?.Value, Is.EqualTo("Le Poème. Publication mensuelle"));
            Assert.That(payload.Elements(dc + "type").Select(e => (string?)e.Attribute(XNamespace.Xml + "lang")), Is.EqualTo(new[] { "fre", "eng", "fre", "eng" }));
            Assert.That(page.ResumptionToken, Is.EqualTo("1!53691!20513471!2505879!100!2402263!oai_dc"));
            Assert.That(page.ResponseDate, Is.EqualTo("2015-07-29T19:56:59Z"));
        });
    }

    [Test]
    public async Task Payload_text_is_kept_verbatim()
    {
        var page = await ReadFileAsync("pyoai/fake2", "00002.xml");

        var record = page.Records.Single(r => r.ExternalId == "hdl:1765/1163");
        Assert.That(record.Payload, Does.Contain("<dc:subject>bedrijfskunde;bedrijfseconomie;\ndraadloze communicatie; \nfinanciële instellingen;"));
    }

    [TestCase("sickle", "Identify.xml", OaiPmhGranularity.Day, "1970-01-01T00:00:00Z", "A Test Repository")]
    [TestCase("phpoaipmh", "GoodResponseIdentify.xml", OaiPmhGranularity.Seconds, "1900-01-01T12:00:00Z", "National Science Digital Library")]
    [TestCase("pyoai/fake1", "00001.xml", OaiPmhGranularity.Seconds, "2001-01-01T00:00:00Z", "Erasmus University : Research Online")]
    public async Task Identify_gives_granularity_and_earliest_datestamp(string folder, string file, OaiPmhGranularity granularity, string earliest, string name)
    {
        await using var stream = File.OpenRead(Data([.. folder.Split('/'), file]));

        var identify = await OaiPmhResponseReader.ReadIdentifyAsync(stream, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(identify.Granularity, Is.EqualTo(granularity));
            Assert.That(identify.EarliestDatestamp, Is.EqualTo(earliest));
            Assert.That(identify.RepositoryName, Is.EqualTo(name));
            Assert.That(identify.Error, Is.Null);
        });
    }

    [Test]
    public async Task Error_answer_gives_code_and_normalised_message()
    {
        var page = await ReadFileAsync("sickle", "noSetHierarchy.xml");

        Assert.Multiple(() =>
        {
            Assert.That(page.Error, Is.EqualTo(new OaiPmhError("noSetHierarchy", "This repository does not support sets")));
            Assert.That(page.Verb, Is.Null);
            Assert.That(page.Records, Is.Empty);
        });
    }

    [Test]
    public void Not_xml_is_an_xml_exception()
    {
        Assert.ThrowsAsync<XmlException>(() => ReadFileAsync("sickle", "ListRecordsBroken.xml"));
    }

    [Test]
    public void Xml_that_is_not_oai_pmh_is_an_xml_exception()
    {
        var ex = Assert.ThrowsAsync<XmlException>(() => ReadTextAsync("<html><body>Service temporarily unavailable</body></html>"));

        Assert.That(ex!.Message, Does.Contain("not an OAI-PMH answer"));
    }

    [Test]
    public async Task A_payload_is_its_own_document_with_the_envelope_namespaces_declared_on_it_and_the_page_is_read_on()
    {
        // Prefixes declared on the envelope and on the record go onto the payload, sorted; the payload's own stay first.
        var page = await ReadTextAsync("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/">
              <responseDate>2026-01-15T08:00:00Z</responseDate>
              <ListRecords>
                <record xmlns:dc="http://purl.org/dc/elements/1.1/"><header><identifier>oai:x:1</identifier></header><metadata><oai_dc:dc xmlns:x="urn:x"><dc:title>一 &amp; 二</dc:title><x:empty/></oai_dc:dc></metadata></record>
                <record><header><identifier>oai:x:2</identifier></header><metadata><oai_dc:dc><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">三</dc:title></oai_dc:dc></metadata></record>
              </ListRecords>
            </OAI-PMH>
            """, "oai_dc");

        Assert.That(page.Records.Select(r => r.Payload), Is.EqualTo(new[]
        {
            """<oai_dc:dc xmlns:x="urn:x" xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><dc:title>一 &amp; 二</dc:title><x:empty /></oai_dc:dc>""",
            """<oai_dc:dc xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">三</dc:title></oai_dc:dc>""",
        }));
        Assert.That(XElement.Parse(page.Records[0].Payload!).Element(XName.Get("title", "http://purl.org/dc/elements/1.1/"))?.Value, Is.EqualTo("一 & 二"));
    }

    [Test]
    public async Task A_record_without_identifier_or_metadata_is_a_problem_and_the_page_goes_on()
    {
        var page = await ReadTextAsync("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
              <responseDate>2026-01-15T08:00:00Z</responseDate>
              <ListRecords>
                <record><header><datestamp>2026-01-01</datestamp></header><metadata><x/></metadata></record>
                <record><header><identifier>oai:x:2</identifier></header></record>
                <record><metadata><x/></metadata></record>
                <record><header><identifier> oai:x:4 </identifier><datestamp>not a date</datestamp></header><metadata><x xmlns="urn:x">ok</x></metadata></record>
              </ListRecords>
            </OAI-PMH>
            """, "x");

        Assert.Multiple(() =>
        {
            Assert.That(page.Problems.Select(p => p.ExternalId), Is.EqualTo(new[] { null, "oai:x:2", null }));
            Assert.That(page.Problems[0].Reason, Does.Contain("no identifier"));
            Assert.That(page.Problems[0].RawPayload, Does.Contain("<datestamp>2026-01-01</datestamp>"));
            Assert.That(page.Problems[1].Reason, Does.Contain("no metadata"));
            Assert.That(page.Problems[2].Reason, Does.Contain("no header"));
            Assert.That(page.Records.Single().ExternalId, Is.EqualTo("oai:x:4"));
            Assert.That(page.Records.Single().Datestamp, Is.Null);
            Assert.That(page.Records.Single().Payload, Is.EqualTo("<x xmlns=\"urn:x\">ok</x>"));
        });
    }

    private const string MarcPage = """
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
          <responseDate>2026-01-15T08:00:00Z</responseDate>
          <request verb="ListRecords" metadataPrefix="ECHOED">http://partner.test/oai</request>
          <ListRecords>
            <record><header><identifier>oai:x:1</identifier></header>
              <metadata><marc:record xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:leader>00000nam a2200000 a 4500</marc:leader></marc:record></metadata>
            </record>
          </ListRecords>
        </OAI-PMH>
        """;

    [TestCase("marc21", null)]
    [TestCase("MARC21", null)]
    [TestCase("marcxml", null)]
    [TestCase("local_marc", null)]
    [TestCase(null, "marc21")]
    public async Task Marc21_slim_records_are_marcxml(string? requestedPrefix, string? echoedPrefix)
    {
        var page = await ReadTextAsync(MarcPage.Replace("ECHOED", echoedPrefix ?? "whatever", StringComparison.Ordinal), requestedPrefix);

        var record = page.Records.Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.MetadataFormat, Is.EqualTo(MetadataFormats.MarcXml));
            Assert.That(XElement.Parse(record.Payload!).Name, Is.EqualTo(XName.Get("record", OaiPmhResponseReader.MarcXmlNamespace)));
        });
    }

    [TestCase("marc21", MetadataFormats.MarcXml)]
    [TestCase("oai_dc", MetadataFormats.OaiDc)]
    [TestCase("mods", "mods")]
    public void Deleted_records_take_their_format_from_the_prefix(string prefix, string expected)
    {
        Assert.That(OaiPmhResponseReader.DetectMetadataFormat(prefix, null), Is.EqualTo(expected));
    }

    [Test]
    public void A_doctype_with_an_external_dtd_is_refused_without_fetching_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE OAI-PMH SYSTEM "http://127.0.0.1:{port}/oai.dtd">
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                  <responseDate>2026-01-15T08:00:00Z</responseDate>
                  <ListRecords><record><header><identifier>&secret;</identifier></header></record></ListRecords>
                </OAI-PMH>
                """;

            var ex = Assert.ThrowsAsync<XmlException>(() => ReadTextAsync(xml));

            Assert.Multiple(() =>
            {
                Assert.That(ex!.Message, Does.Contain("DTD"));
                Assert.That(listener.Pending(), Is.False, "nothing may connect to fetch the DTD");
            });
        }
        finally
        {
            listener.Stop();
            listener.Dispose();
        }
    }
}

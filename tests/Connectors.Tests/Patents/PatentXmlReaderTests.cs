using System.IO.Compression;
using System.Net;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Connectors.Tests.Fakes;

namespace Search.Connectors.Tests.Patents;

[TestFixture]
public class PatentXmlReaderTests
{
    private static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "patent-xml");

    [Test]
    public async Task Every_generation_in_the_folder_is_read_and_the_sgml_grant_is_refused_with_a_reason()
    {
        var connector = new FileConnector(new FileConnectorOptions(Folder), [new PatentXmlFileFormatReader()]);
        var batches = await TestFiles.CollectAsync(connector.HarvestAsync(
            new HarvestContext("uspto", TestFiles.Json("""{"path": ".", "format": "patent-xml"}"""), null), CancellationToken.None));
        var records = batches.SelectMany(b => b.Records).ToList();
        var problems = batches.SelectMany(b => b.Problems).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.ExternalId), Is.EquivalentTo(new[]
            {
                "US6859910B2", "US7272630B2", "US8927118B2", "US8930553B2", "US20010000044A1", "US20010009014A1", "US20050004437A1",
            }));
            Assert.That(records.Select(r => r.MetadataFormat), Is.All.EqualTo(MetadataFormats.PatentXml));
            Assert.That(records.Select(r => r.Payload), Has.None.Contains("<!DOCTYPE"));
            Assert.That(problems, Has.Count.EqualTo(1));
            Assert.That(problems[0].Reason, Does.Contain("SGML-era grant"));
            Assert.That(records.Single(r => r.ExternalId == "US7272630B2").Datestamp, Is.EqualTo(new DateTimeOffset(2007, 9, 18, 0, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void Concatenated_documents_are_split_and_a_broken_one_does_not_stop_the_others()
    {
        var grant = File.ReadAllText(Path.Combine(Folder, "US08930553.xml"));
        var application = File.ReadAllText(Path.Combine(Folder, "US20050004437A1.xml"));
        var broken = "<?xml version=\"1.0\"?>\n<!DOCTYPE us-patent-grant SYSTEM \"x.dtd\" [ ]>\n<us-patent-grant><unclosed></us-patent-grant>\n";
        var content = PatentXmlReader.Read(System.Text.Encoding.UTF8.GetBytes(grant + broken + application), "ipg.xml", "uspto", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(content.Records.Select(r => r.ExternalId), Is.EqualTo(new[] { "US8930553B2", "US20050004437A1" }));
            Assert.That(content.Problems.Single().Reason, Does.Contain("document 2 of 'ipg.xml'").And.Contain("not well-formed"));
        });
    }

    [Test]
    public void Named_entities_of_the_old_dtds_become_characters()
    {
        var content = PatentXmlReader.Read(File.ReadAllBytes(Path.Combine(Folder, "US20010009014A1.xml")), "pap.xml", "uspto", CancellationToken.None);
        var payload = content.Records.Single().Payload!;
        Assert.Multiple(() =>
        {
            Assert.That(payload, Does.Not.Contain("&lsqb;"));
            Assert.That(payload, Does.Contain("[0001]"));
        });
    }

    [Test]
    public async Task A_zip_of_files_is_read_like_a_folder()
    {
        var zipPath = Path.Combine(Path.GetTempPath(), $"patents-{Guid.NewGuid():N}.zip");
        try
        {
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(Path.Combine(Folder, "US08930553.xml"), "2015/US08930553.xml");
                zip.CreateEntryFromFile(Path.Combine(Folder, "US06859910.xml"), "2005/US06859910.xml");
                zip.CreateEntry("README.txt");
            }

            await using var stream = File.OpenRead(zipPath);
            var content = await new PatentXmlFileFormatReader().ReadAsync(stream, new FileReadContext("uspto", "bulk.zip", TestFiles.Json("{}")), CancellationToken.None);
            Assert.That(content.Records.Select(r => r.ExternalId), Is.EqualTo(new[] { "US6859910B2", "US8930553B2" }));
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    [Test]
    public async Task A_file_over_http_is_read_once_until_it_changes()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "US07272630B2.xml"));
        var requests = 0;
        using var handler = new StaticHandler(() =>
        {
            requests++;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };
        });
        using var http = new HttpClient(handler);
        var connector = new PatentXmlConnector(http, new FakeClock());
        var settings = TestFiles.Json("""{"url": "https://bulk.uspto.test/ipg070918.xml", "http": {"timeoutSeconds": 7200}}""");
        var first = await TestFiles.CollectAsync(connector.HarvestAsync(new HarvestContext("uspto", settings, null), CancellationToken.None));
        var second = await TestFiles.CollectAsync(connector.HarvestAsync(new HarvestContext("uspto", settings, first[0].Checkpoint), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(first.Single().Records.Single().ExternalId, Is.EqualTo("US7272630B2"));
            Assert.That(second, Is.Empty);
            Assert.That(requests, Is.EqualTo(2));
        });
    }

    [TestCase("US", "07272630", "B2", "US7272630B2")]
    [TestCase("US", "2007/0140112", "A1", "US20070140112A1")]
    [TestCase("JP", "2008-148514", null, "JP2008148514")]
    [TestCase("ＵＳ", "US06859910B2", "B2", "US6859910B2")]
    [TestCase(null, "000", null, null)]
    public void Numbers_have_one_form(string? country, string number, string? kind, string? expected) =>
        Assert.That(PatentNumbers.Normalize(country, number, kind), Is.EqualTo(expected));

    private sealed class StaticHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer());
    }
}

using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Connectors.Tests.Fakes;
using Search.Tests.Support;

namespace Search.Connectors.Tests.Patents;

/// <summary>
/// European Publication Server documents (tests/TestData/patent-xml-epo) and CNIPA, SIPO 2006 and LexisNexis CN
/// documents (read from the shared data folder: they carry no open licence) through the file connector.
/// </summary>
[TestFixture]
public class EuropeanAndChinesePatentReaderTests
{
    private static string EpoFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "patent-xml-epo");

    private static async Task<(List<HarvestedRecord> Records, List<HarvestProblem> Problems)> ReadFolderAsync(string folder, string sourceId)
    {
        var connector = new FileConnector(new FileConnectorOptions(folder), [new PatentXmlFileFormatReader()]);
        var batches = await TestFiles.CollectAsync(connector.HarvestAsync(
            new HarvestContext(sourceId, TestFiles.Json("""{"path": ".", "format": "patent-xml"}"""), null), CancellationToken.None));
        return (batches.SelectMany(b => b.Records).ToList(), batches.SelectMany(b => b.Problems).ToList());
    }

    [Test]
    public async Task Every_epo_dtd_version_and_kind_is_read_under_its_publication_number()
    {
        var (records, problems) = await ReadFolderAsync(EpoFolder, "epo");
        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(p => p.Reason), Is.Empty);
            Assert.That(records.Select(r => r.ExternalId), Is.EquivalentTo(new[]
            {
                "EP1325900A1", "EP1326188A2", "EP0874807B2", "EP1679948A1", "EP1873405A2", "EP1981358A1",
                "EP2007181A2", "EP2136607A2", "EP4090146A1", "EP3782854A1", "EP3814387A2", "EP3404678B1",
            }));
            Assert.That(records.Select(r => r.Payload), Has.None.Contains("<!DOCTYPE"));
            Assert.That(records.Single(r => r.ExternalId == "EP3404678B1").Datestamp, Is.EqualTo(new DateTimeOffset(2021, 6, 30, 0, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task Every_chinese_document_is_read_whatever_its_bom_stylesheet_or_doctype()
    {
        var folder = SharedData.Require(Path.Combine("patent-xml", "cnipa"));
        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        foreach (var sub in Directory.GetDirectories(folder))
        {
            var (r, p) = await ReadFolderAsync(sub, "cnipa");
            records.AddRange(r);
            problems.AddRange(p);
        }

        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(p => p.Reason), Is.Empty);
            Assert.That(records.Select(r => r.ExternalId), Is.SupersetOf(new[]
            {
                "CN113781974A", "CN113784721A", "CN115212463A", "CN104223352A", "CN104245682A", "CN104223590A",
                "CN103492414A", "CN106504675A", "CN85202237U", "CN201094265Y", "CN101243817A",
            }));
            Assert.That(records, Has.Count.EqualTo(19));
            Assert.That(records.Where(r => r.Payload!.Contains("<!DOCTYPE", StringComparison.Ordinal)).Select(r => r.ExternalId), Is.Empty);
            Assert.That(records.Where(r => r.Payload!.StartsWith('\uFEFF')).Select(r => r.ExternalId), Is.Empty);
        });
    }

    [Test]
    public void The_xml_stylesheet_instruction_does_not_start_a_second_document()
    {
        var text = "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"/showxml/x.xsl\"?>\n<cn-patent-document/>";
        Assert.That(PatentXmlDocuments.Split(text).ToList(), Has.Count.EqualTo(1));
    }

    [TestCase("201510436362.X", "CN201510436362.X")]
    [TestCase("102015000436362", "CN102015000436362")]
    [TestCase("19883405.3", "EP19883405.3")]
    [TestCase(" 85202237 ", "CN85202237")]
    public void Application_numbers_keep_their_check_digit_and_zeros(string number, string expected) =>
        Assert.That(PatentNumbers.Application(expected[..2], number), Is.EqualTo(expected));
}

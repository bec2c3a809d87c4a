using System.Text;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.Marc;
using static Search.Connectors.Tests.Fakes.TestFiles;

namespace Search.Connectors.Tests.Marc;

public class MarcFileFormatReaderTests
{
    private static FileReadContext Context(string path, string settings = "{}") => new("src", path, Json(settings));

    private static Task<FileContent> ReadXmlAsync(string xml, string settings = "{}") =>
        new MarcXmlFileFormatReader().ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Context("x.xml", settings), CancellationToken.None);

    private const string Good = """<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">g1</controlfield><datafield tag="245" ind1="0" ind2="0"><subfield code="a">好</subfield></datafield></record>""";

    [Test]
    public async Task A_collection_gives_one_payload_per_record_with_the_control_number_as_id()
    {
        var xml = $"""<collection xmlns="http://www.loc.gov/MARC21/slim">{Good}{Good.Replace("g1", "g2", StringComparison.Ordinal)}</collection>""";

        var content = await ReadXmlAsync(xml);

        Assert.That(content.Records.Select(r => r.ExternalId), Is.EqualTo(new[] { "g1", "g2" }));
        Assert.That(content.Records.Select(r => r.MetadataFormat), Is.All.EqualTo(MetadataFormats.MarcXml));
        Assert.That(content.Records[0].Payload, Does.StartWith("<record").And.Contain("好"));
    }

    [Test]
    public async Task XML_that_breaks_off_keeps_the_records_before_the_break()
    {
        var xml = $"""<collection xmlns="http://www.loc.gov/MARC21/slim">{Good}<record><leader>x</leader><datafield tag="245"><subfield code="a">cut""";

        var content = await ReadXmlAsync(xml);

        Assert.That(content.Records.Select(r => r.ExternalId), Is.EqualTo(new[] { "g1" }));
        Assert.That(content.Problems.Single().Reason, Does.Contain("breaks off after record 1"));
    }

    [Test]
    public void A_file_that_is_not_MARCXML_is_refused_as_a_whole()
    {
        var ex = Assert.ThrowsAsync<InvalidDataException>(() => ReadXmlAsync("<html><body/></html>"));
        Assert.That(ex!.Message, Does.Contain("not a MARCXML collection"));
        Assert.ThrowsAsync<InvalidDataException>(() => ReadXmlAsync("<!DOCTYPE collection [<!ENTITY x \"y\">]><collection/>"));
    }

    [Test]
    public async Task Records_with_a_200_and_no_245_are_UNIMARC_unless_the_source_says_otherwise()
    {
        var unimarc = """<record><leader>00000nam0 2200000   450 </leader><controlfield tag="001">u1</controlfield><datafield tag="200" ind1="1" ind2=" "><subfield code="a">标题</subfield></datafield></record>""";

        Assert.That((await ReadXmlAsync(unimarc)).Records.Single().MetadataFormat, Is.EqualTo(MarcSourceSettings.UnimarcFormat));
        Assert.That((await ReadXmlAsync(unimarc, "{\"marcFlavour\": \"marc21\"}")).Records.Single().MetadataFormat, Is.EqualTo(MetadataFormats.MarcXml));
    }

    [Test]
    public async Task ISO_2709_records_become_MARCXML_with_leader_09_set_to_Unicode()
    {
        await using var stream = File.OpenRead(MarcFiles.Path("yaz-marc12.marc"));
        var content = await new Iso2709FileFormatReader().ReadAsync(stream, Context("yaz-marc12.marc"), CancellationToken.None);

        var record = content.Records.Single();
        Assert.That(record.ExternalId, Is.EqualTo("on1183349983"));
        Assert.That(record.Payload, Does.Contain("<leader>03839cam a2200529 i 4500</leader>").And.Contain("车票去哪儿了"));
    }

    [Test]
    public async Task The_file_connector_reads_a_folder_of_ISO_2709_files_and_keeps_the_reasons_of_broken_records()
    {
        var folder = Directory.CreateTempSubdirectory("iso2709-").FullName;
        try
        {
            foreach (var name in new[] { "yaz-marc12.marc", "pymarc-bad_records.mrc" })
            {
                File.Copy(MarcFiles.Path(name), Path.Combine(folder, name));
            }

            var connector = new FileConnector(new FileConnectorOptions(folder), [new Iso2709FileFormatReader()]);
            var batches = await CollectAsync(connector.HarvestAsync(new HarvestContext("src", Json("{\"path\": \".\", \"format\": \"iso2709\", \"pattern\": \"*.*\"}"), null), CancellationToken.None));

            Assert.That(batches, Has.Count.EqualTo(2));
            Assert.That(batches.SelectMany(b => b.Problems).Select(p => p.Reason), Has.All.Contains("'pymarc-bad_records.mrc'"));
            Assert.That(batches.SelectMany(b => b.Problems).Count(), Is.EqualTo(5));
            Assert.That(batches.SelectMany(b => b.Records).Select(r => r.ExternalId), Does.Contain("on1183349983"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

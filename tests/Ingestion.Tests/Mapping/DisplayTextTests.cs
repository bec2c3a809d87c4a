using System.Text;
using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Ingestion.Tests.Mapping;

/// <summary>
/// Every mapper keeps the partner's characters in what is shown and exported: full-width digits, the wave dash
/// and Roman numerals are not folded (cleaning stops at control characters, whitespace and NFC).
/// </summary>
[TestFixture]
public class DisplayTextTests
{
    private const string Title = "２００２～２００５年Ⅰ～Ⅳ期（第２版）";
    private const string Keyword = "ＧＰＳ定位";

    [Test]
    public void Oai_dc_keeps_title_keywords_and_abstract_as_sent()
    {
        var payload = $"""
            <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title>{Title}</dc:title>
              <dc:title>Ｐａｒｔ Ⅱ～Ⅲ</dc:title>
              <dc:creator>王五{"\u200B"}</dc:creator>
              <dc:subject>{Keyword}；遥感</dc:subject>
              <dc:description>收录２００２～２００５年数据。</dc:description>
              <dc:date>２００５</dc:date>
            </oai_dc:dc>
            """;
        var record = new OaiDcMapper().Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload));
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo(Title));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Ｐａｒｔ Ⅱ～Ⅲ" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "王五" }), "a zero-width space is still cleaned away");
            Assert.That(record.Keywords, Is.EqualTo(new[] { Keyword, "遥感" }));
            Assert.That(record.Abstract, Is.EqualTo("收录２００２～２００５年数据。"));
            Assert.That(record.Year, Is.EqualTo(2005), "the year is read through folding");
        });
    }

    [Test]
    public void Marcxml_keeps_the_vernacular_880_title_as_sent()
    {
        var payload = Fixtures.Read("marc", "synthetic-clc-thesis.xml").Replace("基于超声波传感器的喷杆位姿控制系统", Title, StringComparison.Ordinal);
        var record = new MarcXmlMapper().Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload));
        Assert.That(record.Title, Is.EqualTo(Title), "the ISBD '　／' after it is still removed");
    }

    [Test]
    public void Marcxml_keeps_the_245_title_as_sent()
    {
        var payload = $"""
            <record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 a 4500</leader>
            <datafield tag="245" ind1="0" ind2="0"><subfield code="a">{Title} /</subfield></datafield>
            <datafield tag="650" ind1=" " ind2="0"><subfield code="a">{Keyword}.</subfield></datafield></record>
            """;
        var record = new MarcXmlMapper().Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload));
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo(Title));
            Assert.That(record.Keywords.Concat(record.Subjects), Does.Contain(Keyword));
        });
    }

    [Test]
    public void Unimarc_keeps_the_200_title_as_sent()
    {
        var payload = Fixtures.Read("marc", "synthetic-cnmarc-book.xml").Replace("大数据环境下的科技文献检索", Title, StringComparison.Ordinal);
        var record = new UnimarcMapper().Map(Fixtures.Harvested("unimarc", payload, "CN-SYN-0001"));
        Assert.That(record.Title, Is.EqualTo(Title + ": 理论与实践"));
    }

    [Test]
    public void Csv_keeps_mapped_fields_as_sent()
    {
        var payload = JsonSerializer.Serialize(new
        {
            fields = new { title = "题名", keywords = "关键词", sourceTitle = "刊名" },
            record = new Dictionary<string, object> { ["_line"] = 2, ["题名"] = Title, ["关键词"] = Keyword, ["刊名"] = "计算机学报（英文版）" },
        });
        var record = new CsvRecordMapper().Map(new HarvestedRecord("self", "HB1", null, false, MetadataFormats.Csv, payload, []));
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo(Title));
            Assert.That(record.Keywords, Is.EqualTo(new[] { Keyword }));
            Assert.That(record.SourceTitle, Is.EqualTo("计算机学报（英文版）"));
        });
    }

    [Test]
    public void Json_keeps_mapped_fields_as_sent()
    {
        var payload = JsonSerializer.Serialize(new
        {
            fields = new { title = "t", authors = "a" },
            record = new { t = Title, a = "Ｌｉ Ｍｉｎｇ" },
        });
        var record = new JsonRecordMapper().Map(new HarvestedRecord("nstl", "N1", null, false, MetadataFormats.Json, payload, []));
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo(Title));
            Assert.That(record.Authors, Is.EqualTo(new[] { "Ｌｉ Ｍｉｎｇ" }));
        });
    }

    [Test]
    public void Standards_html_keeps_the_title_as_sent()
    {
        var payload = JsonSerializer.Serialize(new
        {
            url = "http://std.test/detail/1.html",
            fields = new Dictionary<string, string[]> { ["number"] = ["ＧＢ／Ｔ　７７１４—２０１５"], ["titleZh"] = [Title], ["ics"] = ["０１.１４０.２０"] },
        });
        var record = new StandardHtmlMapper().Map(new HarvestedRecord("std", "http://std.test/detail/1.html", null, false, MetadataFormats.StandardHtml, payload, []));
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo(Title));
            Assert.That(record.Identifiers.StandardNumbers, Is.EqualTo(new[] { "GB/T 7714-2015" }), "the number is a key: folded");
            Assert.That(record.Classifications, Is.EqualTo(new[] { "01.140.20" }), "a class is a key: folded");
        });
    }

    [Test]
    public void Uspto_patent_xml_keeps_the_invention_title_as_sent()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "patent-xml", "US08930553.xml"))
            .Replace("Managing mid-dialog session initiation protocol (SIP) messages", Title, StringComparison.Ordinal);
        var harvested = PatentXmlReader.Read(Encoding.UTF8.GetBytes(text), "US08930553.xml", "uspto", CancellationToken.None).Records.Single();
        var record = new PatentXmlMapper().Map(harvested);
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo(Title));
            Assert.That(record.Classifications, Does.Contain("G06F 15/16"));
        });
    }
}

using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Mapping;

[TestFixture]
public class StandardHtmlMapperTests
{
    [TestCase("GB/T 42354—2023", "GB/T 42354-2023")]
    [TestCase("GB／T 42354-2023", "GB/T 42354-2023")]
    [TestCase("GB/T42354-2023", "GB/T 42354-2023")]
    [TestCase("gb/t 42354－2023", "GB/T 42354-2023")]
    [TestCase("ＧＢ　50016—2014", "GB 50016-2014")]
    [TestCase("DB42/T 2156—2023", "DB42/T 2156-2023")]
    [TestCase("GB/T 3792.1—2009", "GB/T 3792.1-2009")]
    [TestCase("GB/T 7714", "GB/T 7714")]
    [TestCase("无", null)]
    [TestCase("", null)]
    public void Standard_numbers_have_one_form(string text, string? expected) =>
        Assert.That(StandardNumbers.Normalize(text), Is.EqualTo(expected));

    private static HarvestedRecord Cut(object fields) => new(
        "std", "http://std.test/detail/1.html", null, false, MetadataFormats.StandardHtml,
        JsonSerializer.Serialize(new { url = "http://std.test/detail/1.html", fields }), []);

    [Test]
    public void A_detail_page_maps_to_a_standard()
    {
        var record = new StandardHtmlMapper().Map(Cut(new Dictionary<string, string[]>
        {
            ["number"] = ["GB/T 7714-2015"],
            ["titleZh"] = ["信息与文献 参考文献著录规则"],
            ["titleEn"] = ["Information and documentation—Rules for bibliographic references"],
            ["status"] = ["现行"],
            ["issueDate"] = ["2015-05-15"],
            ["implementationDate"] = ["2015-12-01"],
            ["replaces"] = ["GB/T 7714—2005"],
            ["ics"] = ["01.140.20"],
            ["ccs"] = ["A14"],
            ["issuer"] = ["中华人民共和国国家质量监督检验检疫总局、中国国家标准化管理委员会"],
        }));
        Assert.Multiple(() =>
        {
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Standard));
            Assert.That(record.Identifiers.StandardNumbers, Is.EqualTo(new[] { "GB/T 7714-2015" }));
            Assert.That(record.Title, Is.EqualTo("信息与文献 参考文献著录规则"));
            Assert.That(record.AlternativeTitles, Has.Count.EqualTo(1));
            Assert.That(record.Subjects, Is.EqualTo(new[] { "状态:现行", "发布日期:2015-05-15", "实施日期:2015-12-01" }));
            Assert.That(record.Year, Is.EqualTo(2015));
            Assert.That(record.Identifiers.Other, Is.EqualTo(new[] { "GB/T 7714-2005" }));
            Assert.That(record.Keywords, Is.EqualTo(new[] { "GB/T 7714-2015", "GB/T 7714-2005" }));
            Assert.That(record.Classifications, Is.EqualTo(new[] { "01.140.20", "A14" }));
            Assert.That(record.Organizations, Is.EqualTo(new[] { "中华人民共和国国家质量监督检验检疫总局", "中国国家标准化管理委员会" }));
            Assert.That(record.Links.Single().Url, Is.EqualTo("http://std.test/detail/1.html"));
        });
    }

    [Test]
    public void A_page_without_a_readable_number_is_a_mapping_failure() =>
        Assert.That(
            () => new StandardHtmlMapper().Map(Cut(new Dictionary<string, string[]> { ["number"] = ["待定"], ["titleZh"] = ["某标准"] })),
            Throws.TypeOf<MappingException>().With.Message.Contains("待定"));
}

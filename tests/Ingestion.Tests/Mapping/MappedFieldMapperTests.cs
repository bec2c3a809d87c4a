using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Ingestion.Tests.Mapping;

[TestFixture]
public class MappedFieldMapperTests
{
    [Test]
    public void A_json_record_maps_by_the_paths_in_its_envelope()
    {
        var payload = """
            {"fields": {"title": "title", "authors": "$.authors[*].name", "year": "pub.year", "doi": "ids.doi",
                        "keywords": "kw", "type": "kind", "sourceTitle": "journal.name"},
             "record": {"title": "基于深度学习的遥感影像分类", "authors": [{"name": "王五"}, {"name": "赵六"}],
                        "pub": {"year": 2021}, "ids": {"doi": "https://doi.org/10.1234/ABC"}, "kw": ["遥感", "深度学习"],
                        "kind": "期刊论文", "journal": {"name": "测绘学报"}}}
            """;
        var record = new JsonRecordMapper().Map(new HarvestedRecord("nstl", "N1", null, false, MetadataFormats.Json, payload, []));
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo("基于深度学习的遥感影像分类"));
            Assert.That(record.Authors, Is.EqualTo(new[] { "王五", "赵六" }));
            Assert.That(record.Year, Is.EqualTo(2021));
            Assert.That(record.Identifiers.Doi, Is.EqualTo("10.1234/abc"));
            Assert.That(record.Keywords, Is.EqualTo(new[] { "遥感", "深度学习" }));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.JournalArticle));
            Assert.That(record.SourceTitle, Is.EqualTo("测绘学报"));
        });
    }

    [Test]
    public void A_csv_row_maps_by_column_names_and_splits_lists()
    {
        var payload = """
            {"fields": {"title": "题名", "authors": "作者", "organizations": "完成单位", "year": "年份", "keywords": "关键词"},
             "record": {"_line": 2, "题名": "光纤传感在桥梁健康监测中的应用", "作者": "孙伟;Li Ming", "完成单位": "武汉理工大学",
                        "年份": "2021", "关键词": "光纤传感;桥梁"}}
            """;
        var record = new CsvRecordMapper().Map(new HarvestedRecord("self", "HB1", null, false, MetadataFormats.Csv, payload, []));
        Assert.Multiple(() =>
        {
            Assert.That(record.Authors, Is.EqualTo(new[] { "孙伟", "Li Ming" }));
            Assert.That(record.Organizations, Is.EqualTo(new[] { "武汉理工大学" }));
            Assert.That(record.Keywords, Is.EqualTo(new[] { "光纤传感", "桥梁" }));
            Assert.That(record.Year, Is.EqualTo(2021));
        });
    }

    [Test]
    public void A_record_without_a_title_is_a_mapping_failure()
    {
        var payload = """{"fields": {"title": "题名"}, "record": {"题名": " "}}""";
        Assert.That(
            () => new CsvRecordMapper().Map(new HarvestedRecord("self", "HB1", null, false, MetadataFormats.Csv, payload, [])),
            Throws.TypeOf<MappingException>().With.Message.Contains("no title"));
    }
}

using System.Text.Json;
using Search.Connectors.Csv;
using Search.Connectors.Files;
using Search.Connectors.Tests.Fakes;

namespace Search.Connectors.Tests.Csv;

[TestFixture]
public class CsvReaderTests
{
    private static readonly JsonElement Settings = TestFiles.Json("""
        {"path": "x", "format": "csv", "idColumn": "编号", "dateColumn": "更新日期",
         "columns": {"title": "题名", "alternativeTitles": "英文题名", "authors": "作者", "organizations": "完成单位",
                     "keywords": "关键词", "year": "年份", "type": "类型", "abstract": "摘要"}}
        """);

    private static string CsvFile(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "csv", name);

    private static async Task<FileContent> ReadAsync(string name, JsonElement? settings = null)
    {
        await using var stream = File.OpenRead(CsvFile(name));
        return await new CsvFileFormatReader().ReadAsync(stream, new FileReadContext("self", name, settings ?? Settings), CancellationToken.None);
    }

    [TestCase("hubei-achievements.csv")]
    [TestCase("hubei-achievements-gb18030.csv")]
    public async Task Utf8_with_bom_and_gb18030_read_the_same_and_broken_rows_are_quarantined_with_their_line(string file)
    {
        var content = await ReadAsync(file);
        Assert.Multiple(() =>
        {
            Assert.That(content.Records.Select(r => r.ExternalId), Is.EqualTo(new[] { "HBKJ-2023-0001", "HBKJ-2023-0002", "HBKJ-2022-0107", "HBKJ-2021-0033" }));
            Assert.That(content.Problems, Has.Count.EqualTo(2));
            Assert.That(content.Problems[0].Reason, Does.Contain("line 8").And.Contain("9 cells where the header has 10"));
            Assert.That(content.Problems[1].Reason, Does.Contain("line 9").And.Contain("closing quote"));
            Assert.That(content.Problems[1].RawPayload, Does.StartWith("HBKJ-2022-0109"));
        });

        using var payload = JsonDocument.Parse(content.Records[1].Payload!);
        var row = payload.RootElement.GetProperty("record");
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("题名").GetString(), Is.EqualTo("高性能磷酸铁锂正极材料制备工艺"));
            Assert.That(row.GetProperty("摘要").GetString(), Does.Contain("\n产品振实密度"));
            Assert.That(row.GetProperty("_line").GetInt32(), Is.EqualTo(3));
            Assert.That(content.Records[2].Payload, Does.Contain("\\\"以螨治螨\\\""));
            Assert.That(content.Records[3].Datestamp, Is.EqualTo(new DateTimeOffset(2022, 6, 30, 0, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task Tsv_files_use_the_tab_unless_told()
    {
        var content = await ReadAsync("hubei-achievements.tsv");
        Assert.That(content.Records.Select(r => r.ExternalId), Is.EqualTo(new[] { "HBKJ-2023-0001", "HBKJ-2022-0107" }));
    }

    [Test]
    public void A_missing_mapped_column_refuses_the_whole_file()
    {
        var settings = TestFiles.Json("""{"columns": {"title": "标题"}}""");
        var ex = Assert.ThrowsAsync<InvalidDataException>(async () => await ReadAsync("hubei-achievements.csv", settings));
        Assert.That(ex!.Message, Does.Contain("'标题'"));
    }

    [Test]
    public void The_parser_keeps_going_after_an_unclosed_quote()
    {
        var rows = CsvParser.Parse("a,b\n\"open,1\n2,3\n", ',').ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows[1].Error, Does.Contain("never closed"));
            Assert.That(rows[1].Line, Is.EqualTo(2));
            Assert.That(rows[2].Cells, Is.EqualTo(new[] { "2", "3" }));
            Assert.That(rows[2].Line, Is.EqualTo(3));
        });
    }
}

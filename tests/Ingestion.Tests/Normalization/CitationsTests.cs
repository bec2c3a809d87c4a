using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class CitationsTests
{
    // text, source title, year, volume, issue, first page, last page
    [TestCase("Library Hi Tech News, 2011, 28(4): 5-7", "Library Hi Tech News", 2011, "28", "4", "5", "7")]
    [TestCase("Journal of Documentation, 2015, 71(2): 253-274", "Journal of Documentation", 2015, "71", "2", "253", "274")]
    [TestCase("农业工程学报, 2019, 35(3): 12-18", "农业工程学报", 2019, "35", "3", "12", "18")]
    [TestCase("农业工程学报，2019，35（3）：12－18", "农业工程学报", 2019, "35", "3", "12", "18")]
    [TestCase("情报学报,2011,28(4):5-7", "情报学报", 2011, "28", "4", "5", "7")]
    [TestCase("计算机学报，2011（04）：712—720", "计算机学报", 2011, null, "04", "712", "720")]
    [TestCase("图书情报工作 2011年第4期", "图书情报工作", 2011, null, "4", null, null)]
    [TestCase("中国图书馆学报. 2020, 46(S1): 88-95", "中国图书馆学报", 2020, "46", "S1", "88", "95")]
    [TestCase("Ｌｉｂｒａｒｙ Ｔｒｅｎｄｓ，２０１８，６６（３）：２４１－２６０", "Ｌｉｂｒａｒｙ Ｔｒｅｎｄｓ", 2018, "66", "3", "241", "260")]
    [TestCase("Scientometrics, 2019, 118(3): 1147-63", "Scientometrics", 2019, "118", "3", "1147", "1163")]
    [TestCase("Nature, 2019, 567(7748): 1–5", "Nature", 2019, "567", "7748", "1", "5")]
    [TestCase("Vol. 35, no. 3 (2019), p. 12-18", null, 2019, "35", "3", "12", "18")]
    [TestCase("v. 12, no. 4 (Apr. 2001), pp. 101-110", null, 2001, "12", "4", "101", "110")]
    [TestCase("第35卷第3期 12-18页", null, null, "35", "3", "12", "18")]
    [TestCase("电子学报 2010年第38卷第5期 1001-1006页", "电子学报", 2010, "38", "5", "1001", "1006")]
    [TestCase("28(4): 5-7", null, null, "28", "4", "5", "7")]
    public void Reads_title_year_volume_issue_and_pages(string text, string? title, int? year, string? volume, string? issue, string? first, string? last)
    {
        Assert.That(Citations.Parse(text), Is.EqualTo(new Citation(title, year, volume, issue, first, last)));
    }

    [TestCase("Bd. 7 (1999)")]
    [TestCase("Library Hi Tech News")]
    [TestCase("Apr. 2001")]
    [TestCase("")]
    [TestCase(null)]
    public void Without_volume_issue_or_page_there_is_no_citation(string? text)
    {
        Assert.That(Citations.Parse(text), Is.Null);
    }

    [Test]
    public void Volume_alone_is_kept()
    {
        Assert.That(Citations.Parse("vol. 9"), Is.EqualTo(new Citation(null, null, "9", null, null, null)));
    }
}

using Search.Ingestion.Merge;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Merge;

public class MatchKeysTests
{
    [TestCase("基於深度學習的圖像識別：綜述", "基于深度学习的图像识别综述")]
    [TestCase("ＢＰ神经网络， 预测（研究）", "bp神经网络预测研究")]
    [TestCase("Deep  Learning: A Review.", "deeplearningareview")]
    [TestCase("乾燥設備的研製", "干燥设备的研制")]
    [TestCase("乾坤一擲", "乾坤一掷")]
    [TestCase("僞造票據", "伪造票据")]
    public void Titles_fold_to_simplified_lower_case_letters_and_digits(string title, string folded) =>
        Assert.That(MatchKeys.FoldTitle(title), Is.EqualTo(folded));

    [TestCase("GB/T 7714—2015")]
    [TestCase("GB/T7714-2015")]
    [TestCase("ＧＢ／Ｔ　７７１４－２０１５")]
    [TestCase("gb/t 7714–2015")]
    public void Standard_numbers_normalize_alike(string number) =>
        Assert.That(StandardNumbers.Key(number), Is.EqualTo("GB/T7714-2015"));

    [TestCase("CN 102345678 A", "CN102345678", "A", false)]
    [TestCase("CN102345678B", "CN102345678", "B", false)]
    [TestCase("cn-102345678-a", "CN102345678", "A", false)]
    [TestCase("ZL201010123456.7", "CN201010123456", null, true)]
    [TestCase("申请号 201010123456.7", "CN201010123456", null, true)]
    [TestCase("US 7,654,321 B2", "US7654321", "B2", false)]
    [TestCase("201510436362.X", "CN201510436362", null, true)]
    [TestCase("CN201510436362", "CN201510436362", null, true)]
    [TestCase("102015000436362", "CN201510436362", null, true)]
    [TestCase("CN112021000002433", "CN202180002433", null, true)]
    [TestCase("2014104087625", "CN201410408762", null, true)]
    [TestCase("EP19883405.3", "EP19883405", null, true)]
    public void Patent_numbers_normalize_country_separators_and_kind(string value, string number, string? kind, bool application)
    {
        var patent = Identifiers.NormalizePatentNumber(value);
        Assert.That(patent, Is.EqualTo(new Identifiers.PatentNumber(number, kind, application)));
    }

    [Test]
    public void An_ISBN_10_and_its_ISBN_13_give_one_key()
    {
        var a = Record("书名");
        a.Identifiers.Isbn.Add("7-111-07578-1");
        var b = Record("书名");
        b.Identifiers.Isbn.Add("978-7-111-07578-3");
        var keysA = MatchKeys.For(a).Where(k => k.StartsWith("isbn:", StringComparison.Ordinal)).ToList();
        var keysB = MatchKeys.For(b).Where(k => k.StartsWith("isbn:", StringComparison.Ordinal)).ToList();
        Assert.That(keysA, Is.EqualTo(new[] { "isbn:9787111075783" }).And.EqualTo(keysB));
    }

    [Test]
    public void ISSN_volume_issue_and_first_page_come_from_fields_or_from_a_citation()
    {
        var fields = Record("题名");
        fields.Identifiers.Issn.Add("1002-6819");
        fields.Volume = "35";
        fields.Issue = "03";
        fields.FirstPage = "12";
        var citation = Record("题名");
        citation.Identifiers.Issn.Add("ＩＳＳＮ　１００２－６８１９");
        citation.SourceTitle = "农业工程学报, 2019, 35（3）：12-15";
        Assert.That(MatchKeys.IssnVolumeIssuePage(fields), Is.EqualTo("1002-6819|35|3|12"));
        Assert.That(MatchKeys.IssnVolumeIssuePage(citation), Is.EqualTo("1002-6819|35|3|12"));
    }

    [Test]
    public void Title_keys_carry_year_and_first_author_blocks()
    {
        var record = Record("基于超声波传感器的喷杆位姿控制系统");
        record.Year = 2014;
        record.Authors.Add("張三");
        Assert.That(MatchKeys.For(record), Is.EqualTo(new[]
        {
            "title:基于超声波传感器的喷杆位姿控制系统",
            "title-head:2014|基于超声波传感器",
            "title-tail:2014|喷杆位姿控制系统",
            "author-year:2014|张三",
        }));
    }

    [Test]
    public void Western_names_match_by_family_name()
    {
        var a = Record("x");
        a.Authors.Add("Smith, John");
        var b = Record("x");
        b.Authors.Add("John Smith");
        Assert.That(MatchKeys.FirstAuthor(a), Is.EqualTo("smith").And.EqualTo(MatchKeys.FirstAuthor(b)));
    }

    [TestCase("abcdefghij", "abcdefghij", 1.0)]
    [TestCase("abcdefghij", "abcdefghiX", 0.8889)]
    [TestCase("abcd", "wxyz", 0.0)]
    public void Dice_of_bigrams(string a, string b, double expected) =>
        Assert.That(TitleSimilarity.Dice(a, b), Is.EqualTo(expected).Within(0.0001));

    [Test]
    public void Levenshtein_counts_edits() =>
        Assert.That(TitleSimilarity.Levenshtein("水运工程的管理", "水运工程管理"), Is.EqualTo(1));

    private static CatalogRecord Record(string title) => new() { Id = "r", SourceId = "s", ExternalId = "e", Title = title };
}

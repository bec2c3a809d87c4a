using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class TextNormalizerTests
{
    [TestCase("Ｓｐｒａｙ　ｂｏｏｍ　１２３", "Spray boom 123")]
    [TestCase("P＜0.05", "P<0.05")]
    [TestCase("　　对喷杆位姿进行控制", "对喷杆位姿进行控制")]
    [TestCase("  a \t\r\n  b  ", "a b")]
    [TestCase("a\u0000b\u0007c\u200Bd\uFEFF", "abcd")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Normalize_folds_width_and_whitespace(string? input, string expected)
    {
        Assert.That(TextNormalizer.Normalize(input), Is.EqualTo(expected));
    }

    [Test]
    public void Normalize_keeps_cjk_punctuation_by_default()
    {
        Assert.That(TextNormalizer.Normalize("有效途径，为了（AT89S52）；《标题》、「引」。"), Is.EqualTo("有效途径，为了（AT89S52）；《标题》、「引」。"));
    }

    [Test]
    public void Normalize_all_folds_full_width_punctuation_too()
    {
        Assert.That(TextNormalizer.Normalize("途径，为了（ＡＴ）；", WidthFolding.All), Is.EqualTo("途径,为了(AT);"));
    }

    [Test]
    public void Normalize_composes_to_nfc()
    {
        // "Qaḍāʼ" written with combining marks, as MARC records often are.
        Assert.That(TextNormalizer.Normalize("Qad\u0323a\u0304\u02BC"), Is.EqualTo("Qa\u1E0D\u0101\u02BC"));
    }

    [Test]
    public void NormalizeOrNull_gives_null_for_blank()
    {
        Assert.That(TextNormalizer.NormalizeOrNull(" \u3000 "), Is.Null);
    }

    [TestCase("Che piao qu na er le /", "Che piao qu na er le")]
    [TestCase("[Wuhan] :", "[Wuhan]")]
    [TestCase("Chang Jiang shao nian er tong chu ban she,", "Chang Jiang shao nian er tong chu ban she")]
    [TestCase("Hai tun hui ben hua yuan ;", "Hai tun hui ben hua yuan")]
    [TestCase("Sen lin hsüeh ming tzʻu tzʻu tien =", "Sen lin hsüeh ming tzʻu tzʻu tien")]
    [TestCase("Handa shishi.", "Handa shishi")]
    [TestCase("Smidts, A.", "Smidts, A.")]
    [TestCase("Law reports, digests, etc.", "Law reports, digests, etc.")]
    [TestCase("Wait...", "Wait...")]
    [TestCase("车票去哪儿了 /", "车票去哪儿了")]
    [TestCase("张三，", "张三")]
    [TestCase("1968-<1984> .", "1968-<1984>")]
    public void StripTrailingPunctuation_removes_isbd_endings(string input, string expected)
    {
        Assert.That(TextNormalizer.StripTrailingPunctuation(input), Is.EqualTo(expected));
    }
}

using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class TextNormalizerTests
{
    [Test]
    public void Characters_spared_the_NFC_check_are_ones_NFC_never_changes()
    {
        // The ranges TextNormalizer takes as NFC without asking ICU: each character normalized on its own, a starter
        // (not a combining mark), and unchanged after any letter or before a combining mark is composed.
        var ranges = new[] { (0x0000, 0x02FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3000, 0x3029), (0x3030, 0x303F), (0xFF01, 0xFF5E) };
        foreach (var (from, to) in ranges)
        {
            for (var code = from; code <= to; code++)
            {
                var c = ((char)code).ToString();
                var category = char.GetUnicodeCategory((char)code);
                Assert.That(c.IsNormalized(System.Text.NormalizationForm.FormC), Is.True, $"U+{code:X4}");
                Assert.That(category, Is.Not.AnyOf(System.Globalization.UnicodeCategory.NonSpacingMark, System.Globalization.UnicodeCategory.SpacingCombiningMark, System.Globalization.UnicodeCategory.EnclosingMark), $"U+{code:X4}");
                Assert.That(("a" + c + "b").Normalize(System.Text.NormalizationForm.FormC), Is.EqualTo("a" + c + "b"), $"U+{code:X4}");
            }
        }
    }

    [TestCase("Ｓｐｒａｙ　ｂｏｏｍ　１２３", "Spray boom 123")]
    [TestCase("P＜0.05", "P<0.05")]
    [TestCase("　　对喷杆位姿进行控制", "对喷杆位姿进行控制")]
    [TestCase("  a \t\r\n  b  ", "a b")]
    [TestCase("a\u0000b\u0007c\u200Bd\uFEFF", "abcd")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Normalize_folds_width_when_asked_and_cleans_whitespace(string? input, string expected)
    {
        Assert.That(TextNormalizer.Normalize(input, WidthFolding.KeepCjkPunctuation), Is.EqualTo(expected));
    }

    [TestCase("Ｓｐｒａｙ　ｂｏｏｍ　１２３", "Ｓｐｒａｙ ｂｏｏｍ １２３")]
    [TestCase("２００２～２００５年Ⅰ～Ⅳ期（第２版）", "２００２～２００５年Ⅰ～Ⅳ期（第２版）")]
    [TestCase("P＜0.05", "P＜0.05")]
    [TestCase("　　对喷杆位姿进行控制\u200B", "对喷杆位姿进行控制")]
    [TestCase("e\u0301te\u0301", "été")]
    public void Normalize_by_default_keeps_the_partners_characters(string input, string expected)
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

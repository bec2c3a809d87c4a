using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class LanguagesTests
{
    [TestCase("zh", "chi")]
    [TestCase("zho", "chi")]
    [TestCase("chi", "chi")]
    [TestCase("Chinese", "chi")]
    [TestCase("中文", "chi")]
    [TestCase("汉语", "chi")]
    [TestCase("zh-CN", "chi")]
    [TestCase("zh_Hans", "chi")]
    [TestCase("en", "eng")]
    [TestCase("ENG", "eng")]
    [TestCase("English", "eng")]
    [TestCase("英文", "eng")]
    [TestCase("en-US", "eng")]
    [TestCase("de", "ger")]
    [TestCase("deu", "ger")]
    [TestCase("fr", "fre")]
    [TestCase("fra", "fre")]
    [TestCase("fre", "fre")]
    [TestCase("ja", "jpn")]
    [TestCase("ru", "rus")]
    [TestCase("ar", "ara")]
    [TestCase("nl", "dut")]
    public void ToIso6392B_maps_codes_and_names(string input, string expected)
    {
        Assert.That(Languages.ToIso6392B(input), Is.EqualTo(expected));
    }

    [TestCase("other")]
    [TestCase("und")]
    [TestCase("xx")]
    [TestCase("klingon")]
    [TestCase("")]
    [TestCase(null)]
    public void ToIso6392B_gives_null_for_unknown(string? input)
    {
        Assert.That(Languages.ToIso6392B(input), Is.Null);
    }
}

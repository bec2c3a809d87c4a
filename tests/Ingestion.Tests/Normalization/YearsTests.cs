using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class YearsTests
{
    [TestCase("2015-03-01", 2015)]
    [TestCase("[2015]", 2015)]
    [TestCase("c2015.", 2015)]
    [TestCase("2015年", 2015)]
    [TestCase("２０１５年３月", 2015)]
    [TestCase("2003-04-15T10:18:51Z", 2003)]
    [TestCase("03 Nov 2008", 2008)]
    [TestCase("Shōwa 43-<59> [1968-<1984>", 1968)]
    [TestCase("min kuo 74 [1985]", 1985)]
    [TestCase("9999 or 2001", 2001)]
    [TestCase("1889-04", 1889)]
    public void Extract_finds_the_first_plausible_year(string input, int expected)
    {
        Assert.That(Years.Extract(input), Is.EqualTo(expected));
    }

    [TestCase("20210423132000.0")]
    [TestCase("no date")]
    [TestCase("0999")]
    [TestCase("2101")]
    [TestCase("19uu")]
    [TestCase(null)]
    public void Extract_gives_null_without_a_year(string? input)
    {
        Assert.That(Years.Extract(input), Is.Null);
    }
}

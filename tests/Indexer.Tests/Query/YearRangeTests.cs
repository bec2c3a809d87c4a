using Search.Indexer.Query;

namespace Search.Indexer.Tests.Query;

/// <summary>The one year grammar of the box, expert, advanced and CQL searches and the year= filter.</summary>
public class YearRangeTests
{
    [TestCase("2015", 2015, 2015)]
    [TestCase("2010-2015", 2010, 2015)]
    [TestCase("2010～2015", 2010, 2015)]
    [TestCase("2010~2015", 2010, 2015)]
    [TestCase("2010–2015", 2010, 2015)]
    [TestCase("2010至2015", 2010, 2015)]
    [TestCase("２０１０－２０１５", 2010, 2015)]
    [TestCase(" 2015- ", 2015, null)]
    [TestCase("-2020", null, 2020)]
    public void Reads_a_year_or_a_range(string text, int? from, int? to) =>
        Assert.That(YearRange.Parse(text), Is.EqualTo(new YearRange(from, to)));

    [TestCase("2015-2010")]
    [TestCase("-")]
    [TestCase("二〇一五")]
    [TestCase("")]
    [TestCase(null)]
    public void Refuses_what_is_not_one(string? text) => Assert.That(YearRange.Parse(text), Is.Null);
}

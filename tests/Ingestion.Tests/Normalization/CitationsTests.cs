using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class CitationsTests
{
    [TestCase("农业工程学报, 2019, 35(3): 12-18", "35", "3", "12")]
    [TestCase("农业工程学报，2019，35（3）：12－18", "35", "3", "12")]
    [TestCase("Vol. 35, no. 3 (2019), p. 12-18", "35", "3", "12")]
    [TestCase("v. 12, no. 4 (Apr. 2001), pp. 101-110", "12", "4", "101")]
    [TestCase("第35卷第3期 12-18页", "35", "3", "12")]
    [TestCase("Bd. 7 (1999)", null, null, null)]
    public void Reads_volume_issue_and_first_page(string text, string? volume, string? issue, string? page)
    {
        var numbers = Citations.Parse(text);
        if (volume is null)
        {
            Assert.That(numbers, Is.Null);
            return;
        }

        Assert.That(numbers, Is.EqualTo(new CitationNumbers(volume, issue, page)));
    }

    [Test]
    public void Volume_alone_is_kept()
    {
        Assert.That(Citations.Parse("vol. 9"), Is.EqualTo(new CitationNumbers("9", null, null)));
    }
}

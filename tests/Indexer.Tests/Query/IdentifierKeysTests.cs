using Search.Indexer.Schema;

namespace Search.Indexer.Tests.Query;

/// <summary>The terms identifiers are indexed and queried under: every written form of one patent number meets the others.</summary>
public class IdentifierKeysTests
{
    [TestCase("CN201510436362.X", "201510436362.X")]
    [TestCase("CN201510436362.X", "201510436362")]
    [TestCase("CN201510436362.X", "CN201510436362")]
    [TestCase("CN201510436362.X", "102015000436362")]
    [TestCase("CN102015000436362", "201510436362X")]
    [TestCase("CN202180002433.9", "CN112021000002433")]
    [TestCase("CN200720183102", "200720183102.2")]
    [TestCase("CN106504675A", "CN106504675")]
    [TestCase("CN106504675A", "106504675")]
    [TestCase("EP19883405.3", "EP19883405")]
    [TestCase("EP3882239A1", "EP 3882239 A1")]
    [TestCase("9787111123453", "7-111-12345-X")]
    [TestCase("9787111123453", "ISBN 711112345X")]
    [TestCase("9787111123453", "978-7-111-12345-3")]
    [TestCase("10.1000/abc", "https://doi.org/10.1000/ABC")]
    [TestCase("10.1000/abc", "DOI: 10.1000/abc")]
    [TestCase("GB/T 7714-2015", "GB/T 7714—2015")]
    [TestCase("GB/T 7714-2015", "ＧＢ／Ｔ　７７１４－２０１５")]
    public void Written_forms_of_one_number_share_a_key(string indexed, string queried) =>
        Assert.That(Normalize.IdentifierKeys(queried).Intersect(Normalize.IdentifierKeys(indexed)), Is.Not.Empty);

    [TestCase("CN201510436362.X", "CN201510436363")]
    [TestCase("CN106504675A", "CN106504676A")]
    [TestCase("EP3882239A1", "EP3882230A1")]
    public void Other_numbers_do_not(string indexed, string queried) =>
        Assert.That(Normalize.IdentifierKeys(queried).Intersect(Normalize.IdentifierKeys(indexed)), Is.Empty);

    [Test]
    public void Other_identifiers_keep_their_variants_first() =>
        Assert.That(Normalize.IdentifierKeys("978-7-111-12345-6").Take(2), Is.EqualTo(new[] { "978-7-111-12345-6", "9787111123456" }));
}

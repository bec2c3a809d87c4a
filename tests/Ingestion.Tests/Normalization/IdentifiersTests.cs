using Search.Ingestion.Normalization;

namespace Search.Ingestion.Tests.Normalization;

public class IdentifiersTests
{
    [TestCase("10.1000/ABC.123", "10.1000/abc.123")]
    [TestCase("doi:10.1000/abc", "10.1000/abc")]
    [TestCase("DOI: 10.1000/abc", "10.1000/abc")]
    [TestCase("https://doi.org/10.1038/NPHYS1170", "10.1038/nphys1170")]
    [TestCase("http://dx.doi.org/10.1000/abc", "10.1000/abc")]
    [TestCase("https://doi.org/10.1000%2Fabc%3C1%3E", "10.1000/abc<1>")]
    [TestCase("info:doi/10.1000/xyz", "10.1000/xyz")]
    [TestCase("１０．１０００／ＡＢＣ", "10.1000/abc")]
    [TestCase("10.123456789/x", "10.123456789/x")]
    public void NormalizeDoi_gives_bare_lower_case_doi(string input, string expected)
    {
        Assert.That(Identifiers.NormalizeDoi(input), Is.EqualTo(expected));
    }

    [TestCase("10.123/abc")]
    [TestCase("10.1234567890/abc")]
    [TestCase("10.1000/")]
    [TestCase("10.1000/a b")]
    [TestCase("11.1000/abc")]
    [TestCase("https://example.org/10.1000/abc")]
    [TestCase("")]
    [TestCase(null)]
    public void NormalizeDoi_refuses_what_is_not_a_doi(string? input)
    {
        Assert.That(Identifiers.NormalizeDoi(input), Is.Null);
    }

    [TestCase("9787572101014", "9787572101014")]
    [TestCase("7572101011", "9787572101014")]
    [TestCase("978-7-5721-0101-4", "9787572101014")]
    [TestCase("ISBN 978-7-5721-0101-4", "9787572101014")]
    [TestCase("ISBN-13: 978 7 5721 0101 4", "9787572101014")]
    [TestCase("9787572101014 (hardcover)", "9787572101014")]
    [TestCase("90-5892-036-4", "9789058920362")]
    [TestCase("0-306-40615-2", "9780306406157")]
    [TestCase("080442957X", "9780804429573")]
    [TestCase("080442957x", "9780804429573")]
    [TestCase("urn:isbn:0-306-40615-2", "9780306406157")]
    [TestCase("９７８７５７２１０１０１４", "9787572101014")]
    [TestCase("9791032305690", "9791032305690")]
    public void NormalizeIsbn_gives_valid_isbn13(string input, string expected)
    {
        Assert.That(Identifiers.NormalizeIsbn(input), Is.EqualTo(expected));
    }

    [TestCase("9787572101015", Description = "bad ISBN-13 check digit")]
    [TestCase("7572101012", Description = "bad ISBN-10 check digit")]
    [TestCase("9771234567003", Description = "EAN-13 that is not a book (977 is ISSN)")]
    [TestCase("97875721010141", Description = "too long")]
    [TestCase("757210101", Description = "too short")]
    [TestCase("X572101011", Description = "X not in last place")]
    [TestCase("NT$260.00")]
    [TestCase("")]
    [TestCase(null)]
    public void NormalizeIsbn_refuses_invalid(string? input)
    {
        Assert.That(Identifiers.NormalizeIsbn(input), Is.Null);
    }

    [TestCase("0378-5955", "0378-5955")]
    [TestCase("03785955", "0378-5955")]
    [TestCase("ISSN 1002-6819", "1002-6819")]
    [TestCase("ＩＳＳＮ　１００２－６８１９", "1002-6819")]
    [TestCase("1050-124x", "1050-124X")]
    [TestCase("urn:ISSN:1050-124X", "1050-124X")]
    public void NormalizeIssn_gives_hyphenated_form(string input, string expected)
    {
        Assert.That(Identifiers.NormalizeIssn(input), Is.EqualTo(expected));
    }

    [TestCase("0378-5956")]
    [TestCase("1050-1240")]
    [TestCase("1234-56789")]
    [TestCase("X234-5678")]
    [TestCase(null)]
    public void NormalizeIssn_refuses_invalid(string? input)
    {
        Assert.That(Identifiers.NormalizeIssn(input), Is.Null);
    }

    [TestCase("90-5892-036-4", true)]
    [TestCase("ISBN 7572101011", true)]
    [TestCase("9787572101014", true)]
    [TestCase("7572101011", false)]
    [TestCase("http://hdl.handle.net/1765/308", false)]
    public void LooksLikeIsbn_needs_an_isbn_shape(string input, bool expected)
    {
        Assert.That(Identifiers.LooksLikeIsbn(input), Is.EqualTo(expected));
    }
}

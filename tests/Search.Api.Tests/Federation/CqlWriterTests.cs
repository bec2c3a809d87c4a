using Search.Api.Federation;
using Search.Indexer.Search;

namespace Search.Api.Tests.Federation;

/// <summary>The user's query, in any syntax, as the CQL a live target is asked.</summary>
public class FederationCqlWriterTests
{
    [TestCase("湿地", QuerySyntax.Simple, "cql.serverChoice = \"湿地\"")]
    [TestCase("湿地 保护", QuerySyntax.Simple, "cql.serverChoice = \"湿地\" and cql.serverChoice = \"保护\"")]
    [TestCase("\"wetland park\" OR 湿地 -保护", QuerySyntax.Simple, "(cql.serverChoice = \"wetland park\" or cql.serverChoice = \"湿地\") not cql.serverChoice = \"保护\"")]
    [TestCase("TI=湿地*AU=王立新", QuerySyntax.Expert, "dc.title = \"湿地\" and dc.creator = \"王立新\"")]
    [TestCase("dc.title all \"wetland park\" or bath.isbn = 9787030000001", QuerySyntax.Cql, "(dc.title = \"wetland\" and dc.title = \"park\") or bath.isbn = \"9787030000001\"")]
    [TestCase("a*b?c\\d", QuerySyntax.Simple, "cql.serverChoice = \"a\\*b\\?c\\\\d\"")]
    [TestCase("TI=\"say \\\"hi\\\"\"", QuerySyntax.Cql, "dc.title = \"say \\\"hi\\\"\"")]
    public void Queries_become_CQL_in_the_common_context_sets(string query, QuerySyntax syntax, string expected)
    {
        var cql = FederatedSearch.Translate(new SearchRequest { Query = query, Syntax = syntax });
        Assert.That(cql, Is.EqualTo(expected));
    }

    [Test]
    public void The_year_filter_becomes_a_date_clause()
    {
        var cql = FederatedSearch.Translate(new SearchRequest { Query = "湿地", YearFrom = 2015, YearTo = 2020 });
        Assert.That(cql, Is.EqualTo("cql.serverChoice = \"湿地\" and (dc.date >= 2015 and dc.date <= 2020)"));
    }

    [TestCase("AF=某大学", QuerySyntax.Expert, "AF")]
    [TestCase("CLC=TP3", QuerySyntax.Expert, "CLC")]
    [TestCase("", QuerySyntax.Simple, "empty query")]
    public void What_cannot_be_translated_says_why(string query, QuerySyntax syntax, string reason)
    {
        var ex = Assert.Throws<UntranslatableQueryException>(() => FederatedSearch.Translate(new SearchRequest { Query = query, Syntax = syntax }));
        Assert.That(ex!.Message, Does.Contain(reason));
    }
}

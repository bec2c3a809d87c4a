using Search.Indexer.Query;
using Search.Indexer.Query.Cql;
using Search.Indexer.Search;

namespace Search.Indexer.Tests.Query;

public class ExpertQueryTests
{
    [TestCase("SU=(大数据+云计算)*TI=平台-KY=区块链", "NOT(AND(OR(SU==大数据, SU==云计算), TI==平台), KY==区块链)")]
    [TestCase("SU＝（大数据＋云计算）＊TI＝平台－KY＝区块链", "NOT(AND(OR(SU==大数据, SU==云计算), TI==平台), KY==区块链)")]
    [TestCase("TI%机器学习 AND AU=张伟", "AND(TI%机器学习, AU==张伟)")]
    [TestCase("篇名=平台 OR 关键词=区块链", "OR(TI==平台, KY==区块链)")]
    [TestCase("TI='大数据 平台' * YE=2015-2020", "AND(TI=\"大数据 平台, YE==2015-2020)")]
    [TestCase("TI=大数据*YE=２０１５－２０２０", "AND(TI==大数据, YE==２０１５-２０２０)")]
    [TestCase("ISBN=978-7-111-12345-6", "ISBN==978-7-111-12345-6")]
    [TestCase("(TI=a+TI=b)*(AB=c-AB=d)", "AND(OR(TI==a, TI==b), NOT(AB==c, AB==d))")]
    [TestCase("CLC=TP3", "CLC==TP3")]
    [TestCase("大数据", "ANY=大数据")]
    public void Parses_to_the_query_tree(string expression, string expected) =>
        Assert.That(Nodes.Describe(ExpertQueryParser.Parse(expression)), Is.EqualTo(expected));

    [TestCase("SU=(大数据+云计算", 11)]
    [TestCase("SU=", 3)]
    [TestCase("XX=平台", 0)]
    [TestCase("SU=大数据 * ", 9)]
    [TestCase("SU=大数据)", 6)]
    [TestCase("TI=a*TI=(b+AU=c)", 11)]
    [TestCase("=平台", 0)]
    [TestCase("TI='abc", 3)]
    [TestCase("", 0)]
    public void Syntax_errors_name_their_position(string expression, int position)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => ExpertQueryParser.Parse(expression))!;
        Assert.That(error.Position, Is.EqualTo(position), error.Message);
    }

    [TestCase("dc.title any \"大数据 云计算\" and dc.date within \"2010 2015\"", "AND(OR(TI=大数据, TI=云计算), YE=2010..2015)")]
    [TestCase("title = \"机器 学习\" not author = 张伟", "NOT(TI=\"机器 学习, AU=张伟)")]
    [TestCase("cat or dog", "OR(ANY=cat, ANY=dog)")]
    [TestCase("ti=(区块链 or 平台)", "OR(TI=区块链, TI=平台)")]
    [TestCase("dc.date >= 2018", "YE=2018..")]
    [TestCase("dc.date = \"2010～2015\"", "YE=2010..2015")]
    [TestCase("dc.date within \"2015 2010\"", "YE=2010..2015")]
    public void Cql_maps_onto_the_same_model(string cql, string expected) =>
        Assert.That(Nodes.Describe(CqlToQuery.Convert(CqlParser.Parse(cql))), Is.EqualTo(expected));

    [Test]
    public void Cql_with_an_unknown_index_fails_at_the_clause()
    {
        var error = Assert.Throws<CqlUnsupportedException>(() => CqlToQuery.Convert(CqlParser.Parse("title=a and bath.foo=b")))!;
        Assert.That(error.Position, Is.EqualTo(12));
        Assert.That(error.Kind, Is.EqualTo(CqlUnsupported.Index));
        Assert.That(error.Subject, Is.EqualTo("bath.foo"));
        Assert.That(error, Is.InstanceOf<QuerySyntaxException>(), "the JSON API still answers it with a 400");
    }
}

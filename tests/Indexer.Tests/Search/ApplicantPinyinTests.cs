using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests.Search;

/// <summary>A patent's applicants are searchable in pinyin as its inventors are (the box and AF).</summary>
[TestFixture]
public class ApplicantPinyinTests
{
    [Test]
    public void A_patent_is_found_by_its_applicant_in_pinyin()
    {
        using var index = CatalogIndex.InMemory();
        var patent = TestRecords.Make("CN1U", "一种散热装置", type: RecordTypes.Patent, source: "patents");
        patent.Authors.Clear();
        patent.Authors.Add("李明");
        patent.Organizations.Add("王建国");
        var paper = TestRecords.Make("paper", "散热研究");
        paper.Authors.Clear();
        paper.Organizations.Add("王建国");
        index.Upsert([patent, paper]);
        var search = new SearchService(index);

        foreach (var query in new[] { "wang jianguo", "wangjianguo", "Jianguo Wang" })
        {
            Assert.That(search.Search(new SearchRequest { Query = query }).Hits.Select(h => h.Id), Is.EqualTo(new[] { patent.Id }), query);
        }

        var fielded = search.Search(new SearchRequest { Query = "AF='wang jianguo'", Syntax = QuerySyntax.Expert });
        Assert.That(fielded.Hits.Select(h => h.Id), Is.EqualTo(new[] { patent.Id }), "AF (单位, applicants) in pinyin");
        Assert.That(search.Search(new SearchRequest { Query = "li ming" }).Hits.Select(h => h.Id), Is.EqualTo(new[] { patent.Id }), "inventors as before");
    }
}

using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests;

/// <summary>However long a stored field is, a hit's highlights are fragments: an absurd title never comes back whole.</summary>
public class HighlightBoundsTests
{
    [Test]
    public void A_title_longer_than_the_whole_limit_is_highlighted_as_a_fragment_around_its_match()
    {
        using var index = CatalogIndex.InMemory();
        var title = string.Concat(Enumerable.Repeat("填充文字", 1_500)) + "量子纠缠" + string.Concat(Enumerable.Repeat("其他内容", 1_500));
        var longRecord = TestRecords.Make("long", title, year: 2020);
        var shortRecord = TestRecords.Make("short", "量子纠缠的短标题", year: 2021);
        index.Upsert([longRecord, shortRecord]);
        var search = new SearchService(index);

        var hits = search.Search(new SearchRequest { Query = "量子纠缠" }).Hits;

        var longHit = hits.Single(h => h.Id == longRecord.Id);
        var highlighted = longHit.Highlights["title"];
        Assert.That(highlighted.Length, Is.LessThan(HitHighlighter.WholeLimit + 100), "a fragment, not the whole title");
        Assert.That(highlighted, Does.Contain("<em>量子纠缠</em>").And.StartWith("…").And.EndWith("…"));
        Assert.That(hits.Single(h => h.Id == shortRecord.Id).Highlights["title"], Is.EqualTo("<em>量子纠缠</em>的短标题"), "short titles stay whole");
    }
}

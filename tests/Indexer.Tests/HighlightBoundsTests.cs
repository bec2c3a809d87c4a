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
    [Test]
    public void A_word_typed_whole_is_marked_whole_and_its_pieces_elsewhere_are_not()
    {
        using var index = CatalogIndex.InMemory();
        var record = TestRecords.Make("flann", "基于FLANN网络的神经网络模型研究", year: 2020, abstractText: "本文将神经网络用于网络流量预测，网络规模可变。");
        index.Upsert([record]);
        var hit = new SearchService(index).Search(new SearchRequest { Query = "神经网络" }).Hits.Single();

        Assert.That(hit.Highlights["title"], Is.EqualTo("基于FLANN网络的<em>神经网络</em>模型研究"));
        Assert.That(hit.Highlights["abstract"], Is.EqualTo("本文将<em>神经网络</em>用于网络流量预测，网络规模可变。"));
    }

    [Test]
    public void Where_the_whole_word_is_absent_its_pieces_are_marked()
    {
        using var index = CatalogIndex.InMemory();
        var record = TestRecords.Make("pieces", "网络模型与神经科学", year: 2020, abstractText: "神经网络一词不在标题中。");
        index.Upsert([record]);
        var hit = new SearchService(index).Search(new SearchRequest { Query = "神经网络" }).Hits.Single();

        Assert.That(hit.Highlights["abstract"], Is.EqualTo("<em>神经网络</em>一词不在标题中。"));
        Assert.That(hit.Highlights["title"], Does.Contain("<em>网络</em>").And.Contain("<em>神经</em>"), "the title lacks the word: its pieces show why the record matched");
    }
}

using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests.Search;

/// <summary>The <c>kind</c> facet and filter: what the patent documents among the hits are, from their kind codes.</summary>
[TestFixture]
public class PatentKindFacetTests
{
    private static CatalogRecord Patent(string id, string title, string kind, string? category = null)
    {
        var record = TestRecords.Make(id, title, type: RecordTypes.Patent, source: "patents");
        record.Patent = new PatentDetails { Kind = kind, Category = category };
        return record;
    }

    [Test]
    public void Kinds_are_counted_labelled_and_filtered()
    {
        using var index = CatalogIndex.InMemory();
        index.Upsert(
        [
            Patent("CN1A", "一种电池散热装置", "A", PatentCategories.Invention),
            Patent("CN2B", "电池散热结构", "B"),
            Patent("CN3U", "电池散热片", "U", PatentCategories.UtilityModel),
            Patent("CN4U", "散热风扇电池盒", "U", PatentCategories.UtilityModel),
            TestRecords.Make("paper", "电池散热研究"),
        ]);
        var search = new SearchService(index);

        var all = search.Search(new SearchRequest { Query = "散热" });
        Assert.That(all.Total, Is.EqualTo(5));
        Assert.That(all.Facets.Kind, Is.EquivalentTo(new[]
        {
            new FacetValue(PatentCategories.UtilityModel, 2, "实用新型"),
            new FacetValue(PatentCategories.Grant, 1, "授权"),
            new FacetValue(PatentCategories.Invention, 1, "发明"),
        }));

        var models = search.Search(new SearchRequest { Query = "散热", Kinds = ["utility-model"] });
        Assert.That(models.Total, Is.EqualTo(2));
        Assert.That(models.Hits.All(h => h.Type == RecordTypes.Patent), Is.True);

        var either = search.Search(new SearchRequest { Query = "散热", Kinds = ["Invention", "grant"] });
        Assert.That(either.Total, Is.EqualTo(2), "values of one facet are OR-ed, case folded");
    }
}

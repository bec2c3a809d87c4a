using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests;

/// <summary>Recall and ranking over the 1000 real CSL records, indexed once for the fixture.</summary>
public class CslSearchTests
{
    private static readonly string[] Years2012And2013 = ["2012", "2013"];
    private CatalogIndex _index = null!;
    private SearchService _search = null!;

    private static IReadOnlyList<CatalogRecord> Records => CslCorpus.Records;

    [OneTimeSetUp]
    public void SetUp()
    {
        _index = CatalogIndex.InMemory();
        _index.Upsert(Records);
        _search = new SearchService(_index);
    }

    [OneTimeTearDown]
    public void TearDown() => _index.Dispose();

    private List<string> Ids(string query, int size = 100) =>
        _search.Search(new SearchRequest { Query = query, Size = size }).Hits.Select(h => h.Id).ToList();

    private bool Finds(string query, string id)
    {
        // The record must be among the hits: walk the pages until it shows or the hits end.
        for (var page = 1; page <= 20; page++)
        {
            var result = _search.Search(new SearchRequest { Query = query, Size = 100, Page = page });
            if (result.Hits.Any(h => h.Id == id))
            {
                return true;
            }

            if (result.Hits.Count < 100)
            {
                return false;
            }
        }

        return false;
    }

    [Test]
    public void All_records_are_indexed()
    {
        Assert.That(_search.IndexedRecordCount, Is.EqualTo(1000));
        Assert.That(_search.Search(new SearchRequest()).Total, Is.EqualTo(1000));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(17)]
    [TestCase(404)]
    [TestCase(999)]
    public void Every_two_character_substring_of_a_title_finds_it(int row)
    {
        var record = Records[row];
        var title = record.Title;
        var misses = new List<string>();
        for (var i = 0; i + 2 <= title.Length; i++)
        {
            var pair = title.Substring(i, 2);
            if (!pair.All(c => ScriptRuns.IsCjk(c)))
            {
                continue;
            }

            if (!Finds(pair, record.Id))
            {
                misses.Add(pair);
            }
        }

        Assert.That(misses, Is.Empty, title);
    }

    [Test]
    public void A_single_character_finds_its_titles()
    {
        var result = _search.Search(new SearchRequest { Query = "飞" });
        var expected = Records.Count(r => r.Title.Contains('飞', StringComparison.Ordinal) || (r.Abstract ?? "").Contains('飞', StringComparison.Ordinal) || r.Keywords.Any(k => k.Contains('飞', StringComparison.Ordinal)));
        Assert.That(result.Total, Is.EqualTo(expected));
    }

    [Test]
    public void A_six_character_fragment_of_a_title_ranks_it_first_for_most_records()
    {
        var random = new Random(20240611);
        var tried = 0;
        var first = 0;
        var found = 0;
        var lost = new List<string>();
        foreach (var record in Records.Where((_, i) => i % 20 == 0))
        {
            if (record.Title.Length < 6)
            {
                continue;
            }

            var start = random.Next(0, record.Title.Length - 5);
            var fragment = record.Title.Substring(start, 6);
            tried++;
            var ids = Ids(fragment, 100);
            first += ids.Count > 0 && ids[0] == record.Id ? 1 : 0;
            if (ids.Contains(record.Id))
            {
                found++;
            }
            else
            {
                lost.Add(fragment);
            }
        }

        // Only fragments that cut a Latin word or formula in half (TiO2 -> "O2") may miss.
        Assert.That(lost, Has.Count.LessThanOrEqualTo(tried / 10), string.Join(" | ", lost));
        Assert.That(lost.All(f => f.Any(char.IsAsciiLetterOrDigit)), Is.True, string.Join(" | ", lost));
        Assert.That(first, Is.GreaterThanOrEqualTo(tried * 8 / 10), $"rank 1 for {first} of {tried}");
        TestContext.Out.WriteLine($"rank 1 for {first} of {tried}; lost: {string.Join(" | ", lost)}");
    }

    [Test]
    public void A_whole_title_pasted_ranks_it_first()
    {
        var misses = Records.Where((_, i) => i % 25 == 0).Where(r => Ids(r.Title, 1).FirstOrDefault() != r.Id).Select(r => r.Title).ToList();
        Assert.That(misses, Is.Empty);
    }

    [Test]
    public void Keyword_pairs_find_the_record()
    {
        var misses = new List<string>();
        foreach (var record in Records.Where((_, i) => i % 10 == 0).Where(r => r.Keywords.Count >= 2))
        {
            var query = record.Keywords[0] + " " + record.Keywords[1];
            if (!Ids(query, 20).Contains(record.Id))
            {
                misses.Add(query);
            }
        }

        Assert.That(misses, Is.Empty);
    }

    [Test]
    public void Facet_counts_add_up_to_the_total()
    {
        foreach (var query in new[] { "", "控制", "管理 OR 设计", "模型 -神经" })
        {
            var result = _search.Search(new SearchRequest { Query = query });
            Assert.That(result.Total, Is.GreaterThan(0), query);
            Assert.That(result.Facets.Type.Sum(f => f.Count), Is.EqualTo(result.Total), query);
            Assert.That(result.Facets.Source.Sum(f => f.Count), Is.EqualTo(result.Total), query);
            Assert.That(result.Facets.Year.Sum(f => f.Count), Is.EqualTo(result.Total), query);
            Assert.That(result.Facets.Language.Single(), Is.EqualTo(new FacetValue("chi", (int)result.Total)), query);
            Assert.That(result.Facets.Year.Select(f => int.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered.Descending, query);
        }
    }

    [Test]
    public void Year_filter_is_inclusive_and_does_not_change_scores()
    {
        var all = _search.Search(new SearchRequest { Query = "控制器", Size = 100 });
        var filtered = _search.Search(new SearchRequest { Query = "控制器", YearFrom = 2012, YearTo = 2013, Size = 100 });
        var expected = all.Hits.Where(h => h.Year is 2012 or 2013).Select(h => h.Id).ToList();
        Assert.That(all.Total, Is.LessThanOrEqualTo(100), "the test sees all hits");
        Assert.That(filtered.Hits.Select(h => h.Id).ToList(), Is.EqualTo(expected));
        Assert.That(filtered.Facets.Year.Select(f => f.Value), Is.SubsetOf(Years2012And2013).And.Not.Empty);
        Assert.That(filtered.Total, Is.EqualTo(expected.Count));
    }

    [Test]
    public void Type_and_source_filters_take_any_of_the_values()
    {
        Assert.That(_search.Search(new SearchRequest { Types = [RecordTypes.Patent] }).Total, Is.Zero);
        Assert.That(_search.Search(new SearchRequest { Types = [RecordTypes.Patent, RecordTypes.JournalArticle] }).Total, Is.EqualTo(1000));
        Assert.That(_search.Search(new SearchRequest { Sources = ["csl"], Languages = ["CHI"] }).Total, Is.EqualTo(1000));
        Assert.That(_search.Search(new SearchRequest { Sources = ["other"] }).Total, Is.Zero);
    }

    [Test]
    public void Year_sorts_order_the_hits()
    {
        var desc = _search.Search(new SearchRequest { Query = "研究", Sort = SearchSort.YearDescending, Size = 100 }).Hits;
        var asc = _search.Search(new SearchRequest { Query = "研究", Sort = SearchSort.YearAscending, Size = 100 }).Hits;
        Assert.That(desc.Select(h => h.Year), Is.Ordered.Descending);
        Assert.That(asc.Select(h => h.Year), Is.Ordered.Ascending);
        Assert.That(desc[0].Year, Is.EqualTo(2020));
        Assert.That(asc[0].Year, Is.EqualTo(2010));
    }

    [Test]
    public void Pages_are_disjoint_and_deep_pages_walk_on()
    {
        var options = new SearchOptions { PagingWindow = 150 };
        var search = new SearchService(_index, options);
        var seen = new HashSet<string>();
        var total = 0L;
        for (var page = 1; page <= 11; page++)
        {
            var result = search.Search(new SearchRequest { Page = page, Size = 100, Sort = SearchSort.YearAscending });
            total = result.Total;
            foreach (var hit in result.Hits)
            {
                Assert.That(seen.Add(hit.Id), Is.True, $"{hit.Id} repeated on page {page}");
            }
        }

        Assert.That(seen, Has.Count.EqualTo(total));
        var clamped = search.Search(new SearchRequest { Page = 0, Size = 5000 });
        Assert.That(clamped.Hits, Has.Count.EqualTo(100));
    }

    [Test]
    public void Highlights_mark_the_query_in_title_and_abstract()
    {
        var record = Records[0];
        var result = _search.Search(new SearchRequest { Query = "镇定控制器", Size = 100 });
        var hit = result.Hits.Single(h => h.Id == record.Id);
        Assert.That(hit.Highlights["title"], Does.Contain("<em>镇定控制器</em>"));
        Assert.That(hit.Highlights["abstract"], Does.Contain("<em>镇定控制器</em>"));
        Assert.That(hit.Highlights["abstract"].Replace("<em>", "", StringComparison.Ordinal).Replace("</em>", "", StringComparison.Ordinal).Trim('…').Length, Is.LessThanOrEqualTo(122));
    }

    [Test]
    public void Explain_tells_why_a_record_matches()
    {
        var explanation = _search.Explain(Records[0].Id, new SearchRequest { Query = "镇定控制器" });
        Assert.That(explanation, Does.Contain("title_bi"));
        Assert.That(_search.Explain("nope", new SearchRequest()), Is.Null);
    }
}

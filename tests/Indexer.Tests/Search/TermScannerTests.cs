using Search.Indexer.Query;
using Search.Indexer.Query.Cql;
using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests.Search;

/// <summary>Browsing index terms (SRU scan), searching from a record offset (SRU startRecord) and cql.allRecords.</summary>
public class TermScannerTests
{
    private CatalogIndex _index = null!;
    private TermScanner _scanner = null!;
    private SearchService _search = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _index = CatalogIndex.InMemory();
        var records = new[]
        {
            Make("1", "湿地生态系统服务评估", ["王立新"], ["湿地"], 2011),
            Make("2", "湿地碳储量估算", ["王立新", "李晓梅"], ["湿地", "遥感"], 2012),
            Make("3", "遥感影像分类", ["陈志远"], ["遥感"], 2013),
            Make("4", "Wetland methane emissions", ["Grant, Ada"], ["wetlands"], 2014),
            Make("5", "城市公园景观", ["赵云"], ["景观"], 2015),
            Make("6", "湖泊湿地生态学", ["周敏"], ["湿地"], 2016, subjects: ["湿地", "生态学"]),
        };
        _index.Upsert(records);
        _scanner = new TermScanner(_index);
        _search = new SearchService(_index);
    }

    [OneTimeTearDown]
    public void TearDown() => _index.Dispose();

    private static CatalogRecord Make(string id, string title, List<string> authors, List<string> keywords, int year, List<string>? subjects = null) =>
        new()
        {
            Id = RecordIds.For("scan", id),
            SourceId = "scan",
            ExternalId = id,
            Title = title,
            Year = year,
            Authors = authors,
            Keywords = keywords,
            Subjects = subjects ?? [],
        };

    [Test]
    public void Author_names_are_whole_and_counted()
    {
        var terms = _scanner.Scan(ScanIndex.Author, "王", 1, 2);
        Assert.That(terms, Is.EqualTo(new[] { new ScannedTerm("王立新", 2), new ScannedTerm("赵云", 1) }), "in code point order");
        Assert.That(_scanner.Scan(ScanIndex.Author, "GRANT", 1, 1).Single(), Is.EqualTo(new ScannedTerm("grant, ada", 1)), "normalized as exact matching stores it");
    }

    [Test]
    public void Response_position_puts_terms_before_the_start()
    {
        var all = _scanner.Scan(ScanIndex.Subject, "", 1, 10).Select(t => t.Term).ToList();
        Assert.That(all, Is.EqualTo(new[] { "wetlands", "景观", "湿地", "生态学", "遥感" }), "keywords and subject headings merged");
        var around = _scanner.Scan(ScanIndex.Subject, "湿地", 3, 3);
        Assert.That(around.Select(t => t.Term), Is.EqualTo(new[] { "wetlands", "景观", "湿地" }));
        Assert.That(_scanner.Scan(ScanIndex.Subject, "湿地", 0, 2).Select(t => t.Term), Is.EqualTo(new[] { "生态学", "遥感" }), "position 0: the list starts after the term");
        Assert.That(_scanner.Scan(ScanIndex.Subject, "湿地", 1, 1).Single(), Is.EqualTo(new ScannedTerm("湿地", 3)), "a record with the term in both fields counts once");
        Assert.That(_scanner.Scan(ScanIndex.Subject, "齐", 3, 5).Select(t => t.Term), Is.EqualTo(new[] { "生态学", "遥感" }), "past the end: the terms before it");
        Assert.That(_scanner.Scan(ScanIndex.Subject, "齐", 1, 5), Is.Empty, "past the last term");
    }

    [Test]
    public void Title_words_are_the_words_field()
    {
        var terms = _scanner.Scan(ScanIndex.Title, "湿地", 1, 1);
        Assert.That(terms.Single(), Is.EqualTo(new ScannedTerm("湿地", 3)));
    }

    [Test]
    public void Offset_starts_anywhere_and_all_records_matches_everything()
    {
        var all = new SearchRequest { Node = CqlToQuery.Convert(CqlParser.Parse("cql.allRecords = 1")), Size = 6, Sort = SearchSort.YearAscending };
        var whole = _search.Search(all);
        Assert.That(whole.Total, Is.EqualTo(6));
        var fromThird = _search.Search(all with { Offset = 2, Size = 2 });
        Assert.That(fromThird.Hits.Select(h => h.Year), Is.EqualTo(new int?[] { 2013, 2014 }));
        Assert.That(fromThird.Hits.Select(h => h.Id), Is.EqualTo(whole.Hits.Skip(2).Take(2).Select(h => h.Id)));
        Assert.That(_search.Search(all with { Offset = 2, Size = 2, Page = 7 }).Hits.Select(h => h.Year), Is.EqualTo(new int?[] { 2013, 2014 }), "the offset wins over the page");
        Assert.That(CqlToQuery.Convert(CqlParser.Parse("cql.allRecords = 1")), Is.InstanceOf<AllNode>());
    }
}

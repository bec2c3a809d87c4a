using System.Globalization;
using Search.Bench.Relevance;
using Search.Indexer.Search;
using Search.Indexer.Writing;

namespace Search.Indexer.Tests;

/// <summary>
/// Search quality, pinned a little below what bench/relevance measures: the CSL papers among labelled
/// CSL-derived distractors (a smaller corpus than the bench's 12,000 to keep the suite quick), queried as
/// typed in the box. Quality only: no timings are asserted.
/// </summary>
[TestFixture]
[NonParallelizable]
public class RelevanceQualityTests
{
    private const int CorpusSize = 4000;
    private CatalogIndex _index = null!;
    private SearchService _search = null!;
    private BenchCorpus _corpus = null!;
    private Dictionary<string, SetScore> _scores = null!;

    [OneTimeSetUp]
    public void Measure()
    {
        var directory = TestContext.CurrentContext.TestDirectory;
        var csl = BenchCorpus.LoadCsl(Path.Combine(directory, "TestData", "csl", "csl-dev-1000.jsonl"));
        _corpus = BenchCorpus.Build(csl, [], CorpusSize, seed: 42);
        _index = CatalogIndex.InMemory();
        _index.Upsert([.. _corpus.All]);
        _search = new SearchService(_index);
        var judgements = JudgementSets.Build(_corpus, new ChineseTraditional(Path.Combine(directory, "Relevance")), seed: 42);
        _scores = JudgementSets.Run(_search, judgements).ToDictionary(s => s.Set, StringComparer.Ordinal);
        foreach (var score in _scores.Values)
        {
            TestContext.Progress.WriteLine(score.Row());
        }
    }

    [OneTimeTearDown]
    public void TearDown() => _index.Dispose();

    [Test]
    public void Two_keywords_find_the_paper()
    {
        var score = _scores[JudgementSets.Keywords];
        Assert.That(score.Rank1, Is.GreaterThanOrEqualTo(0.97), score.Row());
        Assert.That(score.Top10, Is.GreaterThanOrEqualTo(0.995), score.Row());
    }

    [Test]
    public void A_six_character_title_fragment_finds_the_paper()
    {
        var score = _scores[JudgementSets.Fragment];
        Assert.That(score.Rank1, Is.GreaterThanOrEqualTo(0.97), score.Row());
        Assert.That(score.Top10, Is.GreaterThanOrEqualTo(0.99), score.Row());
    }

    [Test]
    public void The_whole_title_in_traditional_characters_finds_the_paper()
    {
        var score = _scores[JudgementSets.Traditional];
        Assert.That(score.Rank1, Is.GreaterThanOrEqualTo(0.99), score.Row());
    }

    [Test]
    public void An_author_in_pinyin_finds_the_author()
    {
        var score = _scores[JudgementSets.Author];
        Assert.That(score.Top10, Is.GreaterThanOrEqualTo(0.98), score.Row());
        Assert.That(score.Mrr10, Is.GreaterThanOrEqualTo(0.94), score.Row());
    }

    [Test]
    public void Every_two_character_substring_finds_every_title_holding_it()
    {
        var (checkedCount, missed) = JudgementSets.CheckBigrams(_search, _corpus, sample: 300, seed: 7);
        Assert.That(checkedCount, Is.EqualTo(300));
        Assert.That(missed, Is.Empty, string.Join(", ", missed.Take(10)) + " of " + checkedCount.ToString(CultureInfo.InvariantCulture));
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Util;
using Search.Indexer.Analysis;
using Search.Indexer.Analysis.SmartCn;

namespace Search.Indexer.Tests.SmartCn;

/// <summary>
/// The fast analyzer's token streams (terms, offsets, position increments and lengths, types, keyword flags,
/// final offset) are identical to SmartChineseAnalyzer's over every sample text and the edge cases.
/// </summary>
public class FastSmartCnEquivalenceTests
{
    private Analyzer _smartCn = null!;
    private Analyzer _fast = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        _smartCn = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48);
        _fast = new FastSmartCnAnalyzer();
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        _smartCn.Dispose();
        _fast.Dispose();
    }

    [Test]
    public void Csl_titles_abstracts_and_keywords_give_the_same_tokens() => AssertSame(EquivalenceTexts.Csl(), minimumTexts: 3000);

    [Test]
    public void Standards_patent_marc_and_oai_dc_samples_give_the_same_tokens() => AssertSame(EquivalenceTexts.Samples(), minimumTexts: 100);

    [Test]
    public void Edge_cases_give_the_same_tokens() => AssertSame(EquivalenceTexts.EdgeCases(), minimumTexts: 40);

    [Test]
    public void Random_mixes_of_character_classes_give_the_same_tokens() => AssertSame(EquivalenceTexts.Random(400, seed: 20261203), minimumTexts: 400);

    [Test]
    public void Folded_text_gives_the_same_tokens_and_corrected_offsets() =>
        AssertSame(EquivalenceTexts.Csl().Take(600).Concat(EquivalenceTexts.EdgeCases()), minimumTexts: 600, ChineseFolding.Wrap);

    [Test]
    public void Catalog_analyzer_zh_fields_give_what_they_gave_with_SmartChineseAnalyzer()
    {
        using var catalog = new CatalogAnalyzer();
        using var reference = CatalogAnalyzer.WithSmartChineseAnalyzer();
        var compared = 0;
        var failures = new List<string>();
        foreach (var text in EquivalenceTexts.Csl().Take(1500).Concat(EquivalenceTexts.EdgeCases()))
        {
            if (TokenComparison.Difference(reference, catalog, text, out _) is { } difference && failures.Count < 5)
            {
                failures.Add(difference);
            }

            compared++;
        }

        Assert.That(failures, Is.Empty, $"{compared} texts compared");
    }

    [Test]
    public void A_reused_stream_gives_the_same_tokens_as_a_fresh_one()
    {
        // The same analyzer instance reuses its tokenizer: state must not leak from a long text into the next.
        var texts = EquivalenceTexts.EdgeCases().ToList();
        using var fresh = new FastSmartCnAnalyzer();
        foreach (var text in texts.AsEnumerable().Reverse())
        {
            Assert.That(TokenComparison.Difference(_smartCn, _fast, text, out _), Is.Null);
        }

        Assert.That(TokenComparison.Difference(fresh, _fast, texts[^1], out _), Is.Null);
    }

    private void AssertSame(IEnumerable<string> texts, int minimumTexts, Func<TextReader, TextReader>? wrap = null)
    {
        var compared = 0;
        var tokens = 0L;
        var characters = 0L;
        var failures = new List<string>();
        foreach (var text in texts)
        {
            var difference = TokenComparison.Difference(_smartCn, _fast, text, out var count, wrap);
            compared++;
            tokens += count;
            characters += text.Length;
            if (difference is not null && failures.Count < 5)
            {
                failures.Add(difference);
            }
        }

        TestContext.Out.WriteLine($"{compared} texts, {characters} characters, {tokens} tokens compared");
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(compared, Is.GreaterThanOrEqualTo(minimumTexts));
        });
    }
}

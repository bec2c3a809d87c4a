using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Search.Indexer.Analysis;

namespace Search.Indexer.Tests;

/// <summary>The lower-case filter of the catalogue's analyzers gives exactly what Lucene's LowerCaseFilter gives.</summary>
public class LowerCaseEquivalenceTests
{
    private static string Lower(string text, bool ours)
    {
        var tokenizer = new KeywordTokenizer(new StringReader(text));
        TokenStream stream = ours ? new CaselessAwareLowerCaseFilter(tokenizer) : new LowerCaseFilter(LuceneVersion.LUCENE_48, tokenizer);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        Assert.That(stream.IncrementToken(), Is.True);
        var result = term.ToString();
        stream.End();
        stream.Dispose();
        return result;
    }

    [Test]
    public void Every_character_of_the_basic_plane_lowers_as_lucene_lowers_it()
    {
        // Each character alone, then beside an ASCII capital and a Han character, so every path of the filter is taken.
        for (var c = 1; c < 0x10000; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var text = ((char)c).ToString();
            foreach (var token in new[] { text, "A" + text + "汉", "汉" + text + "Z" })
            {
                Assert.That(Lower(token, ours: true), Is.EqualTo(Lower(token, ours: false)), $"U+{c:X4} in \"{token}\"");
            }
        }
    }

    [TestCase("ΣΊΣΥΦΟΣ 湖北")]
    [TestCase("𝐀𐐀 Deseret and math capitals")]
    [TestCase("İstanbul Ǆemal")]
    [TestCase("湖北省科技信息研究院")]
    [TestCase("GB/T 7714—2015")]
    public void Mixed_tokens_lower_as_lucene_lowers_them(string text) =>
        Assert.That(Lower(text, ours: true), Is.EqualTo(Lower(text, ours: false)));

    [Test]
    public void The_caseless_blocks_really_have_no_case()
    {
        for (var c = 0; c < 0x10000; c++)
        {
            if (CaselessAwareLowerCaseFilter.IsCaseless((char)c))
            {
                Assert.That(char.ToLowerInvariant((char)c), Is.EqualTo((char)c), $"U+{c:X4}");
                Assert.That(char.ToUpperInvariant((char)c), Is.EqualTo((char)c), $"U+{c:X4}");
            }
        }
    }
}

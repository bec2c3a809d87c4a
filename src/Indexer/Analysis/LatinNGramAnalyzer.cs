using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Util;

namespace Search.Indexer.Analysis;

/// <summary>
/// Substrings of Latin words and numbers: every run of letters or digits that are not CJK is cut into
/// character bigrams and trigrams, from each start the bigram then the trigram, one position apart
/// (<c>p38m</c>: p3, p38, 38, 38m, 8m), lower-cased and ASCII-folded. Every start gives the same number of
/// grams, so a phrase of a query's grams matches that text anywhere inside a word (<c>ogical</c> in
/// <c>biological</c>, <c>xb</c> in <c>cxb</c>); single characters give nothing. CJK text is skipped.
/// </summary>
public sealed class LatinNGramAnalyzer : Analyzer
{
    public const int MinGram = 2;

    public const int MaxGram = 3;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new LatinRunGramTokenizer(reader);
        TokenStream stream = new CaselessAwareLowerCaseFilter(tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    private sealed class LatinRunGramTokenizer : NGramTokenizer
    {
        public LatinRunGramTokenizer(TextReader reader)
            : base(LuceneVersion.LUCENE_48, reader, MinGram, MaxGram)
        {
        }

        protected override bool IsTokenChar(int chr) =>
            !Search.ScriptRuns.IsCjk(chr) && (chr < 0x10000 ? char.IsLetterOrDigit((char)chr) : char.IsLetterOrDigit(char.ConvertFromUtf32(chr), 0));
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Search.Indexer.Analysis;

/// <summary>
/// Recall for short Chinese queries: the standard tokenizer cuts CJK text into single characters, the
/// width filter folds full-width Latin and half-width Katakana, then every two consecutive CJK characters
/// become a bigram at the position of the first, beside the single characters (unigrams). A phrase of the
/// query's bigrams therefore matches any run of characters of the text, across SmartCn word boundaries;
/// a single character matches its unigram. Latin words pass through lower-cased.
/// </summary>
public sealed class CjkBigramAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new CaselessAwareLowerCaseFilter(stream);
        stream = new CJKBigramFilter(stream, CJKScript.ALL, outputUnigrams: true);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

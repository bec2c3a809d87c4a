using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Util;

namespace Search.Indexer.Analysis.SmartCn;

/// <summary>
/// A drop-in for <c>new SmartChineseAnalyzer(LuceneVersion.LUCENE_48)</c>: the same tokens (terms, offsets,
/// position increments, types) several times faster and with little allocation. <see cref="FastSmartCnTokenizer"/>
/// followed by the filters SmartChineseAnalyzer puts after its tokenizer: Porter stemming, then its default
/// stop set (punctuation) with position increments.
/// </summary>
public sealed class FastSmartCnAnalyzer : Analyzer
{
    /// <summary>Loads the dictionaries (about 100 ms, once per process) so the first text does not pay for it.</summary>
    public static void Warm() => _ = SmartCnDictionary.Instance;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new FastSmartCnTokenizer(reader);
        TokenStream stream = new PorterStemFilter(tokenizer);
        stream = new KeywordClearFilter(stream);
        stream = new StopFilter(LuceneVersion.LUCENE_48, stream, SmartChineseAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

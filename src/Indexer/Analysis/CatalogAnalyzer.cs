using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Util;
using Search.Indexer.Analysis.SmartCn;

namespace Search.Indexer.Analysis;

/// <summary>
/// The per-field analyzer of the catalogue index, chosen by the field name's suffix:
/// <c>_zh</c> SmartCn words (<see cref="FastSmartCnAnalyzer"/>, token for token what SmartChineseAnalyzer gives), <c>_bi</c> CJK bigrams with unigrams, <c>_ng</c> trigrams of Latin/digit runs, <c>_en</c> (and anything else) unstemmed words.
/// Before any of them, <see cref="ChineseFolding"/> folds full-width and traditional characters.
/// Thread-safe; one instance serves the writer and every search.
/// </summary>
public sealed class CatalogAnalyzer : AnalyzerWrapper
{
    public const string ZhSuffix = "_zh";
    public const string BigramSuffix = "_bi";
    public const string EnSuffix = "_en";
    public const string NGramSuffix = "_ng";

    /// <summary>Gap between the values of a multi-valued field, so a phrase never spans two keywords.</summary>
    public const int ValueGap = 100;

    private static readonly Lazy<bool> Warmed = new(WarmSmartCn, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Analyzer _zh;
    private readonly Analyzer _bigram = new CjkBigramAnalyzer();
    private readonly Analyzer _en = new ExactTextAnalyzer();
    private readonly Analyzer _ngram = new LatinNGramAnalyzer();

    public CatalogAnalyzer()
        : this(new FastSmartCnAnalyzer())
    {
    }

    private CatalogAnalyzer(Analyzer zh)
        : base(PER_FIELD_REUSE_STRATEGY)
    {
        _zh = zh;
    }

    /// <summary>The same analysis with Lucene.Net's own SmartChineseAnalyzer for <c>_zh</c>, the reference the fast one is tested against.</summary>
    internal static CatalogAnalyzer WithSmartChineseAnalyzer() => new(new SmartChineseAnalyzer(LuceneVersion.LUCENE_48));

    /// <summary>Loads the SmartCn dictionaries (about 100 ms, once per process) so the first search does not pay for it.</summary>
    public static void Warm() => _ = Warmed.Value;

    /// <summary>True once <see cref="Warm"/> has completed (for a readiness check).</summary>
    public static bool IsWarm => Warmed.IsValueCreated;

    public override int GetPositionIncrementGap(string fieldName) => ValueGap;

    public override int GetOffsetGap(string fieldName) => 1;

    /// <summary>Every field sees the text folded (full-width, traditional and regional variants to simplified).</summary>
    protected override TextReader WrapReader(string fieldName, TextReader reader) => ChineseFolding.Wrap(reader);

    protected override Analyzer GetWrappedAnalyzer(string fieldName)
    {
        ArgumentNullException.ThrowIfNull(fieldName);
        if (fieldName.EndsWith(ZhSuffix, StringComparison.Ordinal))
        {
            return _zh;
        }

        if (fieldName.EndsWith(NGramSuffix, StringComparison.Ordinal))
        {
            return _ngram;
        }

        return fieldName.EndsWith(BigramSuffix, StringComparison.Ordinal) ? _bigram : _en;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _zh.Dispose();
            _bigram.Dispose();
            _en.Dispose();
            _ngram.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool WarmSmartCn()
    {
        using var analyzer = new FastSmartCnAnalyzer();
        foreach (var token in TokenList.Analyze(analyzer, "w" + ZhSuffix, "湖北省科技信息研究院的文献检索平台"))
        {
            _ = token;
        }

        return true;
    }
}

using System.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace Search.Indexer.Analysis.SmartCn;

/// <summary>
/// The tokens of SmartCn's <c>HMMChineseTokenizer</c>, term for term, offset for offset: the same buffering
/// and sentence breaking (it is a <see cref="SegmentingTokenizerBase"/> with ICU's root sentence iterator),
/// then each sentence segmented by <see cref="SmartCnSegmenter"/> over flat dictionaries instead of SmartCn's
/// per-sentence graphs, strings and lists. Every token has the type <c>word</c>.
/// </summary>
/// <remarks>
/// A token the Porter stemmer cannot change is marked as a keyword, so that <see cref="PorterStemFilter"/> skips
/// it (most of the cost of that filter); <see cref="KeywordClearFilter"/> takes the mark off again right after.
/// The stemmer leaves a word alone when it has fewer than three characters, and every one of its rules needs
/// the word to end in a Latin letter a–z, so only words ending in one are left unmarked.
/// </remarks>
public sealed class FastSmartCnTokenizer : SegmentingTokenizerBase
{
    /// <summary>The sentence iterator SmartCn clones for each of its tokenizers.</summary>
    private static readonly BreakIterator SentencePrototype = BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture);

    private const string WordType = "word";

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;
    private readonly IKeywordAttribute _keyword;
    private readonly SmartCnSegmenter _segmenter = new(SmartCnDictionary.Instance);
    private int _next;
    private int _sentenceOffset;

    public FastSmartCnTokenizer(TextReader reader)
        : base(reader, (BreakIterator)SentencePrototype.Clone())
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
        _sentenceOffset = 0;
        _segmenter.Clear();
    }

    protected override void SetNextSentence(int sentenceStart, int sentenceEnd)
    {
        _segmenter.Segment(m_buffer.AsSpan(sentenceStart, sentenceEnd - sentenceStart));
        _sentenceOffset = m_offset + sentenceStart;
        _next = 0;
    }

    protected override bool IncrementWord()
    {
        if (_next >= _segmenter.Count)
        {
            return false;
        }

        var i = _next++;
        ClearAttributes();
        var buffer = _segmenter.TermBuffer;
        var start = _segmenter.TermStart(i);
        var length = _segmenter.TermLength(i);
        _term.CopyBuffer(buffer, start, length);
        _keyword.IsKeyword = length < 3 || buffer[start + length - 1] is < 'a' or > 'z';
        _offset.SetOffset(CorrectOffset(_sentenceOffset + _segmenter.StartOf(i)), CorrectOffset(_sentenceOffset + _segmenter.EndOf(i)));
        _type.Type = WordType;
        return true;
    }
}

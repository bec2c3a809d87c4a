using System.Globalization;
using ICU4N.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace Search.Indexer.Analysis.SmartCn;

/// <summary>
/// The tokens of SmartCn's <c>HMMChineseTokenizer</c>, term for term, offset for offset: the same buffering
/// and sentence breaking (it is a <see cref="SegmentingTokenizerBase"/> with ICU's root sentence iterator),
/// then each sentence segmented by <see cref="SmartCnSegmenter"/> over flat dictionaries instead of SmartCn's
/// per-sentence graphs, strings and lists. Every token has the type <c>word</c>.
/// </summary>
public sealed class FastSmartCnTokenizer : SegmentingTokenizerBase
{
    /// <summary>The sentence iterator SmartCn clones for each of its tokenizers.</summary>
    private static readonly BreakIterator SentencePrototype = BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture);

    private const string WordType = "word";

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly ITypeAttribute _type;
    private readonly SmartCnSegmenter _segmenter = new(SmartCnDictionary.Instance);
    private int _next;
    private int _sentenceOffset;

    public FastSmartCnTokenizer(TextReader reader)
        : base(reader, (BreakIterator)SentencePrototype.Clone())
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _type = AddAttribute<ITypeAttribute>();
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
        _term.CopyBuffer(_segmenter.TermBuffer, _segmenter.TermStart(i), _segmenter.TermLength(i));
        _offset.SetOffset(CorrectOffset(_sentenceOffset + _segmenter.StartOf(i)), CorrectOffset(_sentenceOffset + _segmenter.EndOf(i)));
        _type.Type = WordType;
        return true;
    }
}

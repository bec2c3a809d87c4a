using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Search.Indexer.Analysis;

/// <summary>
/// Lower-cases tokens exactly as Lucene's <c>LowerCaseFilter</c> (4.8) does, without its per-token culture-aware
/// case mapping where the token cannot change: ASCII letters are lowered in place, and characters of the
/// CJK blocks (U+3000-U+9FFF, Hangul syllables) have no case. Any other character sends the token through
/// Lucene's own lower-casing. Most of this catalogue's tokens are single Han characters and bigrams, for which
/// the culture lookup was a tenth of a query's and an index build's analysis time.
/// </summary>
public sealed class CaselessAwareLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly CharacterUtils _characters = CharacterUtils.GetInstance(LuceneVersion.LUCENE_48);

    public CaselessAwareLowerCaseFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    /// <summary>Whether <paramref name="c"/> is one that lower-casing leaves as it is, known without a lookup.</summary>
    public static bool IsCaseless(char c) => c is (>= '\u3000' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7A3');

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (c < '\u0080')
            {
                if (c is >= 'A' and <= 'Z')
                {
                    buffer[i] = (char)(c | 0x20);
                }
            }
            else if (!IsCaseless(c))
            {
                // Lowered ASCII before this point lowers to itself again.
                _characters.ToLower(buffer, 0, length);
                break;
            }
        }

        return true;
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Bench.Corpus.Text;

internal enum RawKind
{
    Word,
    Number,
    Punct,
    Space,
}

internal readonly record struct RawToken(string Text, RawKind Kind);

/// <summary>
/// Splits training text into words, numbers and punctuation. Chinese runs are segmented by longest match against
/// the CSL keywords first (so "补肾活血汤" stays one term) and by SmartCn's HMM tokenizer (the engine's word
/// analyzer) for the rest; Latin words and numbers are cut by character class.
/// </summary>
internal sealed class Lexer : IDisposable
{
    private readonly Analyzer _smartCn = Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new HMMChineseTokenizer(reader)));
    private readonly HashSet<string> _terms;
    private readonly int _longestTerm;

    public Lexer(IEnumerable<string> terms)
    {
        _terms = new HashSet<string>(terms.Where(t => t.Length >= 2 && t.All(IsCjk)), StringComparer.Ordinal);
        _longestTerm = _terms.Count == 0 ? 0 : _terms.Max(t => t.Length);
    }

    public static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    public static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>Tokens of Chinese (or mixed) text.</summary>
    public List<RawToken> Chinese(string text)
    {
        var tokens = new List<RawToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (IsCjk(c))
            {
                while (i < text.Length && IsCjk(text[i]))
                {
                    i++;
                }

                SegmentCjk(text[start..i], tokens);
            }
            else if (char.IsAsciiDigit(c))
            {
                i = NumberEnd(text, i);
                tokens.Add(new RawToken(text[start..i], RawKind.Number));
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new RawToken(text[start..i], RawKind.Word));
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                tokens.Add(new RawToken(" ", RawKind.Space));
            }
            else
            {
                i++;
                tokens.Add(new RawToken(c.ToString(), RawKind.Punct));
            }
        }

        return tokens;
    }

    /// <summary>Tokens of English text: words (with inner apostrophes and hyphens), numbers, punctuation.</summary>
    public static List<RawToken> English(string text)
    {
        var tokens = new List<RawToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsAsciiDigit(c))
            {
                i = NumberEnd(text, i);
                if (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new RawToken(text[start..i], RawKind.Word));
                }
                else
                {
                    tokens.Add(new RawToken(text[start..i], RawKind.Number));
                }
            }
            else if (char.IsLetter(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i])
                    || (text[i] is '\'' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add(new RawToken(text[start..i], RawKind.Word));
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                tokens.Add(new RawToken(" ", RawKind.Space));
            }
            else
            {
                i++;
                tokens.Add(new RawToken(c.ToString(), RawKind.Punct));
            }
        }

        return tokens;
    }

    /// <summary>The SmartCn words of a Chinese string (for keyword heads).</summary>
    public List<string> SmartCnWords(string text)
    {
        var words = new List<string>();
        using var stream = _smartCn.GetTokenStream("f", text);
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(text[offsets.StartOffset..offsets.EndOffset]);
        }

        stream.End();
        return words;
    }

    public void Dispose() => _smartCn.Dispose();

    private static int NumberEnd(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '%')
        {
            i++;
        }

        return i;
    }

    private void SegmentCjk(string run, List<RawToken> tokens)
    {
        var pending = 0;
        var i = 0;
        while (i < run.Length)
        {
            var matched = 0;
            for (var len = Math.Min(_longestTerm, run.Length - i); len >= 2; len--)
            {
                if (_terms.Contains(run.Substring(i, len)))
                {
                    matched = len;
                    break;
                }
            }

            if (matched == 0)
            {
                i++;
                continue;
            }

            if (pending < i)
            {
                AddSmartCn(run[pending..i], tokens);
            }

            tokens.Add(new RawToken(run.Substring(i, matched), RawKind.Word));
            i += matched;
            pending = i;
        }

        if (pending < run.Length)
        {
            AddSmartCn(run[pending..], tokens);
        }
    }

    private void AddSmartCn(string text, List<RawToken> tokens)
    {
        foreach (var word in SmartCnWords(text))
        {
            tokens.Add(new RawToken(word, RawKind.Word));
        }
    }
}

using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// Writes symbols as text, one record at a time: Chinese text in full-width or half-width punctuation (partners
/// use both; one record sticks to one), English text with spaces and capitalized sentences. Keeps brackets and
/// quotes balanced and drops punctuation that would double up.
/// </summary>
internal sealed class Renderer
{
    private enum Last
    {
        None,
        Word,
        Punct,
        Open,
    }

    private readonly CharBuffer _sb = new();
    private bool _english;
    private bool _fullWidth;
    private int _depth;
    private bool _quoteOpen;
    private bool _sentenceStart;
    private Last _last;
    private PunctClass _lastPunct;

    public int Length => _sb.Length;

    public bool AtSentenceEnd => _last == Last.Punct && _lastPunct is PunctClass.Period;

    public void Reset(bool english, bool fullWidth)
    {
        _sb.Clear();
        _english = english;
        _fullWidth = fullWidth;
        _depth = 0;
        _quoteOpen = false;
        _sentenceStart = true;
        _last = Last.None;
        _lastPunct = PunctClass.None;
    }

    public void Word(string word)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (_english)
        {
            if (_sb.Length > 0 && _last != Last.Open)
            {
                _sb.Append(' ');
            }

            if (_sentenceStart && char.IsAsciiLetterLower(word[0]))
            {
                _sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                _sb.Append(word);
            }
        }
        else
        {
            if (_sb.Length > 0 && char.IsAsciiLetterOrDigit(_sb[^1]) && char.IsAsciiLetterOrDigit(word[0]))
            {
                _sb.Append(' ');
            }

            _sb.Append(word);
        }

        _sentenceStart = false;
        _last = Last.Word;
    }

    public void Number(string shape, Rng rng)
    {
        Span<char> digits = stackalloc char[shape.Length];
        if (shape == "YYYY")
        {
            Word(rng.Between(1985, 2025).ToString());
            return;
        }

        var runStart = true;
        for (var i = 0; i < shape.Length; i++)
        {
            var c = shape[i];
            if (c != '9')
            {
                digits[i] = c;
                runStart = true;
                continue;
            }

            var leadingOfSeveral = runStart && i + 1 < shape.Length && shape[i + 1] == '9';
            digits[i] = (char)('0' + (leadingOfSeveral ? rng.Between(1, 9) : rng.Next(10)));
            runStart = false;
        }

        Word(new string(digits));
    }

    public void Punct(PunctClass role, string literal)
    {
        switch (role)
        {
            case PunctClass.Comma or PunctClass.Semicolon or PunctClass.Colon or PunctClass.Enumeration or PunctClass.Period:
                Separator(role);
                break;
            case PunctClass.Open:
                if (_depth > 0 || _sb.Length == 0)
                {
                    return;
                }

                if (_english && _last != Last.Open)
                {
                    _sb.Append(' ');
                }

                _sb.Append(_fullWidth ? '（' : '(');
                _depth++;
                _last = Last.Open;
                break;
            case PunctClass.Close:
                CloseBracket();
                break;
            case PunctClass.Quote:
                if (!_quoteOpen)
                {
                    if (_english && _sb.Length > 0 && _last != Last.Open)
                    {
                        _sb.Append(' ');
                    }

                    _sb.Append(_english ? '"' : '“');
                    _quoteOpen = true;
                    _last = Last.Open;
                }
                else
                {
                    CloseQuote();
                }

                break;
            default:
                if (_sb.Length == 0 || _last == Last.Open)
                {
                    return;
                }

                _sb.Append(literal);
                _last = Last.Word;
                break;
        }
    }

    /// <summary>A parenthesized gloss after the last word (not inside brackets already open).</summary>
    public void Gloss(string gloss)
    {
        if (_depth > 0 || _last != Last.Word || gloss.Length == 0)
        {
            return;
        }

        _sb.Append(_fullWidth ? '（' : '(').Append(gloss).Append(_fullWidth ? '）' : ')');
        _last = Last.Word;
    }

    /// <summary>
    /// Cuts an overlong sentence back to its last comma or semicolon (when that leaves at least
    /// <paramref name="minLength"/> characters), so the text can end there with a full stop.
    /// </summary>
    public void CutAtLastSeparator(int minLength)
    {
        for (var i = _sb.Length - 1; i >= minLength; i--)
        {
            if (_sb[i] is ',' or '，' or ';' or '；' or '、')
            {
                _sb.Length = i;
                _depth = 0;
                _quoteOpen = false;
                _last = Last.Word;
                RebalanceBrackets();
                return;
            }
        }
    }

    /// <summary>Ends the text with a full stop (abstracts).</summary>
    public void EndSentence()
    {
        if (!AtSentenceEnd)
        {
            Separator(PunctClass.Period);
        }
    }

    /// <summary>Closes what is open and drops trailing separators (titles, keywords).</summary>
    public string Finish(bool keepFinalStop)
    {
        if (keepFinalStop)
        {
            EndSentence();
        }
        else
        {
            CloseAll();
            while (_sb.Length > 0 && IsSeparator(_sb[^1]))
            {
                _sb.Length--;
            }
        }

        while (_sb.Length > 0 && _sb[^1] == ' ')
        {
            _sb.Length--;
        }

        return _sb.ToString();
    }

    /// <summary>After a cut: reopens the bookkeeping for a bracket or quote the kept text leaves open.</summary>
    private void RebalanceBrackets()
    {
        var depth = 0;
        var quote = false;
        for (var i = 0; i < _sb.Length; i++)
        {
            switch (_sb[i])
            {
                case '(' or '（':
                    depth++;
                    break;
                case ')' or '）':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '“' or '"' when !quote:
                    quote = true;
                    break;
                case '”' or '"':
                    quote = false;
                    break;
            }
        }

        _depth = Math.Min(depth, 1);
        _quoteOpen = quote;
    }

    private static bool IsSeparator(char c) => c is ',' or '，' or '.' or '。' or ';' or '；' or ':' or '：' or '、' or ' ' or '-' or '/';

    private void Separator(PunctClass role)
    {
        if (_sb.Length == 0 || _last == Last.Open)
        {
            return;
        }

        if (_last == Last.Punct)
        {
            if (role == PunctClass.Period && _lastPunct is PunctClass.Comma or PunctClass.Semicolon or PunctClass.Enumeration or PunctClass.Colon)
            {
                _sb.Length--;
            }
            else
            {
                return;
            }
        }

        if (role == PunctClass.Period)
        {
            CloseAll();
        }

        _sb.Append(role switch
        {
            PunctClass.Comma => _fullWidth ? '，' : ',',
            PunctClass.Semicolon => _fullWidth ? '；' : ';',
            PunctClass.Colon => _fullWidth ? '：' : ':',
            PunctClass.Enumeration => _english ? ',' : '、',
            _ => _fullWidth ? '。' : '.',
        });
        _last = Last.Punct;
        _lastPunct = role;
        _sentenceStart = role == PunctClass.Period;
    }

    private void CloseAll()
    {
        if (_depth > 0)
        {
            CloseBracket();
        }

        if (_quoteOpen)
        {
            CloseQuote();
        }
    }

    private void CloseBracket()
    {
        if (_depth == 0)
        {
            return;
        }

        _depth--;
        if (_last == Last.Open && (_sb[^1] is '(' or '（'))
        {
            _sb.Length--;
            while (_sb.Length > 0 && _sb[^1] == ' ')
            {
                _sb.Length--;
            }

            _last = _sb.Length == 0 ? Last.None : Last.Word;
            return;
        }

        _sb.Append(_fullWidth ? '）' : ')');
        _last = Last.Word;
    }

    private void CloseQuote()
    {
        _quoteOpen = false;
        if (_last == Last.Open && (_sb[^1] is '"' or '“'))
        {
            _sb.Length--;
            while (_sb.Length > 0 && _sb[^1] == ' ')
            {
                _sb.Length--;
            }

            _last = _sb.Length == 0 ? Last.None : Last.Word;
            return;
        }

        _sb.Append(_english ? '"' : '”');
        _last = Last.Word;
    }
}

/// <summary>The few StringBuilder operations the renderer needs, on one array (cheap last-character access).</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[2048];

    public int Length { get; set; }

    public char this[Index index] => _chars[index.GetOffset(Length)];

    public CharBuffer Append(char c)
    {
        if (Length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[Length++] = c;
        return this;
    }

    public CharBuffer Append(string text) => Append(text, 0, text.Length);

    public CharBuffer Append(string text, int start, int count)
    {
        if (Length + count > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + count));
        }

        text.CopyTo(start, _chars, Length, count);
        Length += count;
        return this;
    }

    public void Clear() => Length = 0;

    public override string ToString() => new(_chars, 0, Length);
}

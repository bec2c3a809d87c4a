using Lucene.Net.Analysis.Cn.Smart;

namespace Search.Indexer.Analysis.SmartCn;

/// <summary>
/// Segments one sentence the way SmartCn's HHMM segmenter does, into reusable buffers: the word lattice
/// (every dictionary word at every Chinese character, runs of letters and of digits, each punctuation mark,
/// each other character), edges between a word and the words at the next start weighted by the smoothed
/// bigram probability, and the cheapest path from the sentence-begin word to the sentence-end word, ties
/// going to the edge from the earliest word. The result is SmartCn's token list after its
/// <c>SegTokenFilter</c> (full-width to half-width, Latin lower-cased, punctuation as <c>,</c>).
/// One instance per tokenizer; not thread-safe. Nothing is allocated per sentence once the buffers have grown.
/// </summary>
internal sealed class SmartCnSegmenter
{
    private const byte KindWord = 0;
    private const byte KindLetters = 1;
    private const byte KindFullWidthLetters = 2;
    private const byte KindDigits = 3;
    private const byte KindFullWidthDigits = 4;
    private const byte KindDelimiter = 5;
    private const byte KindBegin = 6;
    private const byte KindEnd = 7;

    /// <summary>Placeholder words of the lattice, at fixed places at the start of the character pool.</summary>
    private const string Placeholders = "未##串未##数始##始末##末";
    private const int PlaceholderLength = 4;
    private const int StringWord = 0;
    private const int NumberWord = PlaceholderLength;
    private const int BeginWord = 2 * PlaceholderLength;
    private const int EndWord = 3 * PlaceholderLength;

    private const double Smooth = 0.1;
    private const double Tiny = 1.0 / SmartCnDictionary.MaxFrequency;

    /// <summary>SmartCn's character type of every UTF-16 unit (<see cref="Utility.GetCharType"/>), a byte each to stay in cache.</summary>
    private static readonly byte[] CharTypes = BuildCharTypes();

    private readonly SmartCnDictionary _dictionary;

    // The lattice: one entry per word, in SmartCn's order (by start, then as found).
    private int _tokenCount;
    private int[] _start = new int[64];
    private int[] _end = new int[64];
    private int[] _frequency = new int[64];
    private byte[] _kind = new byte[64];
    private int[] _charStart = new int[64];
    private int[] _charLength = new int[64];
    private long[] _keyHash = new long[64];
    private int[] _stepHash = new int[64];
    private double[] _cost = new double[64];
    private int[] _previous = new int[64];
    private char[] _chars = new char[256];
    private int _charCount;

    // Per position of the sentence (0..length): the words of the first start at or after it.
    private int[] _nextFirst = new int[64];
    private int[] _nextEnd = new int[64];
    private char[] _word = new char[16];
    private int[] _path = new int[64];

    // The result.
    private int _resultCount;
    private int[] _resultStart = new int[32];
    private int[] _resultEnd = new int[32];
    private int[] _resultTermStart = new int[32];
    private int[] _resultTermLength = new int[32];
    private char[] _resultChars = new char[128];

    public SmartCnSegmenter(SmartCnDictionary dictionary)
    {
        _dictionary = dictionary;
        Placeholders.CopyTo(_chars);
    }

    /// <summary>Number of tokens of the last sentence.</summary>
    public int Count => _resultCount;

    /// <summary>Start offset of token <paramref name="i"/> in the sentence.</summary>
    public int StartOf(int i) => _resultStart[i];

    /// <summary>End offset (exclusive) of token <paramref name="i"/> in the sentence.</summary>
    public int EndOf(int i) => _resultEnd[i];

    /// <summary>The characters of token <paramref name="i"/>: <see cref="TermBuffer"/> from <see cref="TermStart"/>.</summary>
    public char[] TermBuffer => _resultChars;

    public int TermStart(int i) => _resultTermStart[i];

    public int TermLength(int i) => _resultTermLength[i];

    /// <summary>Forgets the last sentence.</summary>
    public void Clear() => _resultCount = 0;

    /// <summary>Segments <paramref name="sentence"/>; read the tokens with <see cref="Count"/> and the accessors.</summary>
    public void Segment(ReadOnlySpan<char> sentence)
    {
        BuildLattice(sentence);
        LinkNextStarts(sentence.Length);
        FindCheapestPath();
        WriteResult(sentence);
    }

    private void BuildLattice(ReadOnlySpan<char> sentence)
    {
        var dictionary = _dictionary;
        var length = sentence.Length;
        _tokenCount = 0;
        _charCount = Placeholders.Length;
        Add(KindBegin, -1, 0, dictionary.BeginFrequency, BeginWord, PlaceholderLength);
        var i = 0;
        while (i < length)
        {
            var c = sentence[i];
            int j;
            switch (TypeOf(c))
            {
                case CharType.SPACE_LIKE:
                    i++;
                    break;
                case CharType.HANZI:
                    AddWordsAt(sentence, i);
                    i++;
                    break;
                case CharType.LETTER:
                case CharType.FULLWIDTH_LETTER:
                    {
                        var fullWidth = false;
                        for (j = i; j < length && TypeOf(sentence[j]) is CharType.LETTER or CharType.FULLWIDTH_LETTER; j++)
                        {
                            fullWidth |= TypeOf(sentence[j]) == CharType.FULLWIDTH_LETTER;
                        }

                        Add(fullWidth ? KindFullWidthLetters : KindLetters, i, j, dictionary.StringFrequency, StringWord, PlaceholderLength);
                        i = j;
                        break;
                    }

                case CharType.DIGIT:
                case CharType.FULLWIDTH_DIGIT:
                    {
                        var fullWidth = false;
                        for (j = i; j < length && TypeOf(sentence[j]) is CharType.DIGIT or CharType.FULLWIDTH_DIGIT; j++)
                        {
                            fullWidth |= TypeOf(sentence[j]) == CharType.FULLWIDTH_DIGIT;
                        }

                        Add(fullWidth ? KindFullWidthDigits : KindDigits, i, j, dictionary.NumberFrequency, NumberWord, PlaceholderLength);
                        i = j;
                        break;
                    }

                case CharType.DELIMITER:
                    Add(KindDelimiter, i, i + 1, SmartCnDictionary.MaxFrequency, AppendChars([c]), 1);
                    i++;
                    break;
                default:
                    // Any other character (outside SmartCn's Chinese range, a surrogate, ...) is an unknown one-character string.
                    Add(KindLetters, i, i + 1, dictionary.StringFrequency, StringWord, PlaceholderLength);
                    i++;
                    break;
            }
        }

        Add(KindEnd, length, length + 1, dictionary.EndFrequency, EndWord, PlaceholderLength);
    }

    /// <summary>
    /// The Chinese character at <paramref name="i"/> as a word of its own (always), then every dictionary word
    /// that starts with it and continues over the following Chinese characters (spaces between them skipped).
    /// </summary>
    private void AddWordsAt(ReadOnlySpan<char> sentence, int i)
    {
        var dictionary = _dictionary;
        var first = sentence[i];
        var list = dictionary.ListOf(first);
        Add(KindWord, i, i + 1, list < 0 ? 0 : dictionary.SingleFrequency(list), AppendChars([first]), 1);
        if (list < 0)
        {
            return;
        }

        var low = dictionary.ListStart(list);
        var high = dictionary.ListEnd(list);
        var length = sentence.Length;
        var word = _word;
        word[0] = first;
        var depth = 0;
        var j = i + 1;
        while (low < high)
        {
            while (j < length && TypeOf(sentence[j]) == CharType.SPACE_LIKE)
            {
                j++;
            }

            if (j >= length || TypeOf(sentence[j]) != CharType.HANZI)
            {
                return;
            }

            var next = sentence[j];
            if (depth == 0)
            {
                if (!dictionary.SecondCharacter(list, next, out low, out high))
                {
                    return;
                }
            }
            else
            {
                dictionary.Narrow(ref low, ref high, depth, next);
            }

            depth++;
            j++;
            if (depth + 1 > word.Length)
            {
                Array.Resize(ref _word, word.Length * 2);
                word = _word;
            }

            word[depth] = next;
            if (low < high && dictionary.SuffixLength(low) == depth)
            {
                Add(KindWord, i, j, dictionary.WordFrequency(low), AppendChars(word.AsSpan(0, depth + 1)), depth + 1);
            }
        }
    }

    private int AppendChars(ReadOnlySpan<char> chars)
    {
        if (_charCount + chars.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + chars.Length));
        }

        var start = _charCount;
        chars.CopyTo(_chars.AsSpan(start));
        _charCount += chars.Length;
        return start;
    }

    private void Add(byte kind, int start, int end, int frequency, int charStart, int charLength)
    {
        var t = _tokenCount;
        if (t == _start.Length)
        {
            GrowTokens();
        }

        _start[t] = start;
        _end[t] = end;
        _frequency[t] = frequency;
        _kind[t] = kind;
        _charStart[t] = charStart;
        _charLength[t] = charLength;

        // The bigram key of this word as the first of a pair starts "word@".
        var keyHash = SmartCnDictionary.HashSeed;
        var stepHash = 5381;
        var chars = _chars;
        for (var k = charStart; k < charStart + charLength; k++)
        {
            keyHash = SmartCnDictionary.KeyHash(keyHash, chars[k]);
            stepHash = SmartCnDictionary.StepHash(stepHash, chars[k]);
        }

        _keyHash[t] = SmartCnDictionary.KeyHash(keyHash, SmartCnDictionary.PairSeparator);
        _stepHash[t] = SmartCnDictionary.StepHash(stepHash, SmartCnDictionary.PairSeparator);
        _tokenCount = t + 1;
    }

    private void GrowTokens()
    {
        var size = _start.Length * 2;
        Array.Resize(ref _start, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _frequency, size);
        Array.Resize(ref _kind, size);
        Array.Resize(ref _charStart, size);
        Array.Resize(ref _charLength, size);
        Array.Resize(ref _keyHash, size);
        Array.Resize(ref _stepHash, size);
        Array.Resize(ref _cost, size);
        Array.Resize(ref _previous, size);
        Array.Resize(ref _path, size);
    }

    /// <summary>For every position, the range of words at the first start at or after it (the end word always closes the sentence).</summary>
    private void LinkNextStarts(int length)
    {
        if (_nextFirst.Length < length + 1)
        {
            var size = Math.Max(_nextFirst.Length * 2, length + 1);
            _nextFirst = new int[size];
            _nextEnd = new int[size];
        }

        var groupEnd = _tokenCount;
        var t = _tokenCount - 1;
        // Walk the words backwards, one start at a time (all words of one start are adjacent): the positions
        // after the previous start, up to this one, lead to this start's words.
        while (t >= 1)
        {
            var start = _start[t];
            var groupFirst = t;
            while (groupFirst - 1 >= 1 && _start[groupFirst - 1] == start)
            {
                groupFirst--;
            }

            var previousStart = groupFirst - 1 >= 1 ? _start[groupFirst - 1] : -1;
            for (var position = start; position > previousStart; position--)
            {
                _nextFirst[position] = groupFirst;
                _nextEnd[position] = groupEnd;
            }

            groupEnd = groupFirst;
            t = groupFirst - 1;
        }
    }

    private void FindCheapestPath()
    {
        var count = _tokenCount;
        var cost = _cost;
        var previous = _previous;
        cost[0] = 0;
        for (var t = 1; t < count; t++)
        {
            cost[t] = double.MaxValue;
        }

        var dictionary = _dictionary;
        var chars = _chars;
        for (var from = 0; from < count - 1; from++)
        {
            var next = _end[from];
            var first = _nextFirst[next];
            var end = _nextEnd[next];
            double frequency = _frequency[from];
            var baseCost = cost[from];
            double missing = double.NaN;
            var keyHash = _keyHash[from];
            var stepHash = _stepHash[from];
            for (var to = first; to < end; to++)
            {
                var h = keyHash;
                var s = stepHash;
                var charStart = _charStart[to];
                var charEnd = charStart + _charLength[to];
                for (var k = charStart; k < charEnd; k++)
                {
                    h = SmartCnDictionary.KeyHash(h, chars[k]);
                    s = SmartCnDictionary.StepHash(s, chars[k]);
                }

                var pairFrequency = dictionary.BigramFrequency(h, s);
                double weight;
                if (pairFrequency == 0)
                {
                    if (double.IsNaN(missing))
                    {
                        missing = Weight(frequency, 0);
                    }

                    weight = missing;
                }
                else
                {
                    weight = Weight(frequency, pairFrequency);
                }

                var candidate = baseCost + weight;
                if (candidate < cost[to])
                {
                    cost[to] = candidate;
                    previous[to] = from;
                }
            }
        }
    }

    /// <summary>SmartCn's edge weight, <c>-log(a P(w1) + (1 - a) P(w2 | w1))</c> smoothed, term for term in its order.</summary>
    private static double Weight(double frequency, int pairFrequency) =>
        -Math.Log((Smooth * (1.0 + frequency) / (SmartCnDictionary.MaxFrequency + 0.0))
            + ((1.0 - Smooth) * (((1.0 - Tiny) * pairFrequency / (1.0 + frequency)) + Tiny)));

    private void WriteResult(ReadOnlySpan<char> sentence)
    {
        var length = 0;
        for (var t = _tokenCount - 1; t != 0; t = _previous[t])
        {
            _path[length++] = t;
        }

        // _path holds the end word down to the first word after the begin word.
        _resultCount = 0;
        var charCount = 0;
        if (_resultStart.Length < length)
        {
            var size = Math.Max(_resultStart.Length * 2, length);
            _resultStart = new int[size];
            _resultEnd = new int[size];
            _resultTermStart = new int[size];
            _resultTermLength = new int[size];
        }

        for (var p = length - 1; p >= 1; p--)
        {
            var t = _path[p];
            var start = _start[t];
            var end = _end[t];
            var kind = _kind[t];
            var termLength = kind switch
            {
                KindWord => _charLength[t],
                KindDelimiter => 1,
                _ => end - start,
            };

            if (charCount + termLength > _resultChars.Length)
            {
                Array.Resize(ref _resultChars, Math.Max(_resultChars.Length * 2, charCount + termLength));
            }

            var term = _resultChars.AsSpan(charCount, termLength);
            switch (kind)
            {
                case KindWord:
                    _chars.AsSpan(_charStart[t], termLength).CopyTo(term);
                    break;
                case KindDelimiter:
                    term[0] = ',';
                    break;
                case KindDigits:
                    sentence[start..end].CopyTo(term);
                    break;
                case KindLetters:
                    for (var k = 0; k < termLength; k++)
                    {
                        term[k] = LowerLatin(sentence[start + k]);
                    }

                    break;
                default:
                    // Full-width letters or digits: to half-width, then Latin lower-cased.
                    for (var k = 0; k < termLength; k++)
                    {
                        var c = sentence[start + k];
                        term[k] = LowerLatin(c >= '\uFF10' ? (char)(c - 0xFEE0) : c);
                    }

                    break;
            }

            var r = _resultCount++;
            _resultStart[r] = start;
            _resultEnd[r] = end;
            _resultTermStart[r] = charCount;
            _resultTermLength[r] = termLength;
            charCount += termLength;
        }
    }

    private static char LowerLatin(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 0x20) : c;

    private static CharType TypeOf(char c) => (CharType)CharTypes[c];

    private static byte[] BuildCharTypes()
    {
        var types = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            types[c] = (byte)Utility.GetCharType((char)c);
        }

        return types;
    }
}

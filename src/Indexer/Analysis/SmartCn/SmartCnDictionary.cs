using System.Buffers.Binary;
using Lucene.Net.Analysis.Cn.Smart;

namespace Search.Indexer.Analysis.SmartCn;

/// <summary>
/// SmartCn's word and bigram dictionaries in flat arrays, read once from the two data resources that ship
/// inside Lucene.Net.Analysis.SmartCn (<c>coredict.mem</c>, <c>bigramdict.mem</c>), the same data
/// <see cref="SmartChineseAnalyzer"/> loads. Every lookup answers exactly what SmartCn's own lookup answers
/// for the same key; <see cref="Load"/> checks the shape of the data and fails with a clear message if it is
/// not the one this code was written against.
/// </summary>
/// <remarks>
/// <para>What the data is, and what this code relies on (Lucene.Net 4.8.0-beta00017):</para>
/// <para><c>coredict.mem</c>, written with a .NET <see cref="BinaryWriter"/> (little-endian integers, each char
/// as UTF-8): an int count (12071) and that many int16, the slot → word-list table; an int count (12071) and
/// that many chars, the slot → first-character table (an open-addressed hash of the first character, 0 for a
/// free slot); an int count (8178, one list per GB2312 code) of word lists, each an int count (-1 for no list)
/// of words, each word an int length (-1 for none) and its characters after the first; then an int count of
/// frequency lists, each an int count and that many int frequencies, parallel to the word lists. The words of a
/// list are sorted (ordinal, a prefix before its extensions).</para>
/// <para><c>bigramdict.mem</c>: an int count (402137) and that many int64, an open-addressed table of the hashes
/// of <c>"first@second"</c> (0 for a free slot); an int count and that many int frequencies, parallel to it.</para>
/// </remarks>
internal sealed class SmartCnDictionary
{
    /// <summary>Slots of the first-character hash (SmartCn's <c>PRIME_INDEX_LENGTH</c>).</summary>
    private const int CharSlots = 12071;

    /// <summary>Word lists, one per GB2312 code (SmartCn's <c>GB2312_CHAR_NUM</c>).</summary>
    private const int ListCount = 8178;

    /// <summary>Slots of the bigram hash table (SmartCn's <c>PRIME_BIGRAM_LENGTH</c>).</summary>
    internal const int BigramSlots = 402137;

    /// <summary>The frequency SmartCn gives punctuation, and the divisor of its smoothing.</summary>
    internal const int MaxFrequency = 2159997;

    /// <summary>Separator between the two words of a bigram key.</summary>
    internal const char PairSeparator = '@';

    /// <summary>First and last character of SmartCn's Chinese range (its <c>HANZI</c> character type).</summary>
    internal const char FirstHanzi = '\u4E00';
    internal const char LastHanzi = '\u9FA5';

    private const string CoreResource = "Lucene.Net.Analysis.SmartCn.Hhmm.coredict.mem";
    private const string BigramResource = "Lucene.Net.Analysis.SmartCn.Hhmm.bigramdict.mem";

    /// <summary>FNV-1 64-bit offset basis and prime, SmartCn's first hash over the UTF-16 bytes of a key.</summary>
    internal const long HashSeed = unchecked((long)0xCBF29CE484222325UL);
    internal const long HashPrime = 0x100000001B3L;

    /// <summary>The bigram presence filter has 2^16 words of 64 bits (512 KB); a stored hash sets 3 bits of one word.</summary>
    private const int FilterWordBits = 16;

    private static readonly Lazy<SmartCnDictionary> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Word list of each Chinese character (index <c>c - FirstHanzi</c>), -1 when it starts no word.</summary>
    private readonly int[] _listOfHanzi;

    /// <summary>Words of list <c>l</c> are <c>[_listFirst[l], _listFirst[l + 1])</c>.</summary>
    private readonly int[] _listFirst;

    /// <summary>Characters after the first of word <c>w</c> are <c>_suffixChars[_suffixStart[w] .. _suffixStart[w + 1])</c>.</summary>
    private readonly int[] _suffixStart;

    private readonly char[] _suffixChars;

    /// <summary>Frequency SmartCn reports for word <c>w</c> (its binary search may land on another copy of a duplicated word).</summary>
    private readonly int[] _wordFrequency;

    /// <summary>Frequency of the one-character word of each list (0 when the character alone is no word).</summary>
    private readonly int[] _singleFrequency;

    // The second-character table: per slot, (list << 16 | character) + 1 in the low bits, then the range of words.
    private const int SecondKeyBits = 29;
    private const int SecondWordBits = 17;
    private const ulong SecondKeyMask = (1UL << SecondKeyBits) - 1;
    private const ulong SecondWordMask = (1UL << SecondWordBits) - 1;
    private readonly ulong[] _secondTable;
    private readonly int _secondShift;

    private readonly long[] _bigramHashes;
    private readonly int[] _bigramFrequencies;
    private readonly ulong[] _bigramFilter;

    /// <summary>
    /// Bigrams stored in their home slot (the first one SmartCn's probe looks at, whatever the step), in a
    /// compact open-addressed table: hash → frequency. Most present bigrams are answered here in one cache line.
    /// </summary>
    private readonly long[] _homeHashes;
    private readonly int[] _homeFrequencies;
    private readonly int _homeShift;

    private SmartCnDictionary(
        int[] listOfHanzi,
        int[] listFirst,
        int[] suffixStart,
        char[] suffixChars,
        int[] wordFrequency,
        int[] singleFrequency,
        long[] bigramHashes,
        int[] bigramFrequencies)
    {
        _listOfHanzi = listOfHanzi;
        _listFirst = listFirst;
        _suffixStart = suffixStart;
        _suffixChars = suffixChars;
        _wordFrequency = wordFrequency;
        _singleFrequency = singleFrequency;
        _bigramHashes = bigramHashes;
        _bigramFrequencies = bigramFrequencies;
        _bigramFilter = new ulong[1 << FilterWordBits];
        var atHome = 0;
        for (var slot = 0; slot < bigramHashes.Length; slot++)
        {
            var hash = bigramHashes[slot];
            if (hash != 0)
            {
                var mixed = Mix(hash);
                _bigramFilter[FilterWord(mixed)] |= FilterMask(mixed);
                atHome += HomeSlot(hash) == slot ? 1 : 0;
            }
        }

        var bits = 4;
        while (1 << bits < atHome * 2)
        {
            bits++;
        }

        _homeHashes = new long[1 << bits];
        _homeFrequencies = new int[1 << bits];
        _homeShift = 64 - bits;
        for (var slot = 0; slot < bigramHashes.Length; slot++)
        {
            var hash = bigramHashes[slot];
            if (hash != 0 && HomeSlot(hash) == slot)
            {
                var at = (int)(Mix(hash) >> _homeShift);
                while (_homeHashes[at] != 0)
                {
                    at = (at + 1) & (_homeHashes.Length - 1);
                }

                _homeHashes[at] = hash;
                _homeFrequencies[at] = bigramFrequencies[slot];
            }
        }

        (_secondTable, _secondShift) = BuildSecondTable(listFirst, suffixStart, suffixChars);
        StringFrequency = Frequency("未##串");
        NumberFrequency = Frequency("未##数");
        BeginFrequency = Frequency("始##始");
        EndFrequency = Frequency("末##末");
    }

    /// <summary>The process-wide instance (loaded on first use, about 100 ms).</summary>
    public static SmartCnDictionary Instance => Shared.Value;

    /// <summary>Frequency of SmartCn's placeholder word for a run of letters or an unknown character.</summary>
    public int StringFrequency { get; }

    /// <summary>Frequency of the placeholder word for a run of digits.</summary>
    public int NumberFrequency { get; }

    /// <summary>Frequency of the sentence-begin word.</summary>
    public int BeginFrequency { get; }

    /// <summary>Frequency of the sentence-end word.</summary>
    public int EndFrequency { get; }

    /// <summary>The word list of a Chinese character, or -1.</summary>
    public int ListOf(char hanzi) => _listOfHanzi[hanzi - FirstHanzi];

    /// <summary>Frequency of the character of <paramref name="list"/> as a word of its own.</summary>
    public int SingleFrequency(int list) => _singleFrequency[list];

    /// <summary>First word of <paramref name="list"/>.</summary>
    public int ListStart(int list) => _listFirst[list];

    /// <summary>One past the last word of <paramref name="list"/>.</summary>
    public int ListEnd(int list) => _listFirst[list + 1];

    /// <summary>Length of word <paramref name="word"/> without its first character.</summary>
    public int SuffixLength(int word) => _suffixStart[word + 1] - _suffixStart[word];

    /// <summary>Frequency of word <paramref name="word"/> as SmartCn reports it.</summary>
    public int WordFrequency(int word) => _wordFrequency[word];

    /// <summary>
    /// The words of <paramref name="list"/> whose second character is <paramref name="second"/>, as
    /// <c>[start, end)</c>; false when there are none. The same range as <see cref="Narrow"/> at depth 0,
    /// from a hash table instead of two binary searches over the whole list.
    /// </summary>
    public bool SecondCharacter(int list, char second, out int start, out int end)
    {
        var key = (uint)((list << 16) | second) + 1;
        var table = _secondTable;
        var mask = table.Length - 1;
        for (var slot = (int)((key * 0x9E3779B1u) >> _secondShift); ; slot = (slot + 1) & mask)
        {
            var entry = table[slot];
            var stored = (uint)(entry & SecondKeyMask);
            if (stored == key)
            {
                start = (int)((entry >> SecondKeyBits) & SecondWordMask);
                end = (int)(entry >> (SecondKeyBits + SecondWordBits));
                return true;
            }

            if (stored == 0)
            {
                start = end = 0;
                return false;
            }
        }
    }

    /// <summary>
    /// Narrows <c>[start, end)</c>, a range of words of one list that all share their first
    /// <paramref name="depth"/> suffix characters, to those whose next suffix character is <paramref name="next"/>.
    /// The words of a list are sorted with a prefix before its extensions, so the range stays contiguous.
    /// </summary>
    public void Narrow(ref int start, ref int end, int depth, char next)
    {
        var lower = Search(start, end, depth, next, false);
        end = Search(lower, end, depth, next, true);
        start = lower;
    }

    /// <summary>Frequency of the bigram whose key hashes to (<paramref name="hash"/>, <paramref name="step"/>), as SmartCn's lookup answers it.</summary>
    public int BigramFrequency(long hash, int step)
    {
        if (hash != 0)
        {
            var mixed = Mix(hash);
            var mask = FilterMask(mixed);
            if ((_bigramFilter[FilterWord(mixed)] & mask) != mask)
            {
                // Not stored anywhere in the table: SmartCn's probe can only end on a free slot.
                return 0;
            }

            var homes = _homeHashes;
            for (var at = (int)(mixed >> _homeShift); homes[at] != 0; at = (at + 1) & (homes.Length - 1))
            {
                if (homes[at] == hash)
                {
                    // SmartCn's probe starts at the home slot and finds the hash there.
                    return _homeFrequencies[at];
                }
            }
        }

        var slot = FindBigramSlot(_bigramHashes, hash, step);
        return slot < 0 ? 0 : _bigramFrequencies[slot];
    }

    private static (ulong[] Table, int Shift) BuildSecondTable(int[] listFirst, int[] suffixStart, char[] suffixChars)
    {
        if (listFirst[^1] >= 1 << SecondWordBits || listFirst.Length - 1 > 1 << (SecondKeyBits - 16))
        {
            throw Unexpected(CoreResource, $"at most {1 << SecondWordBits} words in at most {1 << (SecondKeyBits - 16)} lists, found {listFirst[^1]} in {listFirst.Length - 1}");
        }

        // One entry per distinct two-character beginning; size the table for a load of at most a half.
        var ranges = new List<(uint Key, int Start, int End)>();
        for (var list = 0; list + 1 < listFirst.Length; list++)
        {
            var w = listFirst[list];
            var end = listFirst[list + 1];
            while (w < end)
            {
                if (suffixStart[w + 1] == suffixStart[w])
                {
                    w++;
                    continue;
                }

                var second = suffixChars[suffixStart[w]];
                var first = w;
                while (w < end && suffixStart[w + 1] > suffixStart[w] && suffixChars[suffixStart[w]] == second)
                {
                    w++;
                }

                ranges.Add(((uint)((list << 16) | second) + 1, first, w));
            }
        }

        var bits = 4;
        while (1 << bits < ranges.Count * 2)
        {
            bits++;
        }

        var table = new ulong[1 << bits];
        var shift = 32 - bits;
        foreach (var (key, start, end) in ranges)
        {
            var slot = (int)((key * 0x9E3779B1u) >> shift);
            while (table[slot] != 0)
            {
                slot = (slot + 1) & (table.Length - 1);
            }

            table[slot] = key | ((ulong)start << SecondKeyBits) | ((ulong)end << (SecondKeyBits + SecondWordBits));
        }

        return (table, shift);
    }

    /// <summary>SmartCn's second hash, one character further (its state is always below 512).</summary>
    internal static int StepHash(int state, char c)
    {
        state = ((state << 5) + state + c) & 0xFF;
        return ((state << 5) + state + c) >> 8;
    }

    /// <summary>SmartCn's first (FNV-1 style) hash, one character further.</summary>
    internal static long KeyHash(long state, char c)
    {
        state = unchecked((state ^ (c & 0xFF)) * HashPrime);
        return unchecked((state ^ (c >> 8)) * HashPrime);
    }

    /// <summary>The slot of SmartCn's bigram table its probe for <paramref name="hash"/> looks at first.</summary>
    private static int HomeSlot(long hash)
    {
        var home = (int)(hash % BigramSlots);
        return home < 0 ? home + BigramSlots : home;
    }

    /// <summary>The open-addressed probe of SmartCn's bigram table: the slot holding <paramref name="hash"/>, or -1.</summary>
    private static int FindBigramSlot(long[] table, long hash, int step)
    {
        var home = HomeSlot(hash);

        step %= BigramSlots;
        var slot = home;
        if (step == 0)
        {
            // Every probe revisits the home slot.
            return table[slot] == hash ? slot : -1;
        }

        for (var tries = 1; table[slot] != 0 && table[slot] != hash && tries < BigramSlots; tries++)
        {
            slot = (home + (tries * step)) % BigramSlots;
            if (tries == BigramSlots - 1)
            {
                return -1;
            }
        }

        return table[slot] == hash ? slot : -1;
    }

    private static ulong Mix(long hash) => unchecked((ulong)hash * 0x9E3779B97F4A7C15UL);

    private static int FilterWord(ulong mixed) => (int)(mixed >> (64 - FilterWordBits));

    private static ulong FilterMask(ulong mixed) => (1UL << (int)(mixed & 63)) | (1UL << (int)((mixed >> 6) & 63)) | (1UL << (int)((mixed >> 12) & 63));

    /// <summary>First word in <c>[start, end)</c> whose key is at least that of <paramref name="next"/> (or above it, with <paramref name="above"/>).</summary>
    private int Search(int start, int end, int depth, char next, bool above)
    {
        // Key of a word: 0 when it has no character at depth, else that character + 1 (non-decreasing over the range).
        var target = next + (above ? 2 : 1);
        while (start < end)
        {
            var middle = (int)((uint)(start + end) >> 1);
            var offset = _suffixStart[middle];
            var key = _suffixStart[middle + 1] - offset > depth ? _suffixChars[offset + depth] + 1 : 0;
            if (key < target)
            {
                start = middle + 1;
            }
            else
            {
                end = middle;
            }
        }

        return start;
    }

    /// <summary>A word's frequency through SmartCn's own path (hash of the first character, binary search of the rest).</summary>
    private int Frequency(string word)
    {
        var list = _listOfHanzi[word[0] - FirstHanzi];
        if (list < 0)
        {
            return 0;
        }

        var found = FindWord(_listFirst[list], _listFirst[list + 1], word.AsSpan(1));
        return found < 0 ? 0 : _wordFrequency[found];
    }

    /// <summary>SmartCn's binary search for an exact suffix (the same midpoints, so a duplicated word resolves to the same copy).</summary>
    private int FindWord(int first, int end, ReadOnlySpan<char> suffix)
    {
        var low = 0;
        var high = end - first - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var word = first + middle;
            var order = Suffix(word).SequenceCompareTo(suffix);
            if (order == 0)
            {
                return word;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private ReadOnlySpan<char> Suffix(int word) => _suffixChars.AsSpan(_suffixStart[word], _suffixStart[word + 1] - _suffixStart[word]);

    private static SmartCnDictionary Load()
    {
        if (!string.IsNullOrEmpty(AnalyzerProfile.ANALYSIS_DATA_DIR))
        {
            throw new InvalidOperationException(
                "SmartCn is configured to load its dictionaries from a data directory (AnalyzerProfile.ANALYSIS_DATA_DIR, a 'smartcn-data' folder " +
                "or the smartcn:data:dir property); the fast SmartCn analyzer reads only the dictionaries embedded in Lucene.Net.Analysis.SmartCn " +
                "and would segment differently. Remove that directory or use SmartChineseAnalyzer.");
        }

        var core = ReadResource(CoreResource);
        var bigram = ReadResource(BigramResource);
        var reader = new DataReader(core, CoreResource);

        var slotCount = reader.Int32();
        reader.Expect(slotCount == CharSlots, $"{CharSlots} word-index slots, found {slotCount}");
        var listOfSlot = new short[slotCount];
        for (var i = 0; i < slotCount; i++)
        {
            listOfSlot[i] = reader.Int16();
        }

        var charCount = reader.Int32();
        reader.Expect(charCount == CharSlots, $"{CharSlots} first-character slots, found {charCount}");
        var charOfSlot = new char[charCount];
        for (var i = 0; i < charCount; i++)
        {
            charOfSlot[i] = reader.Char();
        }

        var listCount = reader.Int32();
        reader.Expect(listCount == ListCount, $"{ListCount} word lists, found {listCount}");
        var listFirst = new int[listCount + 1];
        var hasList = new bool[listCount];
        var suffixStart = new List<int>(1 << 17) { 0 };
        var suffixChars = new List<char>(1 << 18);
        for (var list = 0; list < listCount; list++)
        {
            listFirst[list] = suffixStart.Count - 1;
            var words = reader.Int32();
            hasList[list] = words >= 0;
            for (var w = 0; w < words; w++)
            {
                var length = reader.Int32();
                for (var k = 0; k < length; k++)
                {
                    suffixChars.Add(reader.Char());
                }

                suffixStart.Add(suffixChars.Count);
            }
        }

        var wordCount = suffixStart.Count - 1;
        listFirst[listCount] = wordCount;
        var frequencyLists = reader.Int32();
        reader.Expect(frequencyLists == listCount, $"{listCount} frequency lists, found {frequencyLists}");
        var wordFrequency = new int[wordCount];
        for (var list = 0; list < listCount; list++)
        {
            var count = reader.Int32();
            var expected = hasList[list] ? listFirst[list + 1] - listFirst[list] : -1;
            if (count != expected && !(count == 0 && expected == -1))
            {
                throw Unexpected(CoreResource, $"list {list} with {expected} words and {count} frequencies");
            }

            for (var k = 0; k < count; k++)
            {
                wordFrequency[listFirst[list] + k] = reader.Int32();
            }
        }

        reader.Expect(reader.AtEnd, "the end of the data after the frequency lists");

        var starts = suffixStart.ToArray();
        var chars = suffixChars.ToArray();
        CheckSorted(listFirst, starts, chars);

        var listOfHanzi = new int[LastHanzi - FirstHanzi + 1];
        for (var c = FirstHanzi; c <= LastHanzi; c++)
        {
            var slot = SlotOf(charOfSlot, c);
            var list = slot < 0 ? -1 : listOfSlot[slot];
            if (slot >= 0 && (list < 0 || list >= listCount || !hasList[list]))
            {
                throw Unexpected(CoreResource, $"character U+{(int)c:X4} points at word list {list}, which does not exist");
            }

            listOfHanzi[c - FirstHanzi] = list;
        }

        var bigramReader = new DataReader(bigram, BigramResource);
        var hashCount = bigramReader.Int32();
        bigramReader.Expect(hashCount == BigramSlots, $"{BigramSlots} bigram slots, found {hashCount}");
        var hashes = new long[hashCount];
        for (var i = 0; i < hashCount; i++)
        {
            hashes[i] = bigramReader.Int64();
        }

        var frequencyCount = bigramReader.Int32();
        bigramReader.Expect(frequencyCount == BigramSlots, $"{BigramSlots} bigram frequencies, found {frequencyCount}");
        var bigramFrequencies = new int[frequencyCount];
        for (var i = 0; i < frequencyCount; i++)
        {
            bigramFrequencies[i] = bigramReader.Int32();
        }

        bigramReader.Expect(bigramReader.AtEnd, "the end of the data after the frequencies");

        var dictionary = new SmartCnDictionary(listOfHanzi, listFirst, starts, chars, wordFrequency, new int[listCount], hashes, bigramFrequencies);
        dictionary.ResolveFrequencies(hasList);
        return dictionary;
    }

    /// <summary>
    /// Where a word occurs twice in a list, SmartCn's binary search may report the frequency of the second copy
    /// while its prefix search finds the first: give every word the frequency SmartCn's search reports for it.
    /// Also the one-character word of each list.
    /// </summary>
    private void ResolveFrequencies(bool[] hasList)
    {
        var resolved = (int[])_wordFrequency.Clone();
        for (var list = 0; list < hasList.Length; list++)
        {
            var first = _listFirst[list];
            var end = _listFirst[list + 1];
            for (var w = first; w < end; w++)
            {
                var duplicated = (w > first && Suffix(w).SequenceEqual(Suffix(w - 1))) || (w + 1 < end && Suffix(w).SequenceEqual(Suffix(w + 1)));
                if (duplicated)
                {
                    resolved[w] = _wordFrequency[FindWord(first, end, Suffix(w))];
                }
            }

            var single = hasList[list] ? FindWord(first, end, []) : -1;
            _singleFrequency[list] = single < 0 ? 0 : _wordFrequency[single];
        }

        resolved.CopyTo(_wordFrequency, 0);
    }

    /// <summary>The words of each list must be in ordinal order (a prefix first), or range narrowing would not find what SmartCn finds.</summary>
    private static void CheckSorted(int[] listFirst, int[] starts, char[] chars)
    {
        for (var list = 0; list + 1 < listFirst.Length; list++)
        {
            for (var w = listFirst[list] + 1; w < listFirst[list + 1]; w++)
            {
                var previous = chars.AsSpan(starts[w - 1], starts[w] - starts[w - 1]);
                var current = chars.AsSpan(starts[w], starts[w + 1] - starts[w]);
                if (previous.SequenceCompareTo(current) > 0)
                {
                    throw Unexpected(CoreResource, $"the words of list {list} are not sorted (word {w - listFirst[list]})");
                }
            }
        }
    }

    /// <summary>SmartCn's probe of the first-character table: the slot of <paramref name="c"/>, or -1.</summary>
    private static int SlotOf(char[] charOfSlot, char c)
    {
        var home = (int)(CharHash(c) % CharSlots);
        if (home < 0)
        {
            home += CharSlots;
        }

        var step = StepHash(5381, c) % CharSlots;
        var slot = home;
        var tries = 1;
        while (charOfSlot[slot] != 0 && charOfSlot[slot] != c && tries < CharSlots)
        {
            slot = (home + (tries * step)) % CharSlots;
            tries++;
        }

        return tries < CharSlots && charOfSlot[slot] == c ? slot : -1;
    }

    /// <summary>SmartCn's hash of a single first character: the key hash of one character, then a final mix.</summary>
    private static long CharHash(char c)
    {
        var h = KeyHash(HashSeed, c);
        unchecked
        {
            h += h << 13;
            h ^= h >> 7;
            h += h << 3;
            h ^= h >> 17;
            h += h << 5;
        }

        return h;
    }

    private static byte[] ReadResource(string name)
    {
        var assembly = typeof(SmartChineseAnalyzer).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Lucene.Net.Analysis.SmartCn ({assembly.GetName().Version}) has no resource {name}; the fast SmartCn analyzer was written against 4.8.0-beta00017.");
        using var copy = new MemoryStream((int)stream.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static InvalidOperationException Unexpected(string resource, string what) =>
        new($"SmartCn dictionary {resource} is not in the shape the fast SmartCn analyzer expects ({what}); it was written against Lucene.Net.Analysis.SmartCn 4.8.0-beta00017. Use SmartChineseAnalyzer.");

    /// <summary>Reads what a <see cref="BinaryWriter"/> wrote: little-endian integers and UTF-8 chars.</summary>
    private sealed class DataReader(byte[] data, string resource)
    {
        private int _position;

        public bool AtEnd => _position == data.Length;

        public void Expect(bool condition, string what)
        {
            if (!condition)
            {
                throw Unexpected(resource, what);
            }
        }

        public short Int16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public char Char()
        {
            var lead = Take(1)[0];
            if (lead < 0x80)
            {
                return (char)lead;
            }

            if (lead is >= 0xC2 and < 0xE0)
            {
                var next = Take(1);
                return (char)(((lead & 0x1F) << 6) | Continuation(next[0]));
            }

            if (lead is < 0xE0 or >= 0xF0)
            {
                throw Unexpected(resource, $"a UTF-8 character of at most 3 bytes at {_position - 1}");
            }

            var rest = Take(2);
            return (char)(((lead & 0x0F) << 12) | (Continuation(rest[0]) << 6) | Continuation(rest[1]));
        }

        private int Continuation(byte b) =>
            (b & 0xC0) == 0x80 ? b & 0x3F : throw Unexpected(resource, $"a UTF-8 continuation byte at {_position}");

        private ReadOnlySpan<byte> Take(int count)
        {
            if (_position + count > data.Length)
            {
                throw Unexpected(resource, $"{count} more bytes at {_position}");
            }

            var span = data.AsSpan(_position, count);
            _position += count;
            return span;
        }
    }
}

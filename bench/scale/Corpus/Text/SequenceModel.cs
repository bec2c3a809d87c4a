using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// A trigram model over symbols with backoff to bigrams: a context seen with two or more continuations is used
/// most of the time; otherwise (and for a share of the steps, so sequences recombine instead of copying the
/// training text) the previous symbol alone decides.
/// </summary>
internal sealed class SequenceModel
{
    private const double TrigramShare = 0.7;
    private const int MaxSymbols = 1 << 15;

    private readonly SuccessorArena _arena;
    private readonly Slice[] _bigrams;

    // Open addressing: key (a << 15 | b) + 1, 0 = empty; linear probing.
    private readonly int[] _keys;
    private readonly Slice[] _trigrams;
    private readonly int _mask;

    private SequenceModel(SuccessorArena arena, Slice[] bigrams, int[] keys, Slice[] trigrams, int sequences)
    {
        _arena = arena;
        _bigrams = bigrams;
        _keys = keys;
        _trigrams = trigrams;
        _mask = keys.Length - 1;
        TrainingSequences = sequences;
    }

    public int TrainingSequences { get; }

    /// <summary>Trains on sequences (without start and end symbols); identical sequences count once.</summary>
    public static SequenceModel Train(IEnumerable<int[]> sequences, int symbolCount)
    {
        if (symbolCount > MaxSymbols)
        {
            throw new ArgumentOutOfRangeException(nameof(symbolCount), $"at most {MaxSymbols} symbols");
        }

        var bigrams = new SuccessorCounts<int>();
        var trigrams = new SuccessorCounts<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var sequence in sequences)
        {
            if (sequence.Length == 0 || !seen.Add(string.Join(',', sequence)))
            {
                continue;
            }

            count++;
            int prev2 = SymbolTable.Start, prev1 = SymbolTable.Start;
            foreach (var symbol in sequence.Append(SymbolTable.End))
            {
                bigrams.Add(prev1, symbol);
                trigrams.Add(Key(prev2, prev1), symbol);
                (prev2, prev1) = (prev1, symbol);
            }
        }

        var arena = new SuccessorArena();
        var bigramSlices = new Slice[symbolCount];
        foreach (var (context, row) in bigrams.Counts.OrderBy(kv => kv.Key))
        {
            bigramSlices[context] = arena.Add(row);
        }

        var useful = trigrams.Counts.Where(kv => kv.Value.Count >= 2).OrderBy(kv => kv.Key).ToList();
        var capacity = 16;
        while (capacity < useful.Count * 2)
        {
            capacity *= 2;
        }

        var keys = new int[capacity];
        var slices = new Slice[capacity];
        foreach (var (key, row) in useful)
        {
            var slot = Slot(key, capacity - 1);
            while (keys[slot] != 0)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            keys[slot] = key + 1;
            slices[slot] = arena.Add(row);
        }

        arena.Freeze();
        return new SequenceModel(arena, bigramSlices, keys, slices, count);
    }

    /// <summary>The next symbol, or false when this model never saw <paramref name="prev1"/>.</summary>
    public bool TryNext(Rng rng, int prev2, int prev1, out int next)
    {
        if (prev1 >= _bigrams.Length || _bigrams[prev1].IsEmpty)
        {
            next = 0;
            return false;
        }

        next = Next(rng, prev2, prev1);
        return true;
    }

    public int Next(Rng rng, int prev2, int prev1)
    {
        var key = Key(prev2, prev1) + 1;
        for (var slot = Slot(key - 1, _mask); _keys[slot] != 0; slot = (slot + 1) & _mask)
        {
            if (_keys[slot] == key)
            {
                if (rng.Chance(TrigramShare))
                {
                    return _arena.Pick(rng, _trigrams[slot]);
                }

                break;
            }
        }

        var bigram = _bigrams[prev1];
        return bigram.IsEmpty ? SymbolTable.End : _arena.Pick(rng, bigram);
    }

    private static int Key(int a, int b) => (a << 15) | b;

    private static int Slot(int key, int mask) => (int)(((uint)key * 0x9E3779B1u) >> 7) & mask;
}

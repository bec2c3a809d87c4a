using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// The terms of each discipline in rank order: the real ones first (CSL terms of that discipline, most frequent
/// first), then, past the last real one, new terms made on demand for (discipline, rank). Ranks are drawn from a
/// Zipf-Mandelbrot law, so the head is the real vocabulary and the tail keeps growing with the corpus
/// (T draws hold about T^(1/a) distinct ranks). Nothing is stored per new term: the same (discipline, rank)
/// always gives the same term, so memory does not grow with the corpus.
/// </summary>
internal sealed class RankedLexicon
{
    private readonly string[][] _real;
    private readonly string[] _global;
    private readonly Func<int, long, string> _novel;

    // New terms recur (the first ones past the real vocabulary often): a direct-mapped cache of made terms. Each
    // slot is one reference, so threads may share it without locks (a term is a pure function of its key).
    private readonly CachedTerm?[] _cache = new CachedTerm?[1 << 16];

    public RankedLexicon(string[][] perDiscipline, string[] global, double exponent, double offset, Func<int, long, string> novel)
    {
        _real = perDiscipline;
        _global = global;
        Exponent = exponent;
        Offset = offset;
        _novel = novel;
    }

    public double Exponent { get; }

    public double Offset { get; }

    /// <summary>The real terms of a discipline, in rank order (the global list when the discipline has none).</summary>
    public string[] Real(int discipline) =>
        discipline < _real.Length && _real[discipline].Length > 0 ? _real[discipline] : _global;

    public int RealCount => _real.Sum(r => r.Length) + _global.Length;

    /// <summary>A term of the discipline and its rank.</summary>
    public (string Text, long Rank) Draw(Rng rng, int discipline)
    {
        var rank = rng.ZipfRank(Exponent, Offset);
        return (At(discipline, rank), rank);
    }

    public string At(int discipline, long rank)
    {
        var real = Real(discipline);
        if (rank < real.Length)
        {
            return real[rank];
        }

        var key = ((ulong)(uint)discipline << 48) ^ (ulong)rank;
        var slot = (int)(Hashing.Mix(key, 0x5107) & (ulong)(_cache.Length - 1));
        if (Volatile.Read(ref _cache[slot]) is { } cached && cached.Key == key)
        {
            return cached.Term;
        }

        var term = _novel(discipline, rank);
        Volatile.Write(ref _cache[slot], new CachedTerm(key, term));
        return term;
    }

    /// <summary>Terms with their counts, most frequent first; ties in a stable pseudo-random order.</summary>
    public static string[] RankByCount(IEnumerable<KeyValuePair<string, int>> counts) =>
        [.. counts.OrderByDescending(kv => kv.Value).ThenBy(kv => Hashing.Of(kv.Key)).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key)];
}

internal sealed record CachedTerm(ulong Key, string Term);

using Search.Bench.Corpus.Randomness;
using Search.Bench.Corpus.Text;

namespace Search.Bench.Corpus.Measure;

/// <summary>
/// Counts the words the generator writes (titles, abstracts, keywords; numbers and punctuation left out): tokens
/// N, distinct words V and each word's frequency (by a 64-bit hash of its text), so Heaps' law (V against N) and
/// the Zipf tail (frequency against rank) can be reported. Memory grows with V only.
/// </summary>
internal sealed class VocabularyMeter : IWordSink
{
    // Open addressing on the 64-bit hash (0 marks an empty slot; a word hashing to 0 counts as 1), linear probing,
    // kept at most half full: one cache line per word on average.
    private ulong[] _keys = new ulong[1 << 16];
    private int[] _counts = new int[1 << 16];

    public long Tokens { get; private set; }

    public int Vocabulary { get; private set; }

    public void Add(string word) => AddHash(Hashing.Of(word));

    public void AddHash(ulong hash)
    {
        Tokens++;
        var key = hash | 1;
        var mask = _keys.Length - 1;
        var slot = (int)(key >> 20) & mask;
        while (true)
        {
            var k = _keys[slot];
            if (k == key)
            {
                _counts[slot]++;
                return;
            }

            if (k == 0)
            {
                _keys[slot] = key;
                _counts[slot] = 1;
                if (++Vocabulary * 2 > _keys.Length)
                {
                    Grow();
                }

                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        var keys = _keys;
        var counts = _counts;
        _keys = new ulong[keys.Length * 2];
        _counts = new int[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == 0)
            {
                continue;
            }

            var slot = (int)(keys[i] >> 20) & mask;
            while (_keys[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _keys[slot] = keys[i];
            _counts[slot] = counts[i];
        }
    }

    /// <summary>Frequencies at ranks 1, 10, 100..., the share of words seen once, and the rank-frequency slope.</summary>
    public (IReadOnlyList<(int Rank, int Frequency)> Ranks, double HapaxShare, double ZipfSlope) Distribution()
    {
        var frequencies = _counts.Where((_, i) => _keys[i] != 0).ToArray();
        Array.Sort(frequencies);
        Array.Reverse(frequencies);
        var ranks = new List<(int, int)>();
        for (var r = 1; r <= frequencies.Length; r *= 10)
        {
            ranks.Add((r, frequencies[r - 1]));
        }

        var hapax = frequencies.Count(f => f == 1) / (double)Math.Max(1, frequencies.Length);

        // Least-squares slope of log f against log r over ranks 10..V/10 (the body of the distribution).
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var n = 0;
        for (var r = 10; r <= frequencies.Length / 10; r = Math.Max(r + 1, (int)(r * 1.2)))
        {
            var x = Math.Log(r);
            var y = Math.Log(frequencies[r - 1]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            n++;
        }

        var slope = n < 2 ? double.NaN : ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
        return (ranks, hapax, slope);
    }
}

namespace Search.Bench.Corpus.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64. Small, fast and the same on every machine:
/// the corpus is a pure function of the seed, so <see cref="System.Random"/> (whose algorithm may change between
/// runtimes) is never used.
/// </summary>
internal sealed class Rng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Rng(ulong seed) => Reseed(seed);

    /// <summary>Restarts the generator as if it had just been made with this seed (saves an allocation per record).</summary>
    public void Reseed(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for one named stream of the corpus (record n, query i...): independent of every other.</summary>
    public static Rng For(ulong seed, ulong stream, ulong index) => new(Hashing.Mix(Hashing.Mix(seed, stream), index));

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>0 &lt;= result &lt; n (Lemire's multiply-shift; the bias is below 2^-32 for the sizes used here).</summary>
    public int Next(int n) => n <= 1 ? 0 : (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>min &lt;= result &lt;= max.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>0 &lt;= result &lt; n for 64-bit ranges.</summary>
    public long NextLong(long n) => n <= 1 ? 0 : (long)Math.BigMul(NextUInt64(), (ulong)n, out _);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>One of the items, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>One of the items, uniformly (no interface dispatch on the hot paths).</summary>
    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>One of the items, uniformly.</summary>
    public T Pick<T>(List<T> items) => items[Next(items.Count)];

    /// <summary>
    /// A rank 0, 1, 2... from a Zipf-Mandelbrot law, P(rank &gt;= r) = ((r + q) / q)^-(a - 1): the continuous Pareto
    /// inverse, floored. <paramref name="exponent"/> a &gt; 1 is the rank-frequency slope; a sample of T draws holds
    /// about T^(1/a) distinct ranks (Heaps' law with beta = 1/a).
    /// </summary>
    public long ZipfRank(double exponent, double offset)
    {
        var u = 1.0 - NextDouble(); // (0, 1]
        var x = offset * (Math.Pow(u, -1.0 / (exponent - 1.0)) - 1.0);
        return x >= 1e15 ? 1_000_000_000_000_000 : (long)x;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

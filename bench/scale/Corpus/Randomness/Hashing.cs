namespace Search.Bench.Corpus.Randomness;

/// <summary>Stable 64-bit hashes (never <see cref="string.GetHashCode()"/>, which changes per process).</summary>
internal static class Hashing
{
    /// <summary>Mixes two values into one well-spread value (the SplitMix64 finalizer over a combination).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    /// <summary>FNV-1a over the UTF-16 code units, finalized with <see cref="Mix(ulong, ulong)"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return Mix(h, (ulong)text.Length);
    }
}

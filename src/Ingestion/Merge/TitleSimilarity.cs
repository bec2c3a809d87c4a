namespace Search.Ingestion.Merge;

/// <summary>Character-level similarity of folded titles (see <see cref="ChineseFolding.Fold"/>).</summary>
public static class TitleSimilarity
{
    /// <summary>
    /// Dice coefficient of the character bigrams of two folded strings (multiset), 1 for equal strings,
    /// 0 when either is empty. One character differing in a 20-character title gives about 0.9.
    /// </summary>
    public static double Dice(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return a.Length == 0 ? 0 : 1;
        }

        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }

        var counts = new Dictionary<(char, char), int>();
        for (var i = 0; i + 1 < a.Length; i++)
        {
            var bigram = (a[i], a[i + 1]);
            counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
        }

        var shared = 0;
        for (var i = 0; i + 1 < b.Length; i++)
        {
            var bigram = (b[i], b[i + 1]);
            if (counts.TryGetValue(bigram, out var left) && left > 0)
            {
                counts[bigram] = left - 1;
                shared++;
            }
        }

        return 2.0 * shared / (a.Length - 1 + b.Length - 1);
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions of one character each).</summary>
    public static int Levenshtein(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>1 - distance / longer length: 1 for equal strings.</summary>
    public static double LevenshteinRatio(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 0 : 1.0 - (double)Levenshtein(a, b) / longer;
    }
}

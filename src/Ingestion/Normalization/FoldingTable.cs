using System.Text;

namespace Search.Ingestion.Normalization;

/// <summary>
/// The one folding table, for the index (its char filter) and the merge keys alike: full-width ASCII and the
/// ideographic space to half-width, Taiwan/Hong Kong variants to OpenCC traditional, and traditional to simplified
/// characters (OpenCC TSPhrases then TSCharacters, longest match first).
/// </summary>
public static class FoldingTable
{
    private static readonly Lazy<Table> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Every key and what it folds to (keys of one or more characters; no key maps to itself).</summary>
    public static IReadOnlyDictionary<string, string> Mappings => Loaded.Value.Map;

    /// <summary>The text folded by the table, longest key first at each position.</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = Loaded.Value;
        var lookup = table.Map.GetAlternateLookup<ReadOnlySpan<char>>();
        StringBuilder? folded = null;
        var i = 0;
        while (i < text.Length)
        {
            var longest = Math.Min(table.LongestKeyStartingWith.GetValueOrDefault(text[i], 0), text.Length - i);
            var matched = 0;
            string? value = null;
            for (var length = longest; length >= 1; length--)
            {
                if (lookup.TryGetValue(text.AsSpan(i, length), out value))
                {
                    matched = length;
                    break;
                }
            }

            if (matched == 0)
            {
                folded?.Append(text[i]);
                i++;
                continue;
            }

            folded ??= new StringBuilder(text, 0, i, text.Length);
            folded.Append(value);
            i += matched;
        }

        return folded?.ToString() ?? text;
    }

    private static Table Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            map[c.ToString()] = ((char)(c - 0xFEE0)).ToString();
        }

        map["\u3000"] = " ";
        var characters = ReadTable("TSCharacters.txt");
        foreach (var (key, value) in characters)
        {
            Put(map, key, value);
        }

        foreach (var (key, value) in ReadTable("TSPhrases.txt"))
        {
            Put(map, key, value);
        }

        // Variants reversed: the regional form folds as its OpenCC traditional form would.
        foreach (var table in (string[])["TWVariants.txt", "HKVariants.txt"])
        {
            foreach (var (standard, variant) in ReadTable(table))
            {
                if (!map.ContainsKey(variant))
                {
                    Put(map, variant, characters.GetValueOrDefault(standard, standard));
                }
            }
        }

        var longest = new Dictionary<char, int>();
        foreach (var key in map.Keys)
        {
            longest[key[0]] = Math.Max(longest.GetValueOrDefault(key[0], 0), key.Length);
        }

        return new Table(map, longest);
    }

    private static void Put(Dictionary<string, string> map, string key, string value)
    {
        if (string.Equals(key, value, StringComparison.Ordinal))
        {
            map.Remove(key);
            return;
        }

        map[key] = value;
    }

    /// <summary>An OpenCC table: key, first candidate.</summary>
    private static Dictionary<string, string> ReadTable(string name)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(FoldingTable).Assembly.GetManifestResourceStream("Search.Ingestion.Normalization.Data." + name)
            ?? throw new InvalidOperationException($"The embedded folding table {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var value = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (value is not null)
            {
                table[line[..tab]] = value;
            }
        }

        return table;
    }

    private sealed record Table(Dictionary<string, string> Map, Dictionary<char, int> LongestKeyStartingWith);
}

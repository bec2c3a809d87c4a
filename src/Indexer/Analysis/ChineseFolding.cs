using System.Reflection;
using System.Text;
using Lucene.Net.Analysis.CharFilters;

namespace Search.Indexer.Analysis;

/// <summary>
/// Folds text before every analysis, at index and at query time: full-width ASCII and the ideographic
/// space to half-width, Taiwan/Hong Kong variants to OpenCC traditional, and traditional to simplified
/// characters (OpenCC TSPhrases then TSCharacters, longest match first). A <see cref="MappingCharFilter"/>
/// applies the map, so token offsets still point into the original text.
/// </summary>
public static class ChineseFolding
{
    private static readonly Lazy<FoldingTable> Table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The char map for a <see cref="MappingCharFilter"/>.</summary>
    public static NormalizeCharMap CharMap => Table.Value.CharMap;

    /// <summary>Wraps a reader with the folding char filter.</summary>
    public static TextReader Wrap(TextReader reader) => new MappingCharFilter(CharMap, reader);

    /// <summary>The folded text (the same mapping the analyzers see).</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var filter = Wrap(new StringReader(text));
        var folded = new StringBuilder(text.Length);
        var buffer = new char[256];
        int read;
        // Lucene's char filters signal the end with -1, which TextReader.ReadToEnd does not expect.
        while ((read = filter.Read(buffer, 0, buffer.Length)) > 0)
        {
            folded.Append(buffer, 0, read);
        }

        return folded.ToString();
    }

    private static FoldingTable Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // Full-width ASCII (U+FF01..U+FF5E) and the ideographic space.
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

        var builder = new NormalizeCharMap.Builder();
        foreach (var (key, value) in map)
        {
            builder.Add(key, value);
        }

        return new FoldingTable(builder.Build());
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
    internal static Dictionary<string, string> ReadTable(string name)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = OpenResource(name);
        string? line;
        while ((line = reader.ReadLine()) is not null)
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

            var key = line[..tab];
            var value = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (value is not null)
            {
                table[key] = value;
            }
        }

        return table;
    }

    internal static StreamReader OpenResource(string name)
    {
        var assembly = typeof(ChineseFolding).Assembly;
        var stream = assembly.GetManifestResourceStream("Search.Indexer.Analysis.Data." + name)
            ?? throw new InvalidOperationException($"The embedded analysis table {name} is missing.");
        return new StreamReader(stream, Encoding.UTF8);
    }

    private sealed record FoldingTable(NormalizeCharMap CharMap);
}

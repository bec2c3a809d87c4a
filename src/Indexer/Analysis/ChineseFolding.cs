using System.Reflection;
using System.Text;
using Lucene.Net.Analysis.CharFilters;
using Search.Ingestion.Normalization;

namespace Search.Indexer.Analysis;

/// <summary>
/// Folds text before every analysis, at index and at query time, by the one <see cref="FoldingTable"/> the merge
/// keys fold by too (full-width to half-width, regional variants and traditional to simplified characters,
/// longest match first). A <see cref="MappingCharFilter"/> applies the map, so token offsets still point into
/// the original text.
/// </summary>
public static class ChineseFolding
{
    private static readonly Lazy<FoldingCharMap> Table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

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

    private static FoldingCharMap Load()
    {
        var builder = new NormalizeCharMap.Builder();
        foreach (var (key, value) in FoldingTable.Mappings)
        {
            builder.Add(key, value);
        }

        return new FoldingCharMap(builder.Build());
    }

    internal static StreamReader OpenResource(string name)
    {
        var assembly = typeof(ChineseFolding).Assembly;
        var stream = assembly.GetManifestResourceStream("Search.Indexer.Analysis.Data." + name)
            ?? throw new InvalidOperationException($"The embedded analysis table {name} is missing.");
        return new StreamReader(stream, Encoding.UTF8);
    }

    private sealed record FoldingCharMap(NormalizeCharMap CharMap);
}

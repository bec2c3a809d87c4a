using System.Globalization;
using System.Text;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Merge;

/// <summary>
/// Folds text for comparison: full-width to half-width, traditional to simplified characters (OpenCC's
/// character table, embedded), lower case, and nothing but letters and digits (punctuation, symbols and
/// spaces removed). "基於深度學習的圖像識別：綜述" and "基于深度学习的图像识别 综述" fold alike.
/// </summary>
public static class ChineseFolding
{
    private static readonly Lazy<Dictionary<char, char>> TraditionalToSimplified = new(LoadTable);

    /// <summary>The simplified form of a traditional character; other characters unchanged.</summary>
    public static char ToSimplified(char c) =>
        TraditionalToSimplified.Value.TryGetValue(c, out var simplified) ? simplified : c;

    /// <summary>Width-folded, simplified, lower-cased text with only letters and digits left.</summary>
    public static string Fold(string? text)
    {
        var normalized = TextNormalizer.Normalize(text, WidthFolding.All);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            // Letters and numbers, Roman numerals (Ⅱ) included: they tell part II from part I.
            if (!char.IsLetterOrDigit(c) && !char.IsNumber(c))
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(ToSimplified(c)));
        }

        return builder.ToString();
    }

    /// <summary>Simplified characters, width folded, punctuation kept: for names and display comparisons.</summary>
    public static string Simplify(string? text)
    {
        var normalized = TextNormalizer.Normalize(text, WidthFolding.All);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            builder.Append(ToSimplified(c));
        }

        return builder.ToString();
    }

    private static Dictionary<char, char> LoadTable()
    {
        var assembly = typeof(ChineseFolding).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("ts-characters.txt", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<char, char>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.Length % 2 != 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{name}: a line of {line.Length} characters is not a list of pairs."));
            }

            for (var i = 0; i < line.Length; i += 2)
            {
                table[line[i]] = line[i + 1];
            }
        }

        return table;
    }
}

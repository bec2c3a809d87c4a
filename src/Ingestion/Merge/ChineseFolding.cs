using System.Text;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Merge;

/// <summary>
/// Folds text for comparison by the one <see cref="FoldingTable"/> the index folds by (full-width to half-width,
/// regional variants and traditional to simplified characters, phrases first), then lower case and nothing but
/// letters and digits (punctuation, symbols and spaces removed). "基於深度學習的圖像識別：綜述" and
/// "基于深度学习的图像识别 综述" fold alike.
/// </summary>
public static class ChineseFolding
{
    /// <summary>Folded, lower-cased text with only letters and digits left.</summary>
    public static string Fold(string? text)
    {
        var folded = Simplify(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            // Letters and numbers, Roman numerals (Ⅱ) included: they tell part II from part I.
            if (!char.IsLetterOrDigit(c) && !char.IsNumber(c))
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Simplified characters, width folded, punctuation kept: for names and display comparisons.</summary>
    public static string Simplify(string? text) => FoldingTable.Apply(TextNormalizer.Normalize(text, WidthFolding.All));
}

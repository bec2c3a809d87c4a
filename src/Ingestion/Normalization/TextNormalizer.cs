using System.Globalization;
using System.Text;

namespace Search.Ingestion.Normalization;

/// <summary>How much of the full-width block <see cref="TextNormalizer"/> folds to ASCII.</summary>
public enum WidthFolding
{
    /// <summary>
    /// Folds nothing: the partner's characters as sent; U+3000 is still whitespace. The default, for every
    /// value that is shown or exported (titles, names, source titles, abstracts, keywords, ...).
    /// </summary>
    None,

    /// <summary>
    /// Folds full-width letters, digits and symbols (U+FF01..U+FF5E) and the ideographic space, but keeps
    /// the full-width forms Chinese text uses as sentence punctuation (，；：！？（）): for codes kept from
    /// free text (classification numbers, local identifiers).
    /// </summary>
    KeepCjkPunctuation,

    /// <summary>Folds the whole U+FF01..U+FF5E block, punctuation included (for comparison keys).</summary>
    All,
}

/// <summary>
/// Cleans free text from partners: control characters, whitespace, NFC, and width folding only when asked.
/// Display values keep the partner's characters (<see cref="WidthFolding.None"/>, the default); match keys,
/// vocabulary look-ups, years and identifiers ask for folding explicitly.
/// </summary>
public static class TextNormalizer
{
    // Full-width forms that are ordinary Chinese sentence punctuation: kept by KeepCjkPunctuation.
    private const string CjkSentencePunctuation = "，；：！？（）";

    // ISBD punctuation that ends a MARC subfield and only separates it from the next one.
    private static readonly string[] TrailingIsbd = [" /", " :", " ;", " =", ",", ";", ":", "/", "，", "；", "：", "／", "＝", "\u060C"];

    /// <summary>
    /// Drops control and zero-width characters, turns U+3000 and other whitespace runs into one space, trims,
    /// composes to NFC, and folds full-width ASCII to half-width as <paramref name="folding"/> says (by default
    /// not at all). Null gives an empty string.
    /// </summary>
    public static string Normalize(string? text, WidthFolding folding = WidthFolding.None)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = Fold(raw, folding);
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsInvisible(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        var result = builder.ToString();
        return IsSurelyNfc(result) || result.IsNormalized(NormalizationForm.FormC) ? result : result.Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// True when every character is one NFC keeps as it is whatever surrounds it (quick check Yes, combining class 0):
    /// Latin below U+0300, CJK unified ideographs, CJK symbols except the tone marks, full-width ASCII. Spares the
    /// ICU call for nearly all Chinese and English text; anything else is asked.
    /// </summary>
    private static bool IsSurelyNfc(string text)
    {
        foreach (var c in text)
        {
            if (c is not (< '\u0300' or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
                or (>= '\u3000' and <= '\u3029') or (>= '\u3030' and <= '\u303F') or (>= '\uFF01' and <= '\uFF5E')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Like <see cref="Normalize"/>, but null when nothing is left.</summary>
    public static string? NormalizeOrNull(string? text, WidthFolding folding = WidthFolding.None)
    {
        var result = Normalize(text, folding);
        return result.Length == 0 ? null : result;
    }

    /// <summary>Folds one character: full-width ASCII to ASCII, U+3000 to a space; others unchanged.</summary>
    public static char Fold(char c, WidthFolding folding = WidthFolding.KeepCjkPunctuation)
    {
        if (c == '\u3000')
        {
            return ' ';
        }

        if (folding == WidthFolding.None)
        {
            return c;
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            if (folding == WidthFolding.KeepCjkPunctuation && CjkSentencePunctuation.Contains(c, StringComparison.Ordinal))
            {
                return c;
            }

            return (char)(c - 0xFEE0);
        }

        return c;
    }

    /// <summary>
    /// Normalizes and removes the ISBD punctuation a MARC subfield ends with (" /", " :", " ;", " =", ",",
    /// ";", and a final "." unless it ends an initial or an ellipsis), as often as it repeats.
    /// </summary>
    public static string StripTrailingPunctuation(string? text)
    {
        var result = Normalize(text);
        bool changed;
        do
        {
            changed = false;
            foreach (var suffix in TrailingIsbd)
            {
                if (result.EndsWith(suffix, StringComparison.Ordinal))
                {
                    result = result[..^suffix.Length].TrimEnd();
                    changed = true;
                }
            }

            if (result.EndsWith('.') && !EndsWithInitialOrEllipsis(result))
            {
                result = result[..^1].TrimEnd();
                changed = true;
            }
        }
        while (changed && result.Length > 0);

        return result;
    }

    private static bool EndsWithInitialOrEllipsis(string text)
    {
        // "Smith, J." keeps its period; so do "..." and "etc.".
        if (text.EndsWith("..", StringComparison.Ordinal) || text.EndsWith("etc.", StringComparison.Ordinal))
        {
            return true;
        }

        if (text.Length >= 2 && char.IsUpper(text[^2]))
        {
            return text.Length == 2 || !char.IsLetter(text[^3]);
        }

        return false;
    }

    private static bool IsInvisible(char c)
    {
        if (char.IsControl(c))
        {
            return true;
        }

        // Zero-width space/joiners, word joiner, byte-order mark.
        return c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c is not '\u200E' and not '\u200F';
    }
}

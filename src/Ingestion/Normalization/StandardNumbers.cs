using System.Text;
using System.Text.RegularExpressions;

namespace Search.Ingestion.Normalization;

/// <summary>
/// Chinese (and similar) standard numbers in one form, so the same standard written by different catalogues
/// compares equal: <c>GB/T 42354—2023</c>, <c>GB／T 42354-2023</c>, <c>GB/T42354-2023</c> and
/// <c>gb/t 42354－2023</c> all become <c>GB/T 42354-2023</c>. The form is the prefix in upper case (its
/// parts separated by <c>/</c>), one space, the number (with its dots and part numbers), a hyphen, the year.
/// </summary>
public static partial class StandardNumbers
{
    // Prefix: letters with optional "/" parts (GB, GB/T, GB/Z, JB/T, DB11/T, ISO/IEC); then the number; then the year.
    [GeneratedRegex(@"^(?<prefix>[A-Z]+(?:\d+)?(?:\s*/\s*[A-Z]+)*)\s*(?<number>\d+(?:[.\d]*\d)?(?:\s*\.\s*\d+)*)(?:\s*-\s*(?<year>\d{2,4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>The standard number in its one form, or null when the text does not look like one.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = Shape().Match(Fold(value).Trim());
        if (!match.Success)
        {
            return null;
        }

        var prefix = string.Concat(match.Groups["prefix"].Value.Where(c => !char.IsWhiteSpace(c)));
        var number = string.Concat(match.Groups["number"].Value.Where(c => !char.IsWhiteSpace(c)));
        var year = match.Groups["year"];
        return year.Success ? $"{prefix} {number}-{year.Value}" : $"{prefix} {number}";
    }

    /// <summary>
    /// The merge key: the one form without its space (<c>GB/T7714-2015</c>); a number that does not read as one,
    /// folded the same way without spaces and with one hyphen for a run of dashes, when it has a digit; else null.
    /// </summary>
    public static string? Key(string? value)
    {
        if (Normalize(value) is { } normalized)
        {
            return normalized.Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        var compact = DashRun().Replace(string.Concat(Fold(value ?? string.Empty).Where(c => !char.IsWhiteSpace(c))), "-").Trim('-');
        return compact.Any(char.IsAsciiDigit) ? compact : null;
    }

    /// <summary>Width folded, upper case, every dash as "-" and every slash as "/".</summary>
    private static string Fold(string value)
    {
        var folded = new StringBuilder(value.Length);
        foreach (var raw in TextNormalizer.Normalize(value, WidthFolding.All))
        {
            folded.Append(raw switch
            {
                // Dashes of every width (em dash, en dash, minus, box line, full-width hyphen-minus folded already) are hyphens.
                '\u2014' or '\u2013' or '\u2012' or '\u2010' or '\u2011' or '\u2212' or '\u2015' or '\u2500' or '\uFE58' or '\uFE63' or '~' => '-',
                '\u2215' or '\u2044' => '/',
                _ => char.ToUpperInvariant(raw),
            });
        }

        return folded.ToString();
    }

    [GeneratedRegex(@"-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex DashRun();
}

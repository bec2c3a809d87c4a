using System.Globalization;
using System.Text.RegularExpressions;

namespace Search.Ingestion.Normalization;

/// <summary>Finds the year in free-text dates: "2015-03-01", "[2015]", "c2015.", "2015年", "Shōwa 43 [1968]".</summary>
public static partial class Years
{
    public const int Earliest = 1000;
    public const int Latest = 2100;

    /// <summary>The first four-digit number between 1000 and 2100 that is not part of a longer number; null when none.</summary>
    public static int? Extract(string? text)
    {
        var folded = TextNormalizer.Normalize(text, WidthFolding.All);
        foreach (Match match in FourDigits().Matches(folded))
        {
            var year = int.Parse(match.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            if (year is >= Earliest and <= Latest)
            {
                return year;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?<!\d)\d{4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex FourDigits();
}

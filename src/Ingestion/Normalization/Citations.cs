using System.Text.RegularExpressions;

namespace Search.Ingestion.Normalization;

/// <summary>Volume, issue and first page of a journal article, as a citation or a MARC 773 $g gives them.</summary>
public sealed record CitationNumbers(string? Volume, string? Issue, string? FirstPage);

/// <summary>
/// Reads volume, issue and first page from the ways partners write them: <c>35(3):12-18</c> (Chinese
/// journals), <c>Vol. 35, no. 3 (2019), p. 12-18</c> (MARC 773 $g), <c>第35卷第3期 12-18页</c>.
/// </summary>
public static partial class Citations
{
    public static CitationNumbers? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = TextNormalizer.Normalize(text, WidthFolding.All);
        if (Compact().Match(folded) is { Success: true } compact)
        {
            return new CitationNumbers(compact.Groups["volume"].Value, compact.Groups["issue"].Value, compact.Groups["page"].Value);
        }

        var volume = First(Volume(), folded);
        var issue = First(Issue(), folded);
        var page = First(Page(), folded);
        return volume is null && issue is null && page is null ? null : new CitationNumbers(volume, issue, page);
    }

    private static string? First(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } m ? m.Groups["n"].Value : null;

    [GeneratedRegex(@"(?<volume>\d{1,4})\s*\(\s*(?<issue>\d{1,4})\s*\)\s*:\s*(?<page>\d{1,6})", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();

    [GeneratedRegex(@"(?:\bvol(?:ume)?\.?|\bv\.)\s*(?<n>\d{1,4})|第\s*(?<n>\d{1,4})\s*卷", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Volume();

    [GeneratedRegex(@"(?:\bno\.?|\bnum(?:ber)?\.?|\bissue|\bheft)\s*(?<n>\d{1,4})|第\s*(?<n>\d{1,4})\s*期", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Issue();

    [GeneratedRegex(@"(?:\bpp?\.?|\bpages?)\s*(?<n>\d{1,6})|(?<n>\d{1,6})\s*(?:-\s*\d{1,6}\s*)?页", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Page();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Search.Ingestion.Normalization;

/// <summary>
/// What a citation string says: the source's name (as the partner wrote it, not folded; null when the string
/// starts with the numbers), the year, volume, issue, and first and last page.
/// </summary>
public sealed record Citation(string? SourceTitle, int? Year, string? Volume, string? Issue, string? FirstPage, string? LastPage);

/// <summary>
/// Reads citation strings as partners write them, in Western or Chinese punctuation (full-width commas,
/// colons, brackets and dashes too): <c>Library Hi Tech News, 2011, 28(4): 5-7</c> (oai_dc <c>dc:source</c>),
/// <c>刊名,2011,28(4):5-7</c>, <c>刊名，2011（4）：5－7</c> (CNKI, year and issue), <c>刊名 2011年第4期</c>,
/// <c>Vol. 35, no. 3 (2019), p. 12-18</c> (MARC 773 $g), <c>第35卷第3期 12-18页</c>. The one parser of them.
/// </summary>
public static partial class Citations
{
    private const string TitleSeparators = " ,.;:，。；：、";

    /// <summary>The parts of a citation; null when it gives no volume, issue or page (a year alone is not a citation).</summary>
    public static Citation? Parse(string? text)
    {
        var display = TextNormalizer.Normalize(text);
        if (display.Length == 0)
        {
            return null;
        }

        // Folded one character for one, so a position in it is the same position in what the partner wrote.
        var folded = string.Create(display.Length, display, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = TextNormalizer.Fold(source[i], WidthFolding.All);
                span[i] = c is '–' or '—' or '−' or '‐' or '‑' or '~' ? '-' : c;
            }
        });

        string? volume = null, issue = null, first = null, last = null;
        int? year = null;
        var start = int.MaxValue;
        var compactSpan = (Start: -1, End: -1);

        if (Compact().Match(folded) is { Success: true } compact
            && !(LooksLikeYear(compact.Groups["issue"].Value) && !compact.Groups["first"].Success))
        {
            volume = compact.Groups["volume"].Value;
            issue = compact.Groups["issue"].Value;
            (first, last) = Pages(compact.Groups["first"], compact.Groups["last"]);
            compactSpan = (compact.Index, compact.Index + compact.Length);
            start = compact.Index;
        }

        foreach (Match match in YearPattern().Matches(folded))
        {
            if (match.Index >= compactSpan.Start && match.Index < compactSpan.End)
            {
                continue;
            }

            year ??= int.Parse(match.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            start = Math.Min(start, match.Index);
            break;
        }

        // 刊名,2011(04):12-18: the number before the brackets is the year when no other year is given.
        if (year is null && volume is not null && LooksLikeYear(volume))
        {
            year = int.Parse(volume, NumberStyles.None, CultureInfo.InvariantCulture);
            volume = null;
        }

        volume ??= Take(VolumePattern(), folded, ref start);
        issue ??= Take(IssuePattern(), folded, ref start);
        if (first is null && PagePattern().Match(folded) is { Success: true } page)
        {
            (first, last) = Pages(page.Groups["first"], page.Groups["last"]);
            start = Math.Min(start, page.Index);
        }

        if (volume is null && issue is null && first is null)
        {
            return null;
        }

        return new Citation(TitleBefore(display, folded, start), year, volume, issue, first, last);
    }

    /// <summary>The text before the first number part, when a separator ends it and a letter is in it.</summary>
    private static string? TitleBefore(string display, string folded, int start)
    {
        if (start is <= 0 or int.MaxValue || !TitleSeparators.Contains(folded[start - 1], StringComparison.Ordinal))
        {
            return null;
        }

        var title = display[..start].TrimEnd(TitleSeparators.ToCharArray());
        return title.Any(char.IsLetter) ? title : null;
    }

    private static string? Take(Regex pattern, string text, ref int start)
    {
        if (pattern.Match(text) is not { Success: true } match)
        {
            return null;
        }

        start = Math.Min(start, match.Index);
        return match.Groups["n"].Value;
    }

    /// <summary>First and last page; an abbreviated last page takes the first page's leading digits (1234-56 is 1234-1256).</summary>
    private static (string? First, string? Last) Pages(Group first, Group last)
    {
        if (!first.Success)
        {
            return (null, null);
        }

        if (!last.Success)
        {
            return (first.Value, null);
        }

        var (f, l) = (first.Value, last.Value);
        if (l.Length < f.Length && f.All(char.IsAsciiDigit) && l.All(char.IsAsciiDigit))
        {
            l = f[..(f.Length - l.Length)] + l;
        }

        return (f, l);
    }

    // Years in citations: from 1800, so a four-digit volume of a long-running series is not taken for one.
    private static bool LooksLikeYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1800 and <= Years.Latest;

    // 28(4): 5-7, 35(3):12-18, 2011(04), 12(S1): e5-e9, 8(3-4)
    [GeneratedRegex(@"(?<volume>\d{1,4})\s*\(\s*(?<issue>[A-Za-z]{0,2}\d{1,4}(?:\s*[-/]\s*\d{1,4})?)\s*\)(?:\s*:\s*(?<first>[A-Za-z]?\d{1,6})(?:\s*-\s*(?<last>[A-Za-z]?\d{1,6}))?)?", RegexOptions.CultureInvariant)]
    private static partial Regex Compact();

    [GeneratedRegex(@"(?<![\d.]|[:\-]\s*)(?<year>1[89]\d{2}|20\d{2}|2100)(?![\d.]|\s*-\s*\d)", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"(?:\bvol(?:ume)?\.?|\bv\.)\s*(?<n>\d{1,4})|第\s*(?<n>\d{1,4})\s*卷", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VolumePattern();

    [GeneratedRegex(@"(?:\bno\.?|\bnum(?:ber)?\.?|\bissue|\bheft)\s*(?<n>\d{1,4})|第\s*(?<n>\d{1,4})\s*期", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IssuePattern();

    [GeneratedRegex(@"(?:\bpp?\.|\bpages?)\s*(?<first>[A-Za-z]?\d{1,6})(?:\s*-\s*(?<last>[A-Za-z]?\d{1,6}))?|(?<first>\d{1,6})(?:\s*-\s*(?<last>\d{1,6}))?\s*页|:\s*(?<first>\d{1,6})\s*-\s*(?<last>\d{1,6})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PagePattern();
}

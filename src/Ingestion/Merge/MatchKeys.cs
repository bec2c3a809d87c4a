using System.Globalization;
using System.Text.RegularExpressions;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Merge;

/// <summary>
/// The keys under which a record is looked up when deciding which work it belongs to. Identifier keys
/// (DOI, ISBN, ISSN + volume + issue + first page, patent and standard numbers) are strong; title keys
/// (the folded title's fingerprint, and blocking keys: year + title head, year + title tail, year +
/// first author) only find candidates, which <see cref="MatchRules"/> then compares character by character.
/// Keys are plain strings kept in the indexed <c>match_keys</c> table.
/// </summary>
public static partial class MatchKeys
{
    public const string DoiKind = "doi";
    public const string IsbnKind = "isbn";
    public const string IssnKind = "issn-volume-issue-page";
    public const string PatentKind = "patent";
    public const string PatentApplicationKind = "patent-application";
    public const string StandardKind = "standard";
    public const string TitleKind = "title";
    public const string TitleYearBlock = "title-head";
    public const string TitleTailBlock = "title-tail";
    public const string AuthorYearBlock = "author-year";

    /// <summary>How many folded characters of the title the title-head and title-tail blocking keys keep.</summary>
    public const int TitleHeadLength = 8;

    /// <summary>Every key of the record, "kind:value", without duplicates.</summary>
    public static IReadOnlyList<string> For(CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var keys = new List<string>();
        if (Identifiers.NormalizeDoi(record.Identifiers.Doi) is { } doi)
        {
            keys.Add(Key(DoiKind, doi));
        }

        foreach (var isbn in record.Identifiers.Isbn)
        {
            if (Identifiers.NormalizeIsbn(isbn) is { } normalized)
            {
                keys.Add(Key(IsbnKind, normalized));
            }
        }

        if (IssnVolumeIssuePage(record) is { } citation)
        {
            keys.Add(Key(IssnKind, citation));
        }

        foreach (var number in record.Identifiers.PatentNumbers)
        {
            if (Identifiers.NormalizePatentNumber(number) is { } patent)
            {
                keys.Add(Key(patent.IsApplication ? PatentApplicationKind : PatentKind, patent.Number));
            }
        }

        foreach (var number in record.Identifiers.StandardNumbers)
        {
            if (StandardNumbers.Key(number) is { } standard)
            {
                keys.Add(Key(StandardKind, standard));
            }
        }

        var title = FoldTitle(record.Title);
        if (title.Length >= 2)
        {
            var year = record.Year?.ToString(CultureInfo.InvariantCulture) ?? "-";
            keys.Add(Key(TitleKind, Cap(title, 120)));

            // A partner that drops the subtitle sends the main title: look it up under that too.
            foreach (var main in FoldMainTitles(record.Title).Where(m => m.Length >= 6))
            {
                keys.Add(Key(TitleKind, Cap(main, 120)));
            }

            if (record.Year is not null && title.Length >= TitleHeadLength)
            {
                // A near match differs somewhere: in the tail (head key) or in the head (tail key).
                keys.Add(Key(TitleYearBlock, year + "|" + title[..TitleHeadLength]));
                keys.Add(Key(TitleTailBlock, year + "|" + title[^TitleHeadLength..]));
                if (FirstAuthor(record) is { } author)
                {
                    keys.Add(Key(AuthorYearBlock, year + "|" + author));
                }
            }
        }

        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The kind of a key ("doi" of "doi:10.1/x").</summary>
    public static string KindOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[..colon];
    }

    /// <summary>
    /// The title folded for comparison (<see cref="ChineseFolding.Fold"/>), after removing a citation's
    /// document-type mark ("[J]", "[D]", "[C]", "[M]", "[P]", "[S]", "[R]").
    /// </summary>
    public static string FoldTitle(string? title) => ChineseFolding.Fold(DocumentTypeMark().Replace(title ?? "", ""));

    /// <summary>
    /// The folded main titles of a title with subtitles: the part before each separator ("主题——副题",
    /// "Main: sub"), shortest first; empty without a subtitle.
    /// </summary>
    public static IReadOnlyList<string> FoldMainTitles(string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return [];
        }

        var text = TextNormalizer.Normalize(title, WidthFolding.All);
        return SubtitleSeparator().Matches(text)
            .Where(m => m.Index > 0)
            .Select(m => FoldTitle(text[..m.Index]))
            .Where(main => main.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The part a title names at its end ("(Ⅱ)", "（2）", "(上)", "Part 2", "之二"), folded, or "" when none:
    /// part I and part II of a paper are two works however alike their titles are.
    /// </summary>
    public static string PartOf(string? title)
    {
        var text = TextNormalizer.Normalize(title, WidthFolding.All);
        var match = PartMarker().Match(text);
        return match.Success ? ChineseFolding.Fold(match.Groups["part"].Value) : "";
    }

    /// <summary>The digits of a folded title in order ("2019", "5g"): titles differing in a number are different works.</summary>
    public static string DigitsOf(string folded) => new(folded.Where(char.IsNumber).ToArray());

    /// <summary>The first author folded (simplified, no spaces or punctuation, lower case), or null.</summary>
    public static string? FirstAuthor(CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Authors.Count == 0 ? null : AuthorKey(record.Authors[0]);
    }

    /// <summary>Every author folded as <see cref="FirstAuthor"/> folds the first.</summary>
    public static IReadOnlyList<string> AuthorKeys(CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Authors.Select(AuthorKey).OfType<string>().ToList();
    }

    private static string? AuthorKey(string first)
    {

        // "Smith, John" and "John Smith" both give the family name; a Chinese name is kept whole.
        var text = ChineseFolding.Simplify(first);
        if (!text.Any(IsCjk))
        {
            var comma = text.IndexOf(',', StringComparison.Ordinal);
            text = comma > 0 ? text[..comma] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? text;
        }

        var folded = ChineseFolding.Fold(text);
        return folded.Length == 0 ? null : folded;
    }

    /// <summary>"1002-6819|35|3|12" from the record's ISSN, volume, issue and first page, when all are known.</summary>
    public static string? IssnVolumeIssuePage(CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var issn = record.Identifiers.Issn.Select(Identifiers.NormalizeIssn).FirstOrDefault(i => i is not null);
        if (issn is null)
        {
            return null;
        }

        var volume = Number(record.Volume);
        var issue = Number(record.Issue);
        var page = Number(record.FirstPage);
        if ((volume is null || issue is null || page is null) && Citations.Parse(record.SourceTitle) is { } citation)
        {
            volume ??= Number(citation.Volume);
            issue ??= Number(citation.Issue);
            page ??= Number(citation.FirstPage);
        }

        return volume is null || issue is null || page is null ? null : $"{issn}|{volume}|{issue}|{page}";
    }

    private static string Key(string kind, string value) => kind + ":" + value;

    private static string Cap(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? Number(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All);
        var match = LeadingNumber().Match(text);
        return match.Success ? match.Groups[1].Value.TrimStart('0') is { Length: > 0 } n ? n : "0" : null;
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    [GeneratedRegex(@"\[(J|D|C|M|P|S|R|N|Z|A|EB/OL|J/OL)\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DocumentTypeMark();

    [GeneratedRegex(@"——|—|--|:|：| - |\(|（|\[|【", RegexOptions.CultureInvariant)]
    private static partial Regex SubtitleSeparator();

    [GeneratedRegex(@"\D*?(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"(?:[(\[【]\s*(?<part>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|\d{1,2}|[一二三四五六七八九十上中下])\s*[)\]】]|(?:part|Part|PART)\s+(?<part>[IVX]{1,4}|\d{1,2})|之(?<part>[一二三四五六七八九十]))\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PartMarker();

}

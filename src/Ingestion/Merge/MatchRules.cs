using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Merge;

/// <summary>Why two records are one work: the key they share (or the rule) and how alike their titles are.</summary>
/// <param name="Key">The kind of evidence: a <see cref="MatchKeys"/> kind, or "decision".</param>
/// <param name="Value">The shared key value (the DOI, the number, the folded title).</param>
/// <param name="Similarity">Bigram Dice of the folded titles, 0..1.</param>
/// <param name="Strength">Higher is stronger; identifiers beat titles.</param>
public sealed record MatchEvidence(string Key, string? Value, double Similarity, int Strength);

/// <summary>
/// Decides whether two records describe the same work. Conflicting identifiers (two different DOIs,
/// patent or standard numbers) keep records apart whatever their titles; a shared identifier joins them;
/// without one, titles must fold alike (or nearly, or as main title and title with subtitle), with the
/// same year and compatible first authors and types.
/// </summary>
public sealed class MatchRules
{
    private readonly MergeOptions _options;

    public MatchRules(MergeOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    public MatchEvidence? Compare(CatalogRecord a, CatalogRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(new MatchProfile(a), new MatchProfile(b));
    }

    /// <summary>
    /// <see cref="Compare(CatalogRecord, CatalogRecord)"/> on records whose normalized forms were worked out once
    /// (<see cref="MatchProfile"/>), for comparing one record with many.
    /// </summary>
    public MatchEvidence? Compare(MatchProfile a, MatchProfile b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var titleA = a.FoldedTitle;
        var titleB = b.FoldedTitle;
        double? dice = null;
        double Similarity() => dice ??= Math.Round(TitleSimilarity.Dice(titleA, titleB), 4);

        var doiA = a.Doi;
        var doiB = b.Doi;
        if (doiA is not null && doiB is not null)
        {
            return doiA == doiB ? new MatchEvidence(MatchKeys.DoiKind, doiA, Similarity(), 100) : null;
        }

        if (Overlap(a.StandardNumbers, b.StandardNumbers) is { } standard)
        {
            return standard.Length > 0 ? new MatchEvidence(MatchKeys.StandardKind, standard, Similarity(), 90) : null;
        }

        if (Overlap(a.PatentNumbers, b.PatentNumbers) is { } patent)
        {
            return patent.Length > 0 ? new MatchEvidence(MatchKeys.PatentKind, patent, Similarity(), 90) : null;
        }

        if (a.Citation is { } citation && citation == b.Citation)
        {
            return new MatchEvidence(MatchKeys.IssnKind, citation, Similarity(), 80);
        }

        var sharedIsbn = b.Isbns.List.FirstOrDefault(a.Isbns.Set.Contains);
        if (sharedIsbn is not null && Similarity() >= _options.IsbnTitleSimilarity)
        {
            return new MatchEvidence(MatchKeys.IsbnKind, sharedIsbn, Similarity(), 70);
        }

        return CompareTitles(a, b, titleA, titleB, Similarity);
    }

    private MatchEvidence? CompareTitles(MatchProfile a, MatchProfile b, string titleA, string titleB, Func<double> similarity)
    {
        if (titleA.Length < 2 || titleB.Length < 2)
        {
            return null;
        }

        // The same title in another year is another work (a new edition, a reissued report, a namesake paper).
        if (a.Year != b.Year && (a.Year is not null || b.Year is not null))
        {
            if (a.Year is not null && b.Year is not null)
            {
                return null;
            }

            // One side has no year: only the exact title with the same first author will do.
            return titleA == titleB && AuthorsAgree(a, b) == true && TypesAgree(a.Type, b.Type)
                ? new MatchEvidence(MatchKeys.TitleKind, titleA, 1, 40)
                : null;
        }

        var authors = AuthorsAgree(a, b);
        if (authors == false || !TypesAgree(a.Type, b.Type) || a.Part != b.Part)
        {
            return null;
        }

        if (titleA == titleB)
        {
            return new MatchEvidence(MatchKeys.TitleKind, titleA, 1, authors == true ? 60 : 50);
        }

        // One partner dropped a subtitle. Two different subtitles under one main title are a series: apart.
        if (titleB.Length >= 6 && a.MainTitles.Contains(titleB, StringComparer.Ordinal))
        {
            return new MatchEvidence("title-subtitle", titleB, similarity(), 45);
        }

        if (titleA.Length >= 6 && b.MainTitles.Contains(titleA, StringComparer.Ordinal))
        {
            return new MatchEvidence("title-subtitle", titleA, similarity(), 45);
        }

        // Near matches: punctuation, or one character differing (two in a long title); a number differing
        // (a year, "5G" and "4G") makes another work. Short titles must be exact; a different word is another paper.
        var shorter = Math.Min(titleA.Length, titleB.Length);
        if (shorter >= 8 && similarity() >= _options.TitleSimilarity
            && a.Digits == b.Digits
            && TitleSimilarity.Levenshtein(titleA, titleB) <= Math.Max(1, shorter / 20))
        {
            return new MatchEvidence("title-similar", titleA, similarity(), 40);
        }

        return null;
    }

    /// <summary>
    /// True when the two records cannot be one work whatever else they share: two different DOIs, or
    /// standard or patent numbers on both sides with none in common. A record never joins a work holding
    /// a record it conflicts with, so a record without identifiers cannot chain two DOIs together.
    /// </summary>
    public static bool Conflicts(CatalogRecord a, CatalogRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Conflicts(new MatchProfile(a), new MatchProfile(b));
    }

    /// <summary><see cref="Conflicts(CatalogRecord, CatalogRecord)"/> on profiles.</summary>
    public static bool Conflicts(MatchProfile a, MatchProfile b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a.Doi is not null && b.Doi is not null && a.Doi != b.Doi)
            || Overlap(a.StandardNumbers, b.StandardNumbers) is ""
            || Overlap(a.PatentNumbers, b.PatentNumbers) is "";
    }

    /// <summary>
    /// True when both have authors and the first author of either is among the other's authors (partners
    /// list authors in different orders), false when both have authors and neither is, null otherwise.
    /// </summary>
    private static bool? AuthorsAgree(MatchProfile a, MatchProfile b)
    {
        var authorA = a.FirstAuthor;
        var authorB = b.FirstAuthor;
        if (authorA is null || authorB is null)
        {
            return null;
        }

        return authorA == authorB
            || b.AuthorKeys.Contains(authorA, StringComparer.Ordinal)
            || a.AuthorKeys.Contains(authorB, StringComparer.Ordinal);
    }

    /// <summary>
    /// Partners type the same paper differently (article, conference paper, report), but a thesis, a patent
    /// or a standard is never the same work as something else of the same title.
    /// </summary>
    private static bool TypesAgree(string a, string b) =>
        a == b || (!IsDistinctKind(a) && !IsDistinctKind(b));

    private static bool IsDistinctKind(string type) =>
        type is RecordTypes.Thesis or RecordTypes.Patent or RecordTypes.Standard;

    /// <summary>Null when either side has no valid number; "" when both have numbers and none is shared; else the shared one.</summary>
    private static string? Overlap(MatchProfile.Numbers left, MatchProfile.Numbers right)
    {
        if (left.List.Count == 0 || right.List.Count == 0)
        {
            return null;
        }

        return right.List.FirstOrDefault(left.Set.Contains) ?? "";
    }
}

/// <summary>
/// A record's normalized forms as <see cref="MatchRules"/> compares them (folded title, DOI, numbers, citation,
/// authors), worked out once. The record must not change while its profile is in use.
/// </summary>
public sealed class MatchProfile
{
    private IReadOnlyList<string>? _mainTitles;
    private string? _digits;
    private string? _part;
    private IReadOnlyList<string>? _authorKeys;

    public MatchProfile(CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
        FoldedTitle = MatchKeys.FoldTitle(record.Title);
        Doi = Identifiers.NormalizeDoi(record.Identifiers.Doi);
        StandardNumbers = new Numbers(record.Identifiers.StandardNumbers.Select(Normalization.StandardNumbers.Key).OfType<string>().ToList());
        PatentNumbers = new Numbers(record.Identifiers.PatentNumbers.Select(n => Identifiers.NormalizePatentNumber(n)?.Number).OfType<string>().ToList());
        Citation = MatchKeys.IssnVolumeIssuePage(record);
        Isbns = new Numbers(record.Identifiers.Isbn.Select(Identifiers.NormalizeIsbn).OfType<string>().ToList());
        FirstAuthor = MatchKeys.FirstAuthor(record);
    }

    public CatalogRecord Record { get; }

    public string FoldedTitle { get; }

    public string? Doi { get; }

    public Numbers StandardNumbers { get; }

    public Numbers PatentNumbers { get; }

    public string? Citation { get; }

    public Numbers Isbns { get; }

    public string? FirstAuthor { get; }

    public int? Year => Record.Year;

    public string Type => Record.Type;

    public IReadOnlyList<string> AuthorKeys => _authorKeys ??= MatchKeys.AuthorKeys(Record);

    public string Part => _part ??= MatchKeys.PartOf(Record.Title);

    public IReadOnlyList<string> MainTitles => _mainTitles ??= MatchKeys.FoldMainTitles(Record.Title);

    public string Digits => _digits ??= MatchKeys.DigitsOf(FoldedTitle);

    /// <summary>Normalized numbers in the record's order, and as a set.</summary>
    public sealed class Numbers
    {
        public Numbers(IReadOnlyList<string> list)
        {
            List = list;
            Set = list.ToHashSet(StringComparer.Ordinal);
        }

        public IReadOnlyList<string> List { get; }

        public IReadOnlySet<string> Set { get; }
    }
}

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
        var titleA = MatchKeys.FoldTitle(a.Title);
        var titleB = MatchKeys.FoldTitle(b.Title);
        var similarity = Math.Round(TitleSimilarity.Dice(titleA, titleB), 4);

        var doiA = Identifiers.NormalizeDoi(a.Identifiers.Doi);
        var doiB = Identifiers.NormalizeDoi(b.Identifiers.Doi);
        if (doiA is not null && doiB is not null)
        {
            return doiA == doiB ? new MatchEvidence(MatchKeys.DoiKind, doiA, similarity, 100) : null;
        }

        if (Overlap(a.Identifiers.StandardNumbers, b.Identifiers.StandardNumbers, MatchKeys.NormalizeStandardNumber) is { } standard)
        {
            return standard.Length > 0 ? new MatchEvidence(MatchKeys.StandardKind, standard, similarity, 90) : null;
        }

        if (Overlap(a.Identifiers.PatentNumbers, b.Identifiers.PatentNumbers, n => MatchKeys.NormalizePatentNumber(n)?.Number) is { } patent)
        {
            return patent.Length > 0 ? new MatchEvidence(MatchKeys.PatentKind, patent, similarity, 90) : null;
        }

        if (MatchKeys.IssnVolumeIssuePage(a) is { } citation && citation == MatchKeys.IssnVolumeIssuePage(b))
        {
            return new MatchEvidence(MatchKeys.IssnKind, citation, similarity, 80);
        }

        var isbnA = a.Identifiers.Isbn.Select(Identifiers.NormalizeIsbn).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var sharedIsbn = b.Identifiers.Isbn.Select(Identifiers.NormalizeIsbn).OfType<string>().FirstOrDefault(isbnA.Contains);
        if (sharedIsbn is not null && similarity >= _options.IsbnTitleSimilarity)
        {
            return new MatchEvidence(MatchKeys.IsbnKind, sharedIsbn, similarity, 70);
        }

        return CompareTitles(a, b, titleA, titleB, similarity);
    }

    private MatchEvidence? CompareTitles(CatalogRecord a, CatalogRecord b, string titleA, string titleB, double similarity)
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
            return titleA == titleB && AuthorsAgree(a, b) == true && TypesAgree(a, b)
                ? new MatchEvidence(MatchKeys.TitleKind, titleA, 1, 40)
                : null;
        }

        var authors = AuthorsAgree(a, b);
        if (authors == false || !TypesAgree(a, b) || MatchKeys.PartOf(a.Title) != MatchKeys.PartOf(b.Title))
        {
            return null;
        }

        if (titleA == titleB)
        {
            return new MatchEvidence(MatchKeys.TitleKind, titleA, 1, authors == true ? 60 : 50);
        }

        // One partner dropped a subtitle. Two different subtitles under one main title are a series: apart.
        if (titleB.Length >= 6 && MatchKeys.FoldMainTitles(a.Title).Contains(titleB, StringComparer.Ordinal))
        {
            return new MatchEvidence("title-subtitle", titleB, similarity, 45);
        }

        if (titleA.Length >= 6 && MatchKeys.FoldMainTitles(b.Title).Contains(titleA, StringComparer.Ordinal))
        {
            return new MatchEvidence("title-subtitle", titleA, similarity, 45);
        }

        // Near matches: punctuation, or one character differing (two in a long title); a number differing
        // (a year, "5G" and "4G") makes another work. Short titles must be exact; a different word is another paper.
        var shorter = Math.Min(titleA.Length, titleB.Length);
        if (shorter >= 8 && similarity >= _options.TitleSimilarity
            && MatchKeys.DigitsOf(titleA) == MatchKeys.DigitsOf(titleB)
            && TitleSimilarity.Levenshtein(titleA, titleB) <= Math.Max(1, shorter / 20))
        {
            return new MatchEvidence("title-similar", titleA, similarity, 40);
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
        var doiA = Identifiers.NormalizeDoi(a.Identifiers.Doi);
        var doiB = Identifiers.NormalizeDoi(b.Identifiers.Doi);
        return (doiA is not null && doiB is not null && doiA != doiB)
            || Overlap(a.Identifiers.StandardNumbers, b.Identifiers.StandardNumbers, MatchKeys.NormalizeStandardNumber) is ""
            || Overlap(a.Identifiers.PatentNumbers, b.Identifiers.PatentNumbers, n => MatchKeys.NormalizePatentNumber(n)?.Number) is "";
    }

    /// <summary>
    /// True when both have authors and the first author of either is among the other's authors (partners
    /// list authors in different orders), false when both have authors and neither is, null otherwise.
    /// </summary>
    private static bool? AuthorsAgree(CatalogRecord a, CatalogRecord b)
    {
        var authorA = MatchKeys.FirstAuthor(a);
        var authorB = MatchKeys.FirstAuthor(b);
        if (authorA is null || authorB is null)
        {
            return null;
        }

        return authorA == authorB
            || MatchKeys.AuthorKeys(b).Contains(authorA, StringComparer.Ordinal)
            || MatchKeys.AuthorKeys(a).Contains(authorB, StringComparer.Ordinal);
    }

    /// <summary>
    /// Partners type the same paper differently (article, conference paper, report), but a thesis, a patent
    /// or a standard is never the same work as something else of the same title.
    /// </summary>
    private static bool TypesAgree(CatalogRecord a, CatalogRecord b) =>
        a.Type == b.Type || (!IsDistinctKind(a.Type) && !IsDistinctKind(b.Type));

    private static bool IsDistinctKind(string type) =>
        type is RecordTypes.Thesis or RecordTypes.Patent or RecordTypes.Standard;

    /// <summary>Null when either side has no valid number; "" when both have numbers and none is shared; else the shared one.</summary>
    private static string? Overlap(List<string> left, List<string> right, Func<string, string?> normalize)
    {
        var a = left.Select(normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var b = right.Select(normalize).OfType<string>().ToList();
        if (a.Count == 0 || b.Count == 0)
        {
            return null;
        }

        return b.FirstOrDefault(a.Contains) ?? "";
    }
}

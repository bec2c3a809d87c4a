namespace Search.Ingestion.Model;

/// <summary>
/// The canonical record every mapper produces and the indexer reads: one holding of a work as a partner
/// describes it. Lists are never null; strings are trimmed and width-folded by the mappers.
/// </summary>
public sealed class CatalogRecord
{
    /// <summary>The catalogue's stable id for this record (see <see cref="RecordIds"/>).</summary>
    public required string Id { get; init; }

    public required string SourceId { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>One of <see cref="RecordTypes"/>.</summary>
    public string Type { get; set; } = RecordTypes.Other;

    public required string Title { get; set; }

    /// <summary>Parallel titles (an English title beside the Chinese one), subtitles, former titles.</summary>
    public List<string> AlternativeTitles { get; init; } = [];

    /// <summary>Personal authors, inventors, editors, in the order given.</summary>
    public List<string> Authors { get; init; } = [];

    /// <summary>Affiliations, applicants, issuing bodies.</summary>
    public List<string> Organizations { get; init; } = [];

    /// <summary>Journal, proceedings, series or database the item appeared in.</summary>
    public string? SourceTitle { get; set; }

    public string? Publisher { get; set; }

    public string? Abstract { get; set; }

    public List<string> Keywords { get; init; } = [];

    /// <summary>Subject headings and disciplines that are not classification numbers.</summary>
    public List<string> Subjects { get; init; } = [];

    /// <summary>Classification numbers: CLC (中图分类号), IPC/CPC, ICS/CCS.</summary>
    public List<string> Classifications { get; init; } = [];

    public int? Year { get; set; }

    /// <summary>ISO 639-2/B code ("chi", "eng") when known.</summary>
    public string? Language { get; set; }

    public RecordIdentifiers Identifiers { get; init; } = new();

    public List<RecordLink> Links { get; init; } = [];

    /// <summary>The partner's datestamp for the record.</summary>
    public DateTimeOffset? Datestamp { get; set; }

    /// <summary>The partner's sets the record belongs to.</summary>
    public List<string> Sets { get; init; } = [];

    /// <summary>Volume of the journal or series the item appeared in, when known.</summary>
    public string? Volume { get; set; }

    /// <summary>Issue (number) of the journal, when known.</summary>
    public string? Issue { get; set; }

    /// <summary>First page of the item in its journal or proceedings, when known.</summary>
    public string? FirstPage { get; set; }

    /// <summary>Last page of the item in its journal or proceedings, when known.</summary>
    public string? LastPage { get; set; }

    /// <summary>
    /// For a work (records merged from several partners): every holding, each with its own source, id and
    /// links. Empty on a single partner's record as mappers produce it.
    /// </summary>
    public List<Holding> Holdings { get; init; } = [];

    /// <summary>What only a patent has (kind, dates, priorities, designated states); null for other records.</summary>
    public PatentDetails? Patent { get; set; }
}

/// <summary>One partner's copy of a work: where it is held and how to reach its full text.</summary>
/// <param name="RecordId">The catalogue id of the partner's record (see <see cref="RecordIds"/>).</param>
/// <param name="SourceId">The partner source.</param>
/// <param name="ExternalId">The partner's own identifier.</param>
/// <param name="Links">The partner's links (landing page, full text).</param>
/// <param name="Datestamp">The partner's datestamp.</param>
public sealed record Holding(string RecordId, string SourceId, string ExternalId, IReadOnlyList<RecordLink> Links, DateTimeOffset? Datestamp)
{
    /// <summary>The full-text route of this holding: its first full-text link, else its landing page.</summary>
    public string? FullTextUrl =>
        (Links.FirstOrDefault(l => l.Kind == "fulltext") ?? (Links.Count > 0 ? Links[0] : null))?.Url;
}

/// <summary>Identifiers, normalized by the mappers (DOI lower-cased without resolver prefix, ISBN-13 digits).</summary>
public sealed class RecordIdentifiers
{
    public string? Doi { get; set; }

    public List<string> Isbn { get; init; } = [];

    public List<string> Issn { get; init; } = [];

    public List<string> PatentNumbers { get; init; } = [];

    public List<string> StandardNumbers { get; init; } = [];

    /// <summary>Any other identifier the partner gave (URNs, local call numbers, handles).</summary>
    public List<string> Other { get; init; } = [];
}

/// <summary>A link to the record's landing page or full text at the partner.</summary>
/// <param name="Url">Absolute URL.</param>
/// <param name="Kind">"fulltext" or "landing".</param>
public sealed record RecordLink(string Url, string Kind);

/// <summary>The record types of the platform, as they appear in the API and the type facet.</summary>
public static class RecordTypes
{
    public const string JournalArticle = "journal-article";
    public const string Thesis = "thesis";
    public const string ConferencePaper = "conference-paper";
    public const string Patent = "patent";
    public const string Standard = "standard";
    public const string Report = "report";
    public const string Book = "book";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [JournalArticle, Thesis, ConferencePaper, Patent, Standard, Report, Book, Other];
}

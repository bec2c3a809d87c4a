using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Search.Ingestion.Model;

namespace Search.Indexer.Schema;

/// <summary>
/// The declarative schema of the catalogue index: every field, how a record fills it, and (for text
/// fields) how much a match in it weighs. The writer builds documents from it and the query builder
/// reads its text fields, so adding a field here makes it indexed and searched.
/// </summary>
public static class IndexSchema
{
    /// <summary>The record id: StringField, stored, the key of <c>UpdateDocument</c>.</summary>
    public const string Id = "id";

    /// <summary>SortedDocValues copy of the id, the last tie-breaker of every sort.</summary>
    public const string IdSort = "id_sort";

    /// <summary>SortedDocValues of the title as sent, lower-cased (SRU <c>sortBy dc.title</c>): code point order.</summary>
    public const string TitleSort = "title_sort";

    /// <summary>SortedDocValues of the first author, lower-cased (SRU <c>sortBy dc.creator</c>); absent without authors.</summary>
    public const string AuthorSort = "author_sort";

    /// <summary>Longest sort key kept (Lucene's doc values take at most 32,766 bytes).</summary>
    private const int MaxSortKeyLength = 256;

    private static string SortKey(string value)
    {
        var key = value.Trim().ToLowerInvariant();
        return key.Length <= MaxSortKeyLength ? key : key[..MaxSortKeyLength];
    }

    /// <summary>The whole record as JSON, so a hit (or the record page) renders without the database.</summary>
    public const string RecordJson = "record_json";

    public static TextIndexField Title { get; } =
        new("title", r => [r.Title], TextAnalyses.All | TextAnalyses.LatinGrams, o => o.TitleBoost);

    public static TextIndexField AlternativeTitle { get; } =
        new("alt_title", r => r.AlternativeTitles, TextAnalyses.All | TextAnalyses.LatinGrams, o => o.AlternativeTitleBoost);

    public static TextIndexField Author { get; } =
        new("author", r => r.Authors, TextAnalyses.Bigrams | TextAnalyses.Exact, o => o.AuthorBoost, exact: true);

    /// <summary>Authors' names in toneless pinyin (spaced, joined, given name first), for the box and AU.</summary>
    public static TextIndexField AuthorPinyin { get; } =
        new("author_py", r => r.Authors.SelectMany(Analysis.Pinyin.NameForms), TextAnalyses.Exact, o => o.AuthorBoost, stored: false);

    public static TextIndexField Organization { get; } =
        new("org", r => r.Organizations, TextAnalyses.All, o => o.OrganizationBoost, exact: true);

    /// <summary>A patent's applicants in toneless pinyin (as <see cref="AuthorPinyin"/>: 王建国 as <c>wang jianguo</c>), for the box and AF.</summary>
    public static TextIndexField ApplicantPinyin { get; } =
        new("applicant_py", r => r.Type == RecordTypes.Patent ? r.Organizations.SelectMany(Analysis.Pinyin.NameForms) : [], TextAnalyses.Exact, o => o.OrganizationBoost, stored: false);

    public static TextIndexField SourceTitle { get; } =
        new("source_title", r => [r.SourceTitle], TextAnalyses.All, o => o.SourceTitleBoost, exact: true);

    public static TextIndexField Publisher { get; } =
        new("publisher", r => [r.Publisher], TextAnalyses.Bigrams | TextAnalyses.Exact, o => o.PublisherBoost);

    public static TextIndexField Abstract { get; } =
        new("abstract", r => [r.Abstract], TextAnalyses.All, o => o.AbstractBoost);

    public static TextIndexField Keyword { get; } =
        new("keyword", r => r.Keywords, TextAnalyses.All | TextAnalyses.LatinGrams, o => o.KeywordBoost, exact: true);

    public static TextIndexField Subject { get; } =
        new("subject", r => r.Subjects, TextAnalyses.All, o => o.SubjectBoost, stored: false, exact: true);

    public static FacetIndexField Type { get; } = new("type", r => [r.Type]);

    public static FacetIndexField Source { get; } = new("source", r => [r.SourceId, .. r.Holdings.Select(h => h.SourceId)]);

    public static FacetIndexField Language { get; } = new("language", r => [r.Language?.ToLowerInvariant()]);

    /// <summary>Top-level CLC class letter of each classification (facet 学科).</summary>
    public static FacetIndexField Discipline { get; } = new("clc_top", r => r.Classifications.Select(ClcClasses.TopLevel));

    /// <summary>Subject headings and disciplines as given (facet).</summary>
    public static FacetIndexField Topic { get; } = new("topic", r => r.Subjects);

    /// <summary>What a patent document is (facet <c>kind</c>): one of <see cref="PatentCategories"/>, from its kind code.</summary>
    public static FacetIndexField PatentKind { get; } = new("patent_kind", r => [r.Patent?.Category ?? PatentCategories.Of(r.Patent?.Kind)]);

    public static YearIndexField Year { get; } = new("year");

    public static IdentifierIndexField Doi { get; } = new("doi", r => [r.Identifiers.Doi]);

    public static IdentifierIndexField Isbn { get; } = new("isbn", r => r.Identifiers.Isbn);

    public static IdentifierIndexField Issn { get; } = new("issn", r => r.Identifiers.Issn);

    public static IdentifierIndexField PatentNumber { get; } = new("patent", r => r.Identifiers.PatentNumbers);

    public static IdentifierIndexField StandardNumber { get; } = new("standard", r => r.Identifiers.StandardNumbers);

    public static IdentifierIndexField Classification { get; } = new("classification", r => r.Classifications);

    /// <summary>Every identifier of the record (all of the above and the partner's others), for the box.</summary>
    public static IdentifierIndexField AnyIdentifier { get; } = new(
        "ident",
        r => [r.Identifiers.Doi, .. r.Identifiers.Isbn, .. r.Identifiers.Issn, .. r.Identifiers.PatentNumbers,
              .. r.Identifiers.StandardNumbers, .. r.Identifiers.Other, r.ExternalId]);

    /// <summary>The text fields the search box looks in, in the order of their default weight.</summary>
    public static IReadOnlyList<TextIndexField> TextFields { get; } =
        [Title, AlternativeTitle, Keyword, Author, AuthorPinyin, Subject, Organization, ApplicantPinyin, SourceTitle, Publisher, Abstract];

    public static IReadOnlyList<FacetIndexField> FacetFields { get; } = [Type, Source, Language, Discipline, Topic, PatentKind];

    public static IReadOnlyList<IdentifierIndexField> IdentifierFields { get; } =
        [Doi, Isbn, Issn, PatentNumber, StandardNumber, Classification, AnyIdentifier];

    /// <summary>All fields, in the order they are added to a document.</summary>
    public static IReadOnlyList<IndexField> Fields { get; } =
        [.. TextFields, .. FacetFields, Year, .. IdentifierFields];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The Lucene document of a record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="extraSources">Further sources holding the same work (merged holdings), beside <see cref="CatalogRecord.SourceId"/>.</param>
    public static Document CreateDocument(CatalogRecord record, IReadOnlyCollection<string>? extraSources = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var document = new Document
        {
            new StringField(Id, record.Id, Field.Store.YES),
            new SortedDocValuesField(IdSort, new BytesRef(record.Id)),
            new SortedDocValuesField(TitleSort, new BytesRef(SortKey(record.Title ?? ""))),
        };
        if (record.Authors.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a)) is { } firstAuthor)
        {
            document.Add(new SortedDocValuesField(AuthorSort, new BytesRef(SortKey(firstAuthor))));
        }

        foreach (var field in Fields)
        {
            if (ReferenceEquals(field, Source) && extraSources is { Count: > 0 })
            {
                foreach (var source in new[] { record.SourceId }.Concat(extraSources).Distinct(StringComparer.Ordinal))
                {
                    document.Add(new StringField(Source.Name, source, Field.Store.YES));
                    document.Add(new SortedSetDocValuesField(Source.FacetField, new BytesRef(source)));
                }

                continue;
            }

            field.AddTo(document, record);
        }

        document.Add(new StoredField(RecordJson, JsonSerializer.Serialize(record, Json)));
        return document;
    }

    /// <summary>Reads back the record stored in a document.</summary>
    public static CatalogRecord? ReadRecord(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = document.Get(RecordJson);
        return json is null ? null : JsonSerializer.Deserialize<CatalogRecord>(json, Json);
    }
}

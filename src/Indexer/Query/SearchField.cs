using Search.Indexer.Schema;

namespace Search.Indexer.Query;

/// <summary>What kind of index a search field looks in.</summary>
public enum SearchFieldKind
{
    /// <summary>Analyzed text fields (and, for <see cref="SearchFields.Any"/>, identifiers).</summary>
    Text,

    /// <summary>Identifiers matched exactly after normalization.</summary>
    Identifier,

    /// <summary>Classification codes matched by prefix (中图分类号 TP3 finds TP391.4).</summary>
    ClassificationPrefix,

    /// <summary>The publication year, single or range.</summary>
    Year,
}

/// <summary>A field users search in, with its CNKI-style code and Chinese label.</summary>
public sealed record SearchField(
    string Code,
    string Label,
    SearchFieldKind Kind,
    IReadOnlyList<TextIndexField> TextFields,
    IReadOnlyList<IdentifierIndexField> IdentifierFields)
{
    /// <summary>True for the box's field (every text field and every identifier).</summary>
    public bool IsAny => ReferenceEquals(this, SearchFields.Any);
}

/// <summary>The fields of the advanced form, the expert language and CQL.</summary>
public static class SearchFields
{
    public static SearchField Any { get; } = new("ANY", "全部", SearchFieldKind.Text, IndexSchema.TextFields, [IndexSchema.AnyIdentifier, IndexSchema.Classification]);

    public static SearchField Subject { get; } = new("SU", "主题", SearchFieldKind.Text,
        [IndexSchema.Title, IndexSchema.AlternativeTitle, IndexSchema.Keyword, IndexSchema.Subject, IndexSchema.Abstract], []);

    public static SearchField Title { get; } = new("TI", "篇名", SearchFieldKind.Text, [IndexSchema.Title, IndexSchema.AlternativeTitle], []);

    public static SearchField Keyword { get; } = new("KY", "关键词", SearchFieldKind.Text, [IndexSchema.Keyword, IndexSchema.Subject], []);

    public static SearchField Author { get; } = new("AU", "作者", SearchFieldKind.Text, [IndexSchema.Author, IndexSchema.AuthorPinyin], []);

    public static SearchField Affiliation { get; } = new("AF", "单位", SearchFieldKind.Text, [IndexSchema.Organization, IndexSchema.ApplicantPinyin], []);

    public static SearchField Journal { get; } = new("JN", "刊名", SearchFieldKind.Text, [IndexSchema.SourceTitle], []);

    public static SearchField Abstract { get; } = new("AB", "摘要", SearchFieldKind.Text, [IndexSchema.Abstract], []);

    public static SearchField Classification { get; } = new("CLC", "分类号", SearchFieldKind.ClassificationPrefix, [], [IndexSchema.Classification]);

    public static SearchField Year { get; } = new("YE", "年", SearchFieldKind.Year, [], []);

    public static SearchField Doi { get; } = new("DOI", "DOI", SearchFieldKind.Identifier, [], [IndexSchema.Doi]);

    public static SearchField Isbn { get; } = new("ISBN", "ISBN", SearchFieldKind.Identifier, [], [IndexSchema.Isbn]);

    public static SearchField Issn { get; } = new("ISSN", "ISSN", SearchFieldKind.Identifier, [], [IndexSchema.Issn]);

    public static SearchField Patent { get; } = new("PN", "专利号", SearchFieldKind.Identifier, [], [IndexSchema.PatentNumber]);

    public static SearchField Standard { get; } = new("SN", "标准号", SearchFieldKind.Identifier, [], [IndexSchema.StandardNumber]);

    /// <summary>Any identifier (DOI, ISBN, ISSN, patent and standard numbers, the partner's own ids).</summary>
    public static SearchField Identifier { get; } = new("ID", "标识符", SearchFieldKind.Identifier, [], [IndexSchema.AnyIdentifier]);

    public static IReadOnlyList<SearchField> All { get; } =
        [Subject, Title, Keyword, Author, Affiliation, Journal, Abstract, Classification, Year, Doi, Isbn, Issn, Patent, Standard, Identifier];

    private static readonly Dictionary<string, SearchField> ByName = BuildNames();

    /// <summary>The field of a code (SU, ti, ...) or Chinese label (主题, 篇名, ...), or null.</summary>
    public static SearchField? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.GetValueOrDefault(name.Trim());
    }

    private static Dictionary<string, SearchField> BuildNames()
    {
        var names = new Dictionary<string, SearchField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in All.Append(Any))
        {
            names[field.Code] = field;
            names[field.Label] = field;
        }

        names["FT"] = Any;
        names["TKA"] = Subject;
        names["题名"] = Title;
        names["机构"] = Affiliation;
        names["来源"] = Journal;
        names["文献来源"] = Journal;
        names["中图分类号"] = Classification;
        names["年份"] = Year;
        names["PY"] = Year;
        return names;
    }
}

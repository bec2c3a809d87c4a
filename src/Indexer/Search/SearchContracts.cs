using Search.Indexer.Query;

namespace Search.Indexer.Search;

/// <summary>The language <see cref="SearchRequest.Query"/> is written in.</summary>
public enum QuerySyntax
{
    /// <summary>The box: words (implicit AND), quoted phrases, OR, NOT. Never fails.</summary>
    Simple,

    /// <summary>CNKI expert expressions (<c>SU=(大数据+云计算)*TI=平台-KY=区块链</c>).</summary>
    Expert,

    /// <summary>CQL.</summary>
    Cql,
}

/// <summary>How results are ordered.</summary>
public enum SearchSort
{
    Relevance,
    YearDescending,
    YearAscending,

    /// <summary>By title (lower-cased, code point order), then relevance.</summary>
    TitleAscending,
    TitleDescending,

    /// <summary>By first author (lower-cased, code point order; records without authors last), then relevance.</summary>
    AuthorAscending,
    AuthorDescending,
}

/// <summary>A search as the API receives it: the box's text plus facet filters and paging.</summary>
public sealed record SearchRequest
{
    /// <summary>What the user typed in the box. Empty means "everything".</summary>
    public string Query { get; init; } = "";

    /// <summary>The language of <see cref="Query"/> and <see cref="Within"/>.</summary>
    public QuerySyntax Syntax { get; init; } = QuerySyntax.Simple;

    /// <summary>An already parsed query (the advanced form); when set, <see cref="Query"/> is ignored.</summary>
    public QueryNode? Node { get; init; }

    /// <summary>Earlier queries this search runs within (二次检索): every one must match too.</summary>
    public IReadOnlyList<string> Within { get; init; } = [];

    /// <summary>Favour recent years in relevance order.</summary>
    public bool Recency { get; init; }

    /// <summary>A cursor from a previous page's <see cref="SearchResult.Next"/>: the page after it, found with SearchAfter.</summary>
    public string? After { get; init; }

    public IReadOnlyList<string> Types { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Top-level CLC class letters (facet <c>discipline</c>).</summary>
    public IReadOnlyList<string> Disciplines { get; init; } = [];

    /// <summary>Subject headings (facet <c>subject</c>).</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>What patent documents are: <c>invention</c>, <c>grant</c>, <c>utility-model</c>, <c>design</c> (facet <c>kind</c>).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    public int? YearFrom { get; init; }

    public int? YearTo { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>
    /// 0-based position of the first hit, for protocols that page by record position (SRU's <c>startRecord</c>);
    /// when set it replaces <see cref="Page"/>.
    /// </summary>
    public long? Offset { get; init; }

    public int Size { get; init; } = 20;

    public SearchSort Sort { get; init; } = SearchSort.Relevance;
}

/// <summary>One facet value and how many hits of the whole result set carry it.</summary>
public sealed record FacetValue(string Value, int Count, string? Label = null);

/// <summary>Facet counts over all hits of a search (not only the page shown).</summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Type,
    IReadOnlyList<FacetValue> Source,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> Language)
{
    /// <summary>Top-level 中图分类 (CLC) classes, with their Chinese names as labels.</summary>
    public IReadOnlyList<FacetValue> Discipline { get; init; } = [];

    /// <summary>Subject headings and disciplines as the partners gave them (the 30 most frequent).</summary>
    public IReadOnlyList<FacetValue> Subject { get; init; } = [];

    /// <summary>What the patent documents among the hits are (invention, grant, utility-model, design), with Chinese labels.</summary>
    public IReadOnlyList<FacetValue> Kind { get; init; } = [];
}

/// <summary>
/// One hit. <see cref="Title"/> is the plain title; highlighted fragments (HTML, partner text escaped,
/// matches in &lt;em&gt;) are in <see cref="Highlights"/> keyed by field name ("title", "abstract").
/// </summary>
public sealed record SearchHit(
    string Id,
    string Title,
    IReadOnlyList<string> Authors,
    int? Year,
    string Type,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, string> Highlights);

public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, SearchFacets Facets)
{
    /// <summary>The cursor of the next page (pass it as <see cref="SearchRequest.After"/>), null on the last page.</summary>
    public string? Next { get; init; }
}

/// <summary>The query cannot be understood; the API turns it into a 400 naming the position.</summary>
public class QuerySyntaxException : Exception
{
    public QuerySyntaxException()
    {
    }

    public QuerySyntaxException(string message)
        : base(message)
    {
    }

    public QuerySyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public QuerySyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>0-based character position in the query where the problem was found, when known.</summary>
    public int? Position { get; }
}

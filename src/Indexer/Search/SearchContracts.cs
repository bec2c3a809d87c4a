namespace Search.Indexer.Search;

/// <summary>How results are ordered.</summary>
public enum SearchSort
{
    Relevance,
    YearDescending,
    YearAscending,
}

/// <summary>A search as the API receives it: the box's text plus facet filters and paging.</summary>
public sealed record SearchRequest
{
    /// <summary>What the user typed in the box. Empty means "everything".</summary>
    public string Query { get; init; } = "";

    public IReadOnlyList<string> Types { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public int? YearFrom { get; init; }

    public int? YearTo { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    public int Size { get; init; } = 20;

    public SearchSort Sort { get; init; } = SearchSort.Relevance;
}

/// <summary>One facet value and how many hits of the whole result set carry it.</summary>
public sealed record FacetValue(string Value, int Count);

/// <summary>Facet counts over all hits of a search (not only the page shown).</summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetValue> Type,
    IReadOnlyList<FacetValue> Source,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> Language);

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

public sealed record SearchResult(long Total, IReadOnlyList<SearchHit> Hits, SearchFacets Facets);

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

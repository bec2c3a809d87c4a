using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexer.Query;
using Search.Indexer.Query.Cql;
using Search.Indexer.Schema;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Search;

/// <summary>
/// Searches the catalogue index: the simple box, filters, facet counts, sorting, paging and highlights,
/// in one pass over the matching documents. Thread-safe; create one per index (a singleton in the host).
/// </summary>
public sealed class SearchService
{
    /// <summary>The stored fields a hit shows: the record's JSON (the largest) is read only for the record page.</summary>
    private static readonly HashSet<string> HitFields =
    [
        IndexSchema.Id, IndexSchema.Title.Name, IndexSchema.Abstract.Name, IndexSchema.Author.Name,
        IndexSchema.Year.Name, IndexSchema.Type.Name, IndexSchema.Source.Name,
    ];

    private readonly CatalogIndex _index;
    private readonly SearchOptions _options;
    private readonly Query.QueryBuilder _builder;
    private readonly HitHighlighter _highlighter;
    private readonly TimeProvider _time;

    public SearchService(CatalogIndex index, SearchOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        _index = index;
        _options = options ?? new SearchOptions();
        _time = time ?? TimeProvider.System;
        _builder = new Query.QueryBuilder(index.Analyzer, _options);
        _highlighter = new HitHighlighter(index.Analyzer);
    }

    /// <summary>Documents visible to searches now.</summary>
    public int IndexedRecordCount => _index.DocumentCount;

    /// <summary>
    /// Runs a search. Page and size are clamped (page ≥ 1, 1 ≤ size ≤ <see cref="SearchOptions.MaxPageSize"/>);
    /// the box never throws. Facet counts cover every hit, not only the page.
    /// </summary>
    public SearchResult Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = Math.Clamp(request.Size, 1, Math.Max(1, _options.MaxPageSize));
        var page = Math.Max(1, request.Page);
        var offset = request.Offset is { } start ? Math.Max(0, start) : (long)(page - 1) * size;
        var built = BuildQuery(request);
        var filter = BuildFilter(request);
        var sort = SortFor(request.Sort);
        FieldDoc? after = null;
        if (request.After is not null)
        {
            var reading = PageCursor.Decode(request.After, sort);
            after = reading.After ?? throw new QuerySyntaxException($"after: {reading.Problem}.");
        }

        var searcher = _index.Searchers.Acquire();
        try
        {
            var window = Math.Max(size, _options.PagingWindow);
            if (after is not null)
            {
                offset = 0;
            }

            var need = offset + size;
            var firstCount = (int)Math.Min(need, window);
            var top = TopFieldCollector.Create(sort, firstCount, after, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
            var facets = new FacetCollector(
                [.. IndexSchema.FacetFields.Select(f => f.FacetField)],
                IndexSchema.Year.DocValuesField);
            searcher.Search(built.Query, filter, MultiCollector.Wrap(top, facets));
            var topDocs = top.GetTopDocs();
            var total = topDocs.TotalHits;

            var pageDocs = new List<ScoreDoc>(size);
            if (offset <= _options.MaxOffset && offset < total)
            {
                var docs = topDocs.ScoreDocs;
                long seen = 0;
                while (true)
                {
                    foreach (var doc in docs)
                    {
                        if (seen >= offset && seen < need)
                        {
                            pageDocs.Add(doc);
                        }

                        seen++;
                    }

                    if (seen >= need || docs.Length == 0 || seen >= total)
                    {
                        break;
                    }

                    // Deep page: walk on after the last hit, keeping at most one window of hits in memory.
                    var count = (int)Math.Min(need - seen, window);
                    var next = TopFieldCollector.Create(sort, count, (FieldDoc)docs[^1], fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
                    searcher.Search(built.Query, filter, next);
                    docs = next.GetTopDocs().ScoreDocs;
                }
            }

            var hits = pageDocs.Select(d => ToHit(searcher.Doc(d.Doc, HitFields), built.Highlights)).ToList();
            var more = after is null ? offset + pageDocs.Count < total : pageDocs.Count == size;
            return new SearchResult(
                total,
                hits,
                new SearchFacets(
                    facets.Counts(IndexSchema.Type.FacetField),
                    facets.Counts(IndexSchema.Source.FacetField),
                    facets.YearCounts(),
                    facets.Counts(IndexSchema.Language.FacetField))
                {
                    Discipline = [.. facets.Counts(IndexSchema.Discipline.FacetField).Select(f => f with { Label = ClcClasses.Name(f.Value) })],
                    Subject = [.. facets.Counts(IndexSchema.Topic.FacetField).Take(30)],
                    Kind = [.. facets.Counts(IndexSchema.PatentKind.FacetField).Select(f => f with { Label = PatentKindLabel(f.Value) })],
                })
            {
                Next = more && pageDocs.Count > 0 ? PageCursor.Encode((FieldDoc)pageDocs[^1], sort) : null,
            };
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>Lucene's explanation of how the record scores for the request's box (null when the id is not indexed).</summary>
    public string? Explain(string id, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(request);
        var built = BuildQuery(request);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var found = searcher.Search(new TermQuery(new Term(IndexSchema.Id, id)), 1);
            if (found.ScoreDocs.Length == 0)
            {
                return null;
            }

            var doc = found.ScoreDocs[0].Doc;
            var explanation = "query: " + Nodes.Describe(ParseRequest(request)) + "\nlucene: " + built.Query + "\n" + searcher.Explain(built.Query, doc);
            var filter = BuildFilter(request);
            if (filter is not null)
            {
                var passes = searcher.Search(new TermQuery(new Term(IndexSchema.Id, id)), filter, 1).TotalHits > 0;
                explanation += passes ? "\n(passes the filters)" : "\n(excluded by the filters)";
            }

            return explanation;
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>The 1-based rank of the record among the request's hits (null when it is not a hit); scans at most the first 10,000.</summary>
    public long? RankOf(string id, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(request);
        var built = BuildQuery(request);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var top = searcher.Search(built.Query, BuildFilter(request), 10_000, SortFor(request.Sort));
            for (var i = 0; i < top.ScoreDocs.Length; i++)
            {
                if (searcher.Doc(top.ScoreDocs[i].Doc).Get(IndexSchema.Id) == id)
                {
                    return i + 1;
                }
            }

            return null;
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>The record as indexed (from its stored JSON), or null.</summary>
    public CatalogRecord? GetRecord(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var found = searcher.Search(new TermQuery(new Term(IndexSchema.Id, id)), 1);
            return found.ScoreDocs.Length == 0 ? null : IndexSchema.ReadRecord(searcher.Doc(found.ScoreDocs[0].Doc));
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>The records as indexed, in the order of the ids (null for an id no longer indexed), read from one searcher.</summary>
    public IReadOnlyList<CatalogRecord?> GetRecords(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var records = new List<CatalogRecord?>(ids.Count);
            foreach (var id in ids)
            {
                var found = searcher.Search(new TermQuery(new Term(IndexSchema.Id, id)), 1);
                records.Add(found.ScoreDocs.Length == 0 ? null : IndexSchema.ReadRecord(searcher.Doc(found.ScoreDocs[0].Doc)));
            }

            return records;
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>The Lucene query the box becomes (for diagnostics).</summary>
    public string DescribeQuery(string box) => _builder.Build(BoxQueryParser.Parse(box).ToNode()).Query.ToString() ?? "";

    /// <summary>A query text in a syntax, as a query tree. The simple box never throws; the others throw <see cref="QuerySyntaxException"/>.</summary>
    public static QueryNode ParseQuery(string text, QuerySyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(text);
        return syntax switch
        {
            QuerySyntax.Expert => ExpertQueryParser.Parse(text),
            QuerySyntax.Cql => CqlToQuery.Convert(CqlParser.Parse(text)),
            _ => BoxQueryParser.Parse(text).ToNode(),
        };
    }

    /// <summary>The request's query tree: its node or its text, within each earlier query.</summary>
    public static QueryNode ParseRequest(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var main = request.Node ?? (request.Syntax != QuerySyntax.Simple && string.IsNullOrWhiteSpace(request.Query)
            ? new AllNode()
            : ParseQuery(request.Query, request.Syntax));
        return request.Within.Count == 0 ? main : Nodes.And([main, .. request.Within.Select(w => ParseQuery(w, request.Syntax))]);
    }

    private BuiltQuery BuildQuery(SearchRequest request)
    {
        var tree = ParseRequest(request);
        _options.Budget.Check(tree);
        BuiltQuery built;
        try
        {
            built = _builder.Build(tree);
        }
        catch (BooleanQuery.TooManyClausesException e)
        {
            throw new QuerySyntaxException($"The query expands to more than {BooleanQuery.MaxClauseCount} clauses; use fewer terms.", e);
        }

        if (!request.Recency || _options.RecencyWeight <= 0)
        {
            return built;
        }

        var year = _time.GetUtcNow().Year;
        return built with { Query = new RecencyQuery(built.Query, year, _options.RecencyWeight, _options.RecencyYears) };
    }

    private static BooleanFilter? BuildFilter(SearchRequest request)
    {
        var filter = new BooleanFilter();
        AddTerms(filter, IndexSchema.Type.Name, request.Types);
        AddTerms(filter, IndexSchema.Source.Name, request.Sources);
        AddTerms(filter, IndexSchema.Language.Name, request.Languages.Select(l => l.ToLowerInvariant()).ToList());
        AddTerms(filter, IndexSchema.Discipline.Name, request.Disciplines.Select(d => d.ToUpperInvariant()).ToList());
        AddTerms(filter, IndexSchema.Topic.Name, request.Subjects);
        AddTerms(filter, IndexSchema.PatentKind.Name, request.Kinds.Select(k => k.ToLowerInvariant()).ToList());
        if (request.YearFrom is not null || request.YearTo is not null)
        {
            filter.Add(new FilterClause(
                NumericRangeFilter.NewInt32Range(IndexSchema.Year.Name, request.YearFrom, request.YearTo, minInclusive: true, maxInclusive: true),
                Occur.MUST));
        }

        return filter.Clauses.Count == 0 ? null : filter;
    }

    private static void AddTerms(BooleanFilter filter, string field, IReadOnlyList<string> values)
    {
        var terms = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => new BytesRef(v.Trim())).ToList();
        if (terms.Count > 0)
        {
            filter.Add(new FilterClause(new TermsFilter(field, terms), Occur.MUST));
        }
    }

    private static string? PatentKindLabel(string kind) => kind switch
    {
        PatentCategories.Invention => "发明",
        PatentCategories.Grant => "授权",
        PatentCategories.UtilityModel => "实用新型",
        PatentCategories.Design => "外观设计",
        _ => null,
    };

    /// <summary>A string doc-values sort; documents without the value come last in both directions.</summary>
    private static SortField Text(string field, bool descending)
    {
        var sortField = new SortField(field, SortFieldType.STRING, descending);
        sortField.SetMissingValue(descending ? SortField.STRING_FIRST : SortField.STRING_LAST);
        return sortField;
    }

    private static Sort SortFor(SearchSort sort)
    {
        var id = new SortField(IndexSchema.IdSort, SortFieldType.STRING);
        // Records without a year come last in both directions.
        var yearDesc = new SortField(IndexSchema.Year.DocValuesField, SortFieldType.INT32, reverse: true);
        yearDesc.SetMissingValue(int.MinValue);
        var yearAsc = new SortField(IndexSchema.Year.DocValuesField, SortFieldType.INT32, reverse: false);
        yearAsc.SetMissingValue(int.MaxValue);
        return sort switch
        {
            SearchSort.YearDescending => new Sort(yearDesc, SortField.FIELD_SCORE, id),
            SearchSort.YearAscending => new Sort(yearAsc, SortField.FIELD_SCORE, id),
            SearchSort.TitleAscending or SearchSort.TitleDescending => new Sort(Text(IndexSchema.TitleSort, sort == SearchSort.TitleDescending), SortField.FIELD_SCORE, id),
            SearchSort.AuthorAscending or SearchSort.AuthorDescending => new Sort(Text(IndexSchema.AuthorSort, sort == SearchSort.AuthorDescending), SortField.FIELD_SCORE, id),
            _ => new Sort(SortField.FIELD_SCORE, yearDesc, id),
        };
    }

    private SearchHit ToHit(Document doc, HighlightTerms terms)
    {
        var title = doc.Get(IndexSchema.Title.Name) ?? "";
        var highlights = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = _highlighter.Whole(title, terms),
        };
        var abstractText = doc.Get(IndexSchema.Abstract.Name);
        if (!string.IsNullOrEmpty(abstractText))
        {
            highlights["abstract"] = _highlighter.Fragment(abstractText, terms, _options.AbstractFragmentLength);
        }

        var year = doc.GetField(IndexSchema.Year.Name)?.GetInt32Value();
        return new SearchHit(
            doc.Get(IndexSchema.Id) ?? "",
            title,
            doc.GetValues(IndexSchema.Author.Name),
            year,
            doc.Get(IndexSchema.Type.Name) ?? RecordTypes.Other,
            doc.GetValues(IndexSchema.Source.Name),
            highlights);
    }
}

using Search.Indexer.Query.Cql;
using Search.Indexer.Search;

namespace Search.Api.Sru;

/// <summary>
/// Turns SRU sorting into the engine's orders: CQL <c>sortBy</c> (2.0) and the 1.2 <c>sortKeys</c> parameter
/// (<c>path,schema,ascending,caseSensitive,missingValue</c>, keys separated by spaces). The sort keys are
/// <c>dc.date</c> (also <c>kj.YE</c>), <c>dc.title</c> (<c>kj.TI</c>) and <c>dc.creator</c> (<c>kj.AU</c>, the first author) in
/// either direction and <c>cql.score</c>; a date, title or author may be followed by the score,
/// which is how the engine breaks ties anyway.
/// </summary>
public static class SruSort
{
    private static readonly HashSet<string> IgnoredModifiers = new(
        ["ignorecase", "respectcase", "missinghigh", "missinglow", "missingomit", "missingfail", "missingvalue"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The order of a query's <c>sortBy</c>, else of the <c>sortKeys</c> parameter, else relevance.</summary>
    public static SearchSort Resolve(CqlNode query, string? sortKeys)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.SortKeys.Count > 0)
        {
            return Combine(query.SortKeys.Select(k => Key(k.Index, Ascending(k.Modifiers))).ToList());
        }

        if (string.IsNullOrWhiteSpace(sortKeys))
        {
            return SearchSort.Relevance;
        }

        var keys = new List<SearchSort>();
        foreach (var key in sortKeys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = key.Split(',');
            var ascending = parts.Length < 3 || parts[2] is "" or "1" ? true
                : parts[2] == "0" ? false
                : throw new SruDiagnosticException(SruDiagnostic.UnsupportedSortDirection(parts[2]));
            keys.Add(Key(parts[0], ascending));
        }

        return Combine(keys);
    }

    private static SearchSort Key(string name, bool ascending)
    {
        var index = SruIndexes.Find(name);
        if (index is not { Sortable: true })
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedSortKey(name));
        }

        return ascending ? index.SortAscending!.Value : index.SortDescending!.Value;
    }

    private static bool Ascending(IReadOnlyList<CqlModifier> modifiers)
    {
        var ascending = true;
        foreach (var modifier in modifiers)
        {
            var type = modifier.Type.StartsWith("sort.", StringComparison.OrdinalIgnoreCase) ? modifier.Type[5..] : modifier.Type;
            if (type.Equals("ascending", StringComparison.OrdinalIgnoreCase))
            {
                ascending = true;
            }
            else if (type.Equals("descending", StringComparison.OrdinalIgnoreCase))
            {
                ascending = false;
            }
            else if (!IgnoredModifiers.Contains(type))
            {
                throw new SruDiagnosticException(SruDiagnostic.UnsupportedSortDirection(modifier.Type));
            }
        }

        return ascending;
    }

    private static SearchSort Combine(List<SearchSort> keys) => keys switch
    {
        [var only] => only,
        [not SearchSort.Relevance, SearchSort.Relevance] => keys[0],
        [SearchSort.Relevance, SearchSort.YearDescending] => SearchSort.Relevance,
        _ => throw new SruDiagnosticException(SruDiagnostic.TooManySortKeys(2)),
    };
}

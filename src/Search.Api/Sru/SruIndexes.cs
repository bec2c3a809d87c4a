using Search.Indexer.Query.Cql;
using Search.Indexer.Search;

namespace Search.Api.Sru;

/// <summary>A CQL context set the server knows: its short name and identifier.</summary>
public sealed record SruContextSet(string Name, string Identifier, string Title);

/// <summary>
/// One searchable index as explain lists it: its context set and name, a title, whether it can be scanned
/// (and which index terms that browses) and whether it is a sort key.
/// </summary>
public sealed record SruIndex(string Set, string Name, string Title, ScanIndex? Scan = null, SearchSort? SortAscending = null, SearchSort? SortDescending = null)
{
    public string QualifiedName => Set + "." + Name;

    public bool Sortable => SortAscending is not null;
}

/// <summary>
/// The context sets and indexes of the SRU server. Searching itself goes through the shared CQL parser and
/// <see cref="CqlToQuery"/>; this table is what explain advertises, what scan and sorting accept, and which
/// context-set prefixes a query may use.
/// </summary>
public static class SruIndexes
{
    public static SruContextSet Cql { get; } = new("cql", "info:srw/cql-context-set/1/cql-v1.2", "CQL");

    public static SruContextSet Dc { get; } = new("dc", "info:srw/cql-context-set/1/dc-v1.1", "Dublin Core");

    public static SruContextSet Bath { get; } = new("bath", "http://zing.z3950.org/cql/bath/2.0/", "Bath profile");

    /// <summary>Our own set: the CNKI-style field codes of the expert search (TI, AU, KY, ...).</summary>
    public static SruContextSet Fields { get; } = new("kj", "info:srw/cql-context-set/kj/fields-v1", "科技文献检索 fields (CNKI-style codes)");

    public static IReadOnlyList<SruContextSet> Sets { get; } = [Cql, Dc, Bath, Fields];

    public static IReadOnlyList<SruIndex> All { get; } =
    [
        new("cql", "serverChoice", "Anywhere: title, authors, keywords, subjects, abstract, source, identifiers"),
        new("cql", "allRecords", "Every record"),
        new("cql", "score", "Relevance", SortAscending: SearchSort.Relevance, SortDescending: SearchSort.Relevance),
        new("dc", "title", "Title", Scan: ScanIndex.Title, SortAscending: SearchSort.TitleAscending, SortDescending: SearchSort.TitleDescending),
        new("dc", "creator", "Author", Scan: ScanIndex.Author, SortAscending: SearchSort.AuthorAscending, SortDescending: SearchSort.AuthorDescending),
        new("dc", "subject", "Keywords and subject headings", Scan: ScanIndex.Subject),
        new("dc", "description", "Abstract"),
        new("dc", "date", "Year", SortAscending: SearchSort.YearAscending, SortDescending: SearchSort.YearDescending),
        new("dc", "identifier", "Any identifier: DOI, ISBN, ISSN, patent and standard numbers"),
        new("dc", "source", "Journal or source title"),
        new("bath", "name", "Author", Scan: ScanIndex.Author),
        new("bath", "isbn", "ISBN"),
        new("bath", "issn", "ISSN"),
        new("kj", "SU", "主题 subject: title, keywords, subjects, abstract"),
        new("kj", "TI", "篇名 title", Scan: ScanIndex.Title, SortAscending: SearchSort.TitleAscending, SortDescending: SearchSort.TitleDescending),
        new("kj", "KY", "关键词 keywords", Scan: ScanIndex.Subject),
        new("kj", "AU", "作者 author (also toneless pinyin)", Scan: ScanIndex.Author, SortAscending: SearchSort.AuthorAscending, SortDescending: SearchSort.AuthorDescending),
        new("kj", "AF", "单位 affiliation"),
        new("kj", "JN", "刊名 journal"),
        new("kj", "AB", "摘要 abstract"),
        new("kj", "CLC", "分类号 CLC classification (prefix)"),
        new("kj", "YE", "年 year", SortAscending: SearchSort.YearAscending, SortDescending: SearchSort.YearDescending),
        new("kj", "DOI", "DOI"),
        new("kj", "ISBN", "ISBN"),
        new("kj", "ISSN", "ISSN"),
        new("kj", "PN", "专利号 patent number"),
        new("kj", "SN", "标准号 standard number"),
    ];

    /// <summary>
    /// The index a query names: <c>set.name</c> with a set the server knows (or one the query assigned itself),
    /// or a bare name looked up in every set. Null when the name is not in the table.
    /// </summary>
    public static SruIndex? Find(string index, IReadOnlyCollection<string>? assignedPrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        var dot = index.LastIndexOf('.');
        var set = dot > 0 ? index[..dot] : null;
        var name = dot >= 0 ? index[(dot + 1)..] : index;
        if (set is not null)
        {
            CheckSet(set, assignedPrefixes);
        }

        return All.FirstOrDefault(i => (set is null || set.Equals(i.Set, StringComparison.OrdinalIgnoreCase) || assignedPrefixes?.Contains(set) == true)
            && i.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Diagnostic 15 for a context-set prefix neither the server nor the query defines.</summary>
    public static void CheckSet(string set, IReadOnlyCollection<string>? assignedPrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!Sets.Any(s => s.Name.Equals(set, StringComparison.OrdinalIgnoreCase) || s.Identifier == set) && assignedPrefixes?.Contains(set) != true)
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedContextSet(set));
        }
    }

    /// <summary>Checks every context-set prefix of a parsed query (searchable names are checked by <see cref="CqlToQuery"/>).</summary>
    public static void CheckSets(CqlNode node, IReadOnlyCollection<string>? outerPrefixes = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var prefixes = new HashSet<string>(outerPrefixes ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var prefix in node.Prefixes)
        {
            if (prefix.Name is not null)
            {
                prefixes.Add(prefix.Name);
            }
        }

        switch (node)
        {
            case CqlSearchClause clause:
                var dot = clause.Index.LastIndexOf('.');
                if (dot > 0)
                {
                    CheckSet(clause.Index[..dot], prefixes);
                }

                break;
            case CqlTriple triple:
                CheckSets(triple.Left, prefixes);
                CheckSets(triple.Right, prefixes);
                break;
        }
    }
}

namespace Search.Indexer.Query;

/// <summary>
/// The one query model every syntax parses to (the simple box, the advanced form, CNKI expert
/// expressions, CQL): a tree of AND/OR/NOT over field terms and year ranges. The query builder turns it
/// into a Lucene query.
/// </summary>
public abstract record QueryNode;

/// <summary>Every child must match.</summary>
public sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode;

/// <summary>At least one child must match.</summary>
public sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode;

/// <summary><see cref="Include"/> must match and <see cref="Exclude"/> must not; a null include means "everything".</summary>
public sealed record NotNode(QueryNode? Include, QueryNode Exclude) : QueryNode;

/// <summary>Matches every record.</summary>
public sealed record AllNode : QueryNode;

/// <summary>How a term matches its field's text.</summary>
public enum TermMatch
{
    /// <summary>The box: a Chinese run matches as contiguous characters or, weighted lower, as all of its SmartCn words; other words in order.</summary>
    Words,

    /// <summary>CNKI <c>=</c>: each run of the term as contiguous text, without the SmartCn-words alternative.</summary>
    Exact,

    /// <summary>A quoted phrase: the whole text contiguous.</summary>
    Phrase,

    /// <summary>CNKI <c>%</c>: like <see cref="Words"/>, and Latin words in any order.</summary>
    Fuzzy,
}

/// <summary>A term looked for in a field.</summary>
/// <param name="Field">Where to look.</param>
/// <param name="Text">The term as typed (without quotes).</param>
/// <param name="Match">How it matches.</param>
/// <param name="Position">0-based position in the query text, for messages.</param>
public sealed record TermNode(SearchField Field, string Text, TermMatch Match, int Position) : QueryNode;

/// <summary>Publication years from/to (inclusive; null = open).</summary>
public sealed record YearNode(int? From, int? To) : QueryNode;

/// <summary>Helpers to build trees without needless nesting.</summary>
public static class Nodes
{
    public static QueryNode And(params IEnumerable<QueryNode> children)
    {
        var list = children.SelectMany(c => c is AndNode a ? a.Children : [c]).Where(c => c is not AllNode).ToList();
        return list.Count switch
        {
            0 => new AllNode(),
            1 => list[0],
            _ => new AndNode(list),
        };
    }

    public static QueryNode Or(params IEnumerable<QueryNode> children)
    {
        var list = children.SelectMany(c => c is OrNode o ? o.Children : [c]).ToList();
        return list.Count == 1 ? list[0] : new OrNode(list);
    }

    public static QueryNode Not(QueryNode? include, QueryNode exclude) =>
        new NotNode(include is AllNode ? null : include, exclude);

    /// <summary>A canonical text form of the tree, for tests and the explain view.</summary>
    public static string Describe(QueryNode node) => node switch
    {
        AndNode a => "AND(" + string.Join(", ", a.Children.Select(Describe)) + ")",
        OrNode o => "OR(" + string.Join(", ", o.Children.Select(Describe)) + ")",
        NotNode n => "NOT(" + (n.Include is null ? "*" : Describe(n.Include)) + ", " + Describe(n.Exclude) + ")",
        AllNode => "*",
        TermNode t => $"{t.Field.Code}{(t.Match switch { TermMatch.Exact => "==", TermMatch.Phrase => "=\"", TermMatch.Fuzzy => "%", _ => "=" })}{t.Text}",
        YearNode y => $"YE={y.From?.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{y.To?.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => node.ToString(),
    };
}

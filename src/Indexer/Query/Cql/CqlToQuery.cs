using Search.Indexer.Search;

namespace Search.Indexer.Query.Cql;

/// <summary>
/// Maps a CQL tree onto the query model. Indexes: <c>cql.serverChoice</c>/<c>anywhere</c> (everything),
/// Dublin Core names (<c>dc.title</c>, <c>dc.creator</c>, <c>dc.subject</c>, <c>dc.description</c>,
/// <c>dc.date</c>, <c>dc.identifier</c>, <c>dc.source</c>) and the CNKI codes (<c>ti</c>, <c>au</c>, ...).
/// Relations: <c>=</c>, <c>adj</c>, <c>==</c>, <c>exact</c>, <c>any</c>, <c>all</c>, <c>&lt;&gt;</c>, and for years
/// <c>&lt; &gt; &lt;= &gt;=</c> and <c>within "2010 2015"</c>; <c>cql.allRecords</c> matches everything. Booleans: and, or, not; prox is treated as and.
/// </summary>
public static class CqlToQuery
{
    public static QueryNode Convert(CqlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            CqlTriple t => t.Boolean switch
            {
                "or" => Nodes.Or(Convert(t.Left), Convert(t.Right)),
                "not" => Nodes.Not(Convert(t.Left), Convert(t.Right)),
                _ => Nodes.And(Convert(t.Left), Convert(t.Right)),
            },
            CqlSearchClause c => Clause(c),
            _ => throw new ArgumentException("Unknown CQL node.", nameof(node)),
        };
    }

    private static SearchField FieldOf(CqlSearchClause clause)
    {
        var index = clause.Index;
        var dot = index.LastIndexOf('.');
        var name = (dot >= 0 ? index[(dot + 1)..] : index).ToLowerInvariant();
        var field = name switch
        {
            "serverchoice" or "anywhere" or "keywords" or "text" => SearchFields.Any,
            "title" => SearchFields.Title,
            "creator" or "author" or "name" or "contributor" => SearchFields.Author,
            "subject" => SearchFields.Keyword,
            "description" or "abstract" => SearchFields.Abstract,
            "date" or "year" => SearchFields.Year,
            "identifier" => SearchFields.Identifier,
            "source" or "journal" => SearchFields.Journal,
            _ => SearchFields.Find(name),
        };
        return field ?? throw new CqlUnsupportedException(
            CqlUnsupported.Index, clause.Index, $"CQL: unsupported index '{clause.Index}' at position {clause.Position + 1}.", clause.Position);
    }

    private static QueryNode Clause(CqlSearchClause clause)
    {
        if (clause.Index.Equals("cql.allRecords", StringComparison.OrdinalIgnoreCase))
        {
            // cql.allRecords = 1: every record, whatever the term (SRU clients harvest with it).
            return new AllNode();
        }

        var field = FieldOf(clause);
        var relation = clause.Relation.ToLowerInvariant();
        var term = clause.Term.Replace("\\\"", "\"", StringComparison.Ordinal);
        if (field.Kind == SearchFieldKind.Year)
        {
            return YearClause(clause, relation, term);
        }

        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (relation)
        {
            case "=" or "adj" or "scr" or "cql.adj":
                return words.Length > 1 ? Term(field, term, TermMatch.Phrase, clause) : Term(field, term, TermMatch.Words, clause);
            case "==" or "exact" or "cql.exact":
                return Term(field, term, TermMatch.Phrase, clause);
            case "any" or "cql.any":
                return Nodes.Or(words.Select(w => Term(field, w, TermMatch.Words, clause)));
            case "all" or "cql.all":
                return Nodes.And(words.Select(w => Term(field, w, TermMatch.Words, clause)));
            case "<>":
                return Nodes.Not(null, Term(field, term, TermMatch.Phrase, clause));
            default:
                throw new CqlUnsupportedException(
                    CqlUnsupported.Relation, clause.Relation, $"CQL: relation '{clause.Relation}' is not supported on {clause.Index} at position {clause.Position + 1}.", clause.Position);
        }
    }

    private static TermNode Term(SearchField field, string text, TermMatch match, CqlSearchClause clause) =>
        new(field, text, match, clause.Position);

    /// <summary>A year clause; each year or range is read by the one year grammar (<see cref="YearRange"/>).</summary>
    private static QueryNode YearClause(CqlSearchClause clause, string relation, string term)
    {
        var ranges = (relation is "within" or "=" ? term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [term])
            .Select(YearRange.Parse).ToList();
        if (ranges.Count is 0 or > 2 || ranges.Any(r => r is null))
        {
            throw new CqlUnsupportedException(CqlUnsupported.Term, term, $"CQL: '{term}' is not a year at position {clause.Position + 1}.", clause.Position);
        }

        if (ranges.Count == 2)
        {
            // "2010 2015": two single years, either order.
            if (ranges[0] is { From: { } a } r0 && r0.From == r0.To && ranges[1] is { From: { } b } r1 && r1.From == r1.To)
            {
                return new YearNode(Math.Min(a, b), Math.Max(a, b));
            }

            throw new QuerySyntaxException($"CQL: '{term}' is not a year or two at position {clause.Position + 1}.", clause.Position);
        }

        var range = ranges[0]!;
        if (relation is "=" or "==" or "adj" or "within")
        {
            return new YearNode(range.From, range.To);
        }

        if (range.From is not { } first || range.From != range.To)
        {
            throw new QuerySyntaxException($"CQL: relation '{clause.Relation}' needs one year, not '{term}', at position {clause.Position + 1}.", clause.Position);
        }

        return relation switch
        {
            "<" => new YearNode(null, first - 1),
            "<=" => new YearNode(null, first),
            ">" => new YearNode(first + 1, null),
            ">=" => new YearNode(first, null),
            "<>" => Nodes.Not(null, new YearNode(first, first)),
            _ => throw new CqlUnsupportedException(
                CqlUnsupported.Relation, clause.Relation, $"CQL: relation '{clause.Relation}' is not supported for years at position {clause.Position + 1}.", clause.Position),
        };
    }
}

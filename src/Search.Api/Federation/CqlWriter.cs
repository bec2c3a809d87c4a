using System.Globalization;
using System.Text;
using Search.Indexer.Query;

namespace Search.Api.Federation;

/// <summary>A query (or a part of it) a live target cannot be asked in CQL; the target is skipped with <see cref="Exception.Message"/>.</summary>
public sealed class UntranslatableQueryException : Exception
{
    public UntranslatableQueryException()
    {
    }

    public UntranslatableQueryException(string message)
        : base(message)
    {
    }

    public UntranslatableQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Writes the engine's query tree (<see cref="QueryNode"/>, whatever syntax it was typed in) as CQL for a live SRU
/// target, in the context sets every SRU server knows: <c>cql.serverChoice</c> for the box, Dublin Core
/// (<c>dc.title</c>, <c>dc.creator</c>, <c>dc.subject</c>, <c>dc.description</c>, <c>dc.source</c>,
/// <c>dc.identifier</c>, <c>dc.date</c>) and <c>bath.isbn</c>/<c>bath.issn</c>. A word term becomes <c>=</c> (one
/// word) or <c>all</c> (several), a phrase <c>=</c> with its words in order (CQL 1.2's adjacency). Fields no
/// common context set has (affiliation, classification, patent and standard numbers) throw
/// <see cref="UntranslatableQueryException"/>.
/// </summary>
public static class CqlWriter
{
    public static string Write(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    private static void Append(StringBuilder text, QueryNode node)
    {
        switch (node)
        {
            case AndNode a:
                Join(text, a.Children, "and");
                break;
            case OrNode o:
                Join(text, o.Children, "or");
                break;
            case NotNode n:
                if (n.Include is null)
                {
                    text.Append("cql.allRecords = 1");
                }
                else
                {
                    Operand(text, n.Include);
                }

                text.Append(" not ");
                Operand(text, n.Exclude);
                break;
            case AllNode:
                text.Append("cql.allRecords = 1");
                break;
            case TermNode t:
                Term(text, t);
                break;
            case YearNode y:
                Year(text, y);
                break;
            default:
                throw new UntranslatableQueryException($"the query part {Nodes.Describe(node)} has no CQL form.");
        }
    }

    private static void Join(StringBuilder text, IReadOnlyList<QueryNode> children, string boolean)
    {
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ').Append(boolean).Append(' ');
            }

            Operand(text, children[i]);
        }
    }

    private static void Operand(StringBuilder text, QueryNode node)
    {
        var nested = node is AndNode or OrNode or NotNode || (node is YearNode { From: not null, To: not null } y && y.From != y.To);
        text.Append(nested ? "(" : "");
        Append(text, node);
        text.Append(nested ? ")" : "");
    }

    private static string IndexOf(SearchField field)
    {
        if (field.IsAny)
        {
            return "cql.serverChoice";
        }

        return field.Code switch
        {
            "TI" => "dc.title",
            "AU" => "dc.creator",
            "SU" or "KY" => "dc.subject",
            "AB" => "dc.description",
            "JN" => "dc.source",
            "DOI" or "ID" => "dc.identifier",
            "ISBN" => "bath.isbn",
            "ISSN" => "bath.issn",
            _ => throw new UntranslatableQueryException($"the field {field.Code} ({field.Label}) has no index in the common CQL context sets."),
        };
    }

    private static void Term(StringBuilder text, TermNode term)
    {
        var index = IndexOf(term.Field);
        var words = term.Text.Split((char[])[' ', '\t', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw new UntranslatableQueryException($"the term at position {term.Position + 1} is empty.");
        }

        var relation = term.Match is TermMatch.Phrase or TermMatch.Exact || words.Length == 1 ? "=" : "all";
        text.Append(index).Append(' ').Append(relation).Append(' ').Append(Quote(string.Join(' ', words)));
    }

    private static void Year(StringBuilder text, YearNode year)
    {
        static string Y(int y) => y.ToString(CultureInfo.InvariantCulture);
        switch (year)
        {
            case { From: { } from, To: { } to } when from == to:
                text.Append("dc.date = ").Append(Y(from));
                break;
            case { From: { } from, To: { } to }:
                text.Append("dc.date >= ").Append(Y(from)).Append(" and dc.date <= ").Append(Y(to));
                break;
            case { From: { } from }:
                text.Append("dc.date >= ").Append(Y(from));
                break;
            case { To: { } to }:
                text.Append("dc.date <= ").Append(Y(to));
                break;
            default:
                text.Append("cql.allRecords = 1");
                break;
        }
    }

    /// <summary>A CQL term in double quotes; quotes, backslashes and the masking characters <c>* ? ^</c> are escaped, so the user's text is searched as text.</summary>
    internal static string Quote(string term)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in term)
        {
            if (c is '"' or '\\' or '*' or '?' or '^')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }
}

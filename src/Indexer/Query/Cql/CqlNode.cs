using System.Text;

namespace Search.Indexer.Query.Cql;

/// <summary>A CQL modifier: <c>/type</c> or <c>/type comparison value</c> (the type lower-cased, as cql-java does).</summary>
public sealed record CqlModifier(string Type, string? Comparison, string? Value);

/// <summary>A prefix assignment <c>&gt; name = "identifier"</c> (the name is optional).</summary>
public sealed record CqlPrefix(string? Name, string Identifier);

/// <summary>A sort key of <c>sortby</c>.</summary>
public sealed record CqlSortKey(string Index, IReadOnlyList<CqlModifier> Modifiers);

/// <summary>A node of a parsed CQL query, faithful to the CQL grammar (XCQL's structure).</summary>
public abstract record CqlNode
{
    public IReadOnlyList<CqlPrefix> Prefixes { get; init; } = [];

    public IReadOnlyList<CqlSortKey> SortKeys { get; init; } = [];

    /// <summary>
    /// The tree in a canonical text form matching the generic rendering of its XCQL document: an element with
    /// children as <c>name(child child)</c>, a leaf as <c>name="text"</c>.
    /// </summary>
    public abstract string Canonical();

    protected static string Leaf(string name, string text) => $"{name}=\"{text}\"";

    protected static string Modifiers(IReadOnlyList<CqlModifier> modifiers) =>
        modifiers.Count == 0
            ? ""
            : " modifiers(" + string.Join(" ", modifiers.Select(m =>
                "modifier(" + Leaf("type", m.Type)
                + (m.Comparison is null ? "" : " " + Leaf("comparison", m.Comparison))
                + (m.Value is null ? "" : " " + Leaf("value", m.Value)) + ")")) + ")";

    protected string PrefixesText() =>
        Prefixes.Count == 0
            ? ""
            : "prefixes(" + string.Join(" ", Prefixes.Select(p =>
                "prefix(" + (p.Name is null ? "" : Leaf("name", p.Name) + " ") + Leaf("identifier", p.Identifier) + ")")) + ") ";

    protected string SortText() =>
        SortKeys.Count == 0
            ? ""
            : " sortKeys(" + string.Join(" ", SortKeys.Select(k => "key(" + Leaf("index", k.Index) + Modifiers(k.Modifiers) + ")")) + ")";
}

/// <summary><c>index relation term</c> (index and relation inherited when omitted).</summary>
public sealed record CqlSearchClause(string Index, string Relation, IReadOnlyList<CqlModifier> RelationModifiers, string Term, int Position) : CqlNode
{
    public override string Canonical()
    {
        var text = new StringBuilder("searchClause(");
        text.Append(PrefixesText());
        text.Append(Leaf("index", Index)).Append(" relation(").Append(Leaf("value", Relation)).Append(Modifiers(RelationModifiers)).Append(") ");
        text.Append(Leaf("term", Term)).Append(SortText()).Append(')');
        return text.ToString();
    }
}

/// <summary>Two operands joined by a boolean (and, or, not, prox) with its modifiers.</summary>
public sealed record CqlTriple(string Boolean, IReadOnlyList<CqlModifier> BooleanModifiers, CqlNode Left, CqlNode Right, int Position) : CqlNode
{
    public override string Canonical() =>
        "triple(" + PrefixesText() + "boolean(" + Leaf("value", Boolean) + Modifiers(BooleanModifiers) + ") leftOperand(" + Left.Canonical()
        + ") rightOperand(" + Right.Canonical() + ")" + SortText() + ")";
}

using Search.Indexer.Search;

namespace Search.Indexer.Query.Cql;

/// <summary>What part of a well-formed CQL query the engine cannot search with.</summary>
public enum CqlUnsupported
{
    /// <summary>An index the engine does not have.</summary>
    Index,

    /// <summary>A relation the index does not take.</summary>
    Relation,

    /// <summary>A term the index cannot read (a year that is not a number).</summary>
    Term,
}

/// <summary>
/// The query parses, but names something the engine cannot search with. A <see cref="QuerySyntaxException"/>
/// (the JSON API answers it with a 400 as before) that also says which part and what, so SRU can send the
/// matching diagnostic.
/// </summary>
public sealed class CqlUnsupportedException : QuerySyntaxException
{
    public CqlUnsupportedException()
    {
    }

    public CqlUnsupportedException(string message)
        : base(message)
    {
    }

    public CqlUnsupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CqlUnsupportedException(CqlUnsupported kind, string subject, string message, int position)
        : base(message, position)
    {
        Kind = kind;
        Subject = subject;
    }

    public CqlUnsupported Kind { get; }

    /// <summary>The index, relation or term as written.</summary>
    public string Subject { get; } = "";
}

namespace Search.Api.Usage;

/// <summary>What happened.</summary>
public static class UsageKinds
{
    /// <summary>A search; <see cref="UsageEvent.Outcome"/> is regular, automated or federated.</summary>
    public const string Search = "search";

    /// <summary>A record's detail view (an investigation).</summary>
    public const string View = "view";

    /// <summary>A full-text request that was granted (a request, and an investigation).</summary>
    public const string Fulltext = "fulltext";

    /// <summary>A full-text request that was refused; <see cref="UsageEvent.Outcome"/> is the reason.</summary>
    public const string Denied = "denied";
}

/// <summary>How a search reached the platform (COUNTER's search metrics).</summary>
public static class SearchModes
{
    /// <summary>The user chose the databases (a <c>source=</c> filter).</summary>
    public const string Regular = "regular";

    /// <summary>The user searched everything without choosing databases.</summary>
    public const string Automated = "automated";

    /// <summary>Another system searched on the user's behalf (a federated user agent).</summary>
    public const string Federated = "federated";
}

/// <summary>One row of the append-only usage log.</summary>
public sealed record UsageEvent(
    DateTimeOffset OccurredAt,
    string Kind,
    string? Outcome,
    string? Institution,
    string? Account,
    string? Source,
    string? Record,
    string? DataType,
    IReadOnlyList<string> SearchedSources,
    string? QueryKey,
    string Session,
    string? UserAgent,
    string? ClientAddress);

namespace Search.Indexer.Search;

/// <summary>Weights and limits of the search box. The defaults rank title over keywords over abstract.</summary>
public sealed record SearchOptions
{
    public float TitleBoost { get; init; } = 8f;

    public float AlternativeTitleBoost { get; init; } = 5f;

    public float KeywordBoost { get; init; } = 4f;

    public float AuthorBoost { get; init; } = 4f;

    public float SubjectBoost { get; init; } = 2f;

    public float OrganizationBoost { get; init; } = 1.5f;

    public float SourceTitleBoost { get; init; } = 1.5f;

    public float PublisherBoost { get; init; } = 1f;

    public float AbstractBoost { get; init; } = 1f;

    /// <summary>Weight of the SmartCn-words alternative beside the bigram phrase of a Chinese run.</summary>
    public float WordsFactor { get; init; } = 0.5f;

    /// <summary>Weight of the trigram alternative of a Latin or digit run (a fragment cut inside a word) beside a whole-word match.</summary>
    public float InsideWordFactor { get; init; } = 0.4f;

    /// <summary>Weight of an exact identifier match (DOI, ISBN, ...) of a word of the box.</summary>
    public float IdentifierBoost { get; init; } = 20f;

    /// <summary>How much the newest records gain with <see cref="SearchRequest.Recency"/> (0.5 = up to 1.5 times the score).</summary>
    public float RecencyWeight { get; init; } = 0.5f;

    /// <summary>Years over which the recency gain fades to nothing.</summary>
    public int RecencyYears { get; init; } = 15;

    /// <summary>The largest page size; larger requests are clamped.</summary>
    public int MaxPageSize { get; init; } = 100;

    /// <summary>Hits collected per pass when paging deep; deeper pages walk on with SearchAfter.</summary>
    public int PagingWindow { get; init; } = 2000;

    /// <summary>Characters of the abstract shown around its matches.</summary>
    public int AbstractFragmentLength { get; init; } = 120;

    /// <summary>The deepest page offset served at all (hits beyond it are not listed; the total still counts them).</summary>
    public int MaxOffset { get; init; } = 100_000;

    /// <summary>What one search may ask for (terms, characters, nesting); more is a query error naming the limit.</summary>
    public Query.QueryBudget Budget { get; init; } = new();
}

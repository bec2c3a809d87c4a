using System.ComponentModel.DataAnnotations;

namespace Search.Ingestion.Merge;

/// <summary>
/// How records become works and how a work's display fields are chosen (<c>Search:Merge</c>).
/// </summary>
public sealed class MergeOptions
{
    public const string Section = "Search:Merge";

    /// <summary>Sources in order of preference for every display field; sources not listed come after, by id.</summary>
    public List<string> SourcePriority { get; init; } = [];

    /// <summary>Per-field source priority overriding <see cref="SourcePriority"/> for that field.</summary>
    public MergeFieldPriority Fields { get; init; } = new();

    /// <summary><c>longest</c> (default): the longest abstract of any holding; <c>priority</c>: by source priority.</summary>
    [RegularExpression("^(longest|priority)$")]
    public string Abstract { get; init; } = "longest";

    /// <summary>Keywords, subjects and classifications of every holding (default), or of the preferred one only.</summary>
    public bool UnionKeywords { get; init; } = true;

    /// <summary>Bigram Dice of the folded titles from which two records with the same year and compatible authors are one work.</summary>
    [Range(0.5, 1.0)]
    public double TitleSimilarity { get; init; } = 0.85;

    /// <summary>Bigram Dice of the folded titles that two records sharing an ISBN must reach (chapters share their book's ISBN).</summary>
    [Range(0.0, 1.0)]
    public double IsbnTitleSimilarity { get; init; } = 0.6;

    /// <summary>The most candidate records looked at for one record.</summary>
    [Range(1, 10_000)]
    public int MaxCandidates { get; init; } = 200;
}

/// <summary>Source priority per display field; null means <see cref="MergeOptions.SourcePriority"/>.</summary>
public sealed class MergeFieldPriority
{
    public List<string>? Title { get; init; }

    public List<string>? Authors { get; init; }

    public List<string>? SourceTitle { get; init; }

    public List<string>? Publisher { get; init; }

    public List<string>? Abstract { get; init; }

    public List<string>? Year { get; init; }

    public List<string>? Type { get; init; }

    public List<string>? Language { get; init; }
}

namespace Search.Indexer.Search;

/// <summary>The terms a query looks for, per analysis, so the highlighter can mark them in stored text.</summary>
public sealed class HighlightTerms
{
    public HashSet<string> Bigrams { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Exact { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Bigrams.Count == 0 && Words.Count == 0 && Exact.Count == 0;
}

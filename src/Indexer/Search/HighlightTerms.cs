namespace Search.Indexer.Search;

/// <summary>The terms a query looks for, per analysis, so the highlighter can mark them in stored text.</summary>
public sealed class HighlightTerms
{
    public HashSet<string> Bigrams { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Exact { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Each Chinese run of the query of three characters or more, as its bigrams in order: where a text holds
    /// the whole run, only the run is marked there, not its pieces elsewhere (神经网络 does not light up every
    /// lone 网络); where it does not, its pieces are.
    /// </summary>
    public List<string[]> Runs { get; } = [];

    public bool IsEmpty => Bigrams.Count == 0 && Words.Count == 0 && Exact.Count == 0;
}

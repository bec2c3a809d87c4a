using Search.Api.Entitlement;
using Search.Ingestion.Model;

namespace Search.Api.Sru;

/// <summary>
/// A record as one requester may see it: the indexed work, the sources holding it and the full-text decision the
/// JSON API would give. Landing pages are open like all metadata; full-text links only when the decision is
/// <see cref="FulltextAccess.Available"/>.
/// </summary>
public sealed record SruRecord(CatalogRecord Record, IReadOnlyList<string> Sources, string Fulltext)
{
    public bool FulltextAllowed => Fulltext == FulltextAccess.Available;

    /// <summary>The record's and its holdings' links this requester may follow, each once.</summary>
    public IReadOnlyList<RecordLink> Links =>
        Record.Links.Concat(Record.Holdings.SelectMany(h => h.Links))
            .Where(l => FulltextAllowed || l.Kind != "fulltext")
            .DistinctBy(l => l.Url, StringComparer.Ordinal)
            .ToList();
}

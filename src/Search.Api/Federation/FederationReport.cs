using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Search.Indexer.Search;
using Search.Ingestion.Model;

namespace Search.Api.Federation;

/// <summary>How one live target fared in one search, as the response names it.</summary>
public static class TargetStatus
{
    public const string Ok = "ok";
    public const string Timeout = "timeout";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

/// <summary>
/// One live target in the <c>federation</c> object of a search answer.
/// </summary>
/// <param name="Id">The source id.</param>
/// <param name="Name">The source's display name.</param>
/// <param name="Status"><see cref="TargetStatus"/>.</param>
/// <param name="Hits">Records the target gave for this page (those already held appear as holdings, see <paramref name="Merged"/>).</param>
/// <param name="Merged">Of <paramref name="Hits"/>, how many were shown as one more holding of a hit already on the page.</param>
/// <param name="Total">How many records the target says match, when it says.</param>
/// <param name="Ms">How long the target took (0 when answered from the cache).</param>
/// <param name="Reason">Why it timed out, failed or was skipped; null when ok.</param>
/// <param name="Query">The CQL the target was asked, when the query could be translated.</param>
/// <param name="Cached">The answer came from the brief cache of live answers.</param>
public sealed record FederationTarget(string Id, string Name, string Status, int Hits, int Merged, long? Total, long Ms, string? Reason, string? Query, bool Cached);

/// <summary>
/// The <c>federation</c> object of a search answer when live sources are defined.
/// </summary>
/// <param name="Approximate">The answer's <c>total</c> includes live targets' totals (which may count records the catalogue holds too), so it is an estimate.</param>
/// <param name="LocalTotal">The catalogue's own, exact, total.</param>
/// <param name="Merge">How local and live hits were put in one list.</param>
/// <param name="Facets">What the facet counts cover: always <c>local</c> (live targets send no facets).</param>
/// <param name="Targets">Every live source, answered or not.</param>
public sealed record FederationInfo(bool Approximate, long LocalTotal, string Merge, string Facets, IReadOnlyList<FederationTarget> Targets);

/// <summary>A holding of a hit that a live target gave.</summary>
/// <param name="Source">The live source.</param>
/// <param name="ExternalId">The record's id at the target.</param>
/// <param name="Link">The record's first link (landing page or full text), when the target sent one.</param>
public sealed record LiveHolding(string Source, string ExternalId, string? Link);

/// <summary>What a target answered to one query and window, its records mapped.</summary>
public sealed record LiveAnswer(long? Total, IReadOnlyList<CatalogRecord> Records, int Unmappable);

/// <summary>
/// Puts <c>"live": "&lt;source&gt;"</c> (a hit only a live target gave) and <c>"liveHoldings": [...]</c> (the live targets
/// holding the hit) into the JSON of search hits without copying them, as <see cref="Entitlement.AccessJson"/> does:
/// a contract modifier reads the mark attached to the very hit object, and leaves both out when none is.
/// </summary>
public static class FederationJson
{
    private sealed record Mark(string? Live, IReadOnlyList<LiveHolding> Holdings);

    private static readonly ConditionalWeakTable<SearchHit, Mark> Marks = [];

    public static void Attach(SearchHit hit, string? live, IReadOnlyList<LiveHolding> holdings) => Marks.AddOrUpdate(hit, new Mark(live, holdings));

    public static string? LiveOf(SearchHit hit) => Marks.TryGetValue(hit, out var mark) ? mark.Live : null;

    public static IReadOnlyList<LiveHolding> HoldingsOf(SearchHit hit) => Marks.TryGetValue(hit, out var mark) ? mark.Holdings : [];

    public static void AddFederationProperties(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object || info.Type != typeof(SearchHit))
        {
            return;
        }

        var live = info.CreateJsonPropertyInfo(typeof(string), "live");
        live.Get = target => Marks.TryGetValue((SearchHit)target, out var mark) ? mark.Live : null;
        live.ShouldSerialize = (_, value) => value is not null;
        info.Properties.Add(live);

        var holdings = info.CreateJsonPropertyInfo(typeof(IReadOnlyList<LiveHolding>), "liveHoldings");
        holdings.Get = target => Marks.TryGetValue((SearchHit)target, out var mark) && mark.Holdings.Count > 0 ? mark.Holdings : null;
        holdings.ShouldSerialize = (_, value) => value is not null;
        info.Properties.Add(holdings);
    }
}

using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Indexer.Writing;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>Readiness: the database answers and the index is open. Only for callers on this machine.</summary>
public static class HealthApi
{
    /// <param name="Status">Always <c>ready</c> when answered.</param>
    /// <param name="Records">Records in the catalogue.</param>
    /// <param name="IndexedChangeId">The last change of the catalogue's change log that searches see.</param>
    public sealed record Readiness(string Status, long Records, long IndexedChangeId)
    {
        /// <summary>The newest change in the change log: the index is caught up when <see cref="IndexedChangeId"/> has reached it.</summary>
        public long LatestChangeId { get; init; }

        /// <summary>Documents searches see (one per work).</summary>
        public long IndexedDocuments { get; init; }

        /// <summary>Segments of the index searches see (fewer is faster; see <c>Search:Index:SettledSegments</c>).</summary>
        public int IndexSegments { get; init; }

        /// <summary>Whether the index is being merged down after a large load.</summary>
        public bool IndexSettling { get; init; }

        /// <summary>Changes not yet searchable (<see cref="LatestChangeId"/> − <see cref="IndexedChangeId"/>).</summary>
        public long IndexLag => Math.Max(0, LatestChangeId - IndexedChangeId);
    }

    public static async Task<Results<Ok<Readiness>, ProblemHttpResult, NotFound>> ReadyAsync(
        HttpContext http, CatalogStore store, CatalogIndex index, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            return TypedResults.NotFound();
        }

        try
        {
            var indexed = index.LastAppliedChangeId;
            var records = await store.CountRecordsAsync(null, ct);
            var latest = await store.LatestChangeIdAsync(ct);
            return TypedResults.Ok(new Readiness("ready", records, indexed) { LatestChangeId = latest, IndexedDocuments = index.DocumentCount, IndexSegments = index.SegmentCount, IndexSettling = index.IsSettling });
        }
        catch (System.Data.Common.DbException ex)
        {
            return TypedResults.Problem("The catalogue database does not answer: " + ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

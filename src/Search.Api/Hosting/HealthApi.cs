using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Indexer.Writing;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>Readiness: the database answers and the index is open. Only for callers on this machine.</summary>
public static class HealthApi
{
    public sealed record Readiness(string Status, long Records, long IndexedChangeId);

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
            var records = await store.CountRecordsAsync(null, ct);
            return TypedResults.Ok(new Readiness("ready", records, index.LastAppliedChangeId));
        }
        catch (System.Data.Common.DbException ex)
        {
            return TypedResults.Problem("The catalogue database does not answer: " + ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

using Dapper;

namespace Search.Ingestion.Storage;

public sealed partial class CatalogStore
{
    /// <summary>The id of the newest change in the change log (0 when it is empty): an index that has applied it is caught up.</summary>
    public async Task<long> LatestChangeIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM changes") ?? 0;
    }
}

using System.Data.Common;
using Dapper;
using Search.Ingestion.Storage;

namespace Search.Api.Storage;

/// <summary>
/// A transaction that no other transaction with the same key runs beside, in any process: on SQLite every
/// write transaction is one (Microsoft.Data.Sqlite begins them IMMEDIATE, taking the database's write lock at
/// once); on PostgreSQL a transaction-scoped advisory lock on the key, released at commit or rollback.
/// Check-then-insert limits (seats, budgets) run inside one, so they cannot over-allocate.
/// </summary>
public static class Exclusive
{
    public static async Task<DbTransaction> BeginAsync(Database database, DbConnection connection, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(connection);
        var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key }, tx);
            }

            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }
}

using System.Security.Cryptography;
using Dapper;
using Search.Ingestion.Storage;

namespace Search.Api.Storage;

/// <summary>
/// Named signing secrets in <c>access_keys</c>, one for every process on the database: made by the first process
/// that needs one (32 random bytes) and read by every other, so what one signs another (or a restart) verifies.
/// </summary>
public static class AccessKeys
{
    /// <summary>The secret named <paramref name="name"/>, created when missing.</summary>
    public static async Task<byte[]> GetAsync(Database database, TimeProvider time, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO access_keys (name, secret, created_at) VALUES (@Name, @Secret, @Now) ON CONFLICT (name) DO NOTHING",
            new { Name = name, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Now = Clock.Format(time.GetUtcNow()) });
        var secret = await c.QuerySingleAsync<string>("SELECT secret FROM access_keys WHERE name = @Name", new { Name = name });
        return Convert.FromBase64String(secret);
    }
}

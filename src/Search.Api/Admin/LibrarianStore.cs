using Dapper;
using Search.Ingestion.Storage;

namespace Search.Api.Admin;

/// <summary>The platform librarians (table <c>librarians</c>, Search.Api's migration 001): user names and password hashes.</summary>
public sealed class LibrarianStore(Database database, TimeProvider time)
{
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM librarians");
    }

    public async Task<string?> GetPasswordHashAsync(string userName, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT password_hash FROM librarians WHERE user_name = @userName", new { userName });
    }

    /// <summary>Adds a librarian unless one of that name exists; true when added.</summary>
    public async Task<bool> AddAsync(string userName, string passwordHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(
            """
            INSERT INTO librarians (user_name, password_hash, created_at) VALUES (@userName, @passwordHash, @Now)
            ON CONFLICT (user_name) DO NOTHING
            """,
            new { userName, passwordHash, Now = Clock.Format(time.GetUtcNow()) }) > 0;
    }
}

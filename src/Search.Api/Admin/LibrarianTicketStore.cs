using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Search.Ingestion.Storage;

namespace Search.Api.Admin;

/// <summary>
/// Keeps librarians' cookie tickets in the database (table <c>librarian_sessions</c>): the cookie holds only a
/// random key. Logging out deletes the row, so the same cookie is refused afterwards by every process.
/// </summary>
public sealed class LibrarianTicketStore(Database database, TimeProvider time) : ITicketStore
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var c = await database.OpenAsync(default);
        await c.ExecuteAsync(
            "DELETE FROM librarian_sessions WHERE expires_at <= @Now",
            new { Now = Clock.Format(time.GetUtcNow()) });
        await c.ExecuteAsync(
            "INSERT INTO librarian_sessions (id, user_name, ticket, expires_at) VALUES (@Key, @User, @Ticket, @Expires)",
            new { Key = key, User = ticket.Principal.Identity?.Name ?? "", Ticket = Serialize(ticket), Expires = Expires(ticket) });
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await using var c = await database.OpenAsync(default);
        await c.ExecuteAsync(
            "UPDATE librarian_sessions SET ticket = @Ticket, expires_at = @Expires WHERE id = @Key",
            new { Key = key, Ticket = Serialize(ticket), Expires = Expires(ticket) });
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var c = await database.OpenAsync(default);
        var row = await c.QuerySingleOrDefaultAsync<(string Ticket, string ExpiresAt)?>(
            "SELECT ticket, expires_at FROM librarian_sessions WHERE id = @Key", new { Key = key });
        if (row is not { } found || Clock.Parse(found.ExpiresAt) <= time.GetUtcNow())
        {
            return null;
        }

        return TicketSerializer.Default.Deserialize(Convert.FromBase64String(found.Ticket));
    }

    public async Task RemoveAsync(string key)
    {
        await using var c = await database.OpenAsync(default);
        await c.ExecuteAsync("DELETE FROM librarian_sessions WHERE id = @Key", new { Key = key });
    }

    /// <summary>Ends every console session of a librarian (a changed password, a removed librarian).</summary>
    public async Task RemoveAllAsync(string user, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM librarian_sessions WHERE user_name = @User", new { User = user }, cancellationToken: ct));
    }

    private static string Serialize(AuthenticationTicket ticket) => Convert.ToBase64String(TicketSerializer.Default.Serialize(ticket));

    private string Expires(AuthenticationTicket ticket) => Clock.Format(ticket.Properties.ExpiresUtc ?? time.GetUtcNow() + DefaultLifetime);
}

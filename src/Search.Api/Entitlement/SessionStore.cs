using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Search.Api.Storage;
using Search.Ingestion.Storage;

namespace Search.Api.Entitlement;

/// <summary>A visitor's session: anonymous, or bound to an account after a login. Seats are held per session.</summary>
public sealed class AccessSession(string token, string id, string? account, DateTimeOffset lastSeen)
{
    /// <summary>The secret in the cookie (the database keeps only its hash).</summary>
    public string Token { get; } = token;

    /// <summary>The public id written to usage events.</summary>
    public string Id { get; } = id;

    public string? Account { get; } = account;

    public DateTimeOffset LastSeen { get; } = lastSeen;
}

/// <summary>
/// Sessions and the concurrent seats they hold, in the database (tables <c>access_sessions</c> and
/// <c>access_seats</c>), so every process on it sees the same ones and a restart keeps them. A session idle for
/// <see cref="AccessOptions.SessionIdleTimeout"/> is over, and so are its seats, at once: seats are counted by
/// looking at their holders' last activity by the injected clock, not by a sweeper. A seat is taken in an
/// <see cref="Exclusive"/> transaction per subscription, so concurrent requests cannot take more than there are.
/// </summary>
public sealed class SessionStore(Database database, TimeProvider time, IOptions<AccessOptions> options)
{
    /// <summary>
    /// A session's activity is written at most this often while it holds no seat (a search need not write);
    /// a seat holder's every request is written, so its seat lasts exactly the idle timeout after its last one.
    /// </summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(10);

    private long _lastSweepTicks;

    private TimeSpan Idle => options.Value.SessionIdleTimeout;

    /// <summary>The live session for a cookie token, touched; null when unknown or expired (an expired one is ended).</summary>
    public async Task<AccessSession?> TouchAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, string? Account, string LastSeen, long Seats)>(
            """
            SELECT s.id, s.account_id, s.last_seen, (SELECT COUNT(*) FROM access_seats a WHERE a.session_id = s.id)
            FROM access_sessions s WHERE s.token_hash = @hash
            """,
            new { hash = Hash(token) });
        if (row.Id is null)
        {
            return null;
        }

        var lastSeen = Clock.Parse(row.LastSeen);
        if (now - lastSeen >= Idle)
        {
            await EndAsync(c, row.Id, ct);
            return null;
        }

        if (row.Seats > 0 || now - lastSeen >= TouchInterval)
        {
            // Never moves backwards: another process may have written a later moment meanwhile.
            await c.ExecuteAsync(
                "UPDATE access_sessions SET last_seen = @Now WHERE id = @Id AND last_seen < @Now",
                new { row.Id, Now = Clock.Format(now) });
            lastSeen = now;
        }

        return new AccessSession(token, row.Id, row.Account, lastSeen);
    }

    public async Task<AccessSession> StartAsync(string? account, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var session = new AccessSession(
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            account,
            now);
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(
            """
            INSERT INTO access_sessions (id, token_hash, account_id, started_at, last_seen)
            VALUES (@Id, @Hash, @Account, @Now, @Now)
            """,
            new { session.Id, Hash = Hash(session.Token), session.Account, Now = Clock.Format(now) });
        await SweepAsync(c, now, ct);
        return session;
    }

    /// <summary>Ends the session and frees its seats at once (logout, or the anonymous session a login replaces).</summary>
    public async Task EndAsync(AccessSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var c = await database.OpenAsync(ct);
        await EndAsync(c, session.Id, ct);
    }

    /// <summary>
    /// Takes a seat of the subscription for the session (or confirms it holds one); false when all
    /// <paramref name="seats"/> are held by other live sessions.
    /// </summary>
    public async Task<bool> TryTakeSeatAsync(string subscription, int seats, AccessSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        var at = new { Subscription = subscription, Session = session.Id, Now = Clock.Format(now), Cutoff = Clock.Format(now - Idle) };
        await using var c = await database.OpenAsync(ct);
        await using var tx = await Exclusive.BeginAsync(database, c, "seat:" + subscription, ct);
        var held = await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM access_seats WHERE subscription_id = @Subscription AND session_id = @Session", at, tx) > 0;
        if (!held)
        {
            var inUse = await c.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM access_seats a JOIN access_sessions s ON s.id = a.session_id
                WHERE a.subscription_id = @Subscription AND s.last_seen > @Cutoff AND a.session_id <> @Session
                """,
                at,
                tx);
            if (inUse >= seats)
            {
                return false;
            }

            // Seats of sessions that ended or expired are free; their rows go now.
            await c.ExecuteAsync(
                """
                DELETE FROM access_seats WHERE subscription_id = @Subscription
                  AND session_id NOT IN (SELECT id FROM access_sessions WHERE last_seen > @Cutoff)
                """,
                at,
                tx);
            await c.ExecuteAsync(
                "INSERT INTO access_seats (subscription_id, session_id, taken_at) VALUES (@Subscription, @Session, @Now)", at, tx);
        }

        await c.ExecuteAsync("UPDATE access_sessions SET last_seen = @Now WHERE id = @Session AND last_seen < @Now", at, tx);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>For each of the subscriptions with a seat in use: how many live sessions hold one, and whether <paramref name="session"/> is one of them.</summary>
    public async Task<IReadOnlyDictionary<string, SeatState>> SeatsAsync(IReadOnlyCollection<string> subscriptions, AccessSession? session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count == 0)
        {
            return new Dictionary<string, SeatState>(StringComparer.Ordinal);
        }

        var now = time.GetUtcNow();
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Subscription, long InUse, long Held)>(
            $"""
            SELECT a.subscription_id, COUNT(*), SUM(CASE WHEN a.session_id = @Session THEN 1 ELSE 0 END)
            FROM access_seats a JOIN access_sessions s ON s.id = a.session_id
            WHERE {database.AnyOf("a.subscription_id", "Subscriptions")} AND s.last_seen > @Cutoff
            GROUP BY a.subscription_id
            """,
            new { Subscriptions = subscriptions.ToArray(), Session = session?.Id ?? "", Cutoff = Clock.Format(now - Idle) });
        return rows.ToDictionary(r => r.Subscription, r => new SeatState((int)r.InUse, r.Held > 0), StringComparer.Ordinal);
    }

    private static async Task EndAsync(System.Data.Common.DbConnection c, string id, CancellationToken ct)
    {
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync("DELETE FROM access_seats WHERE session_id = @id", new { id }, tx);
        await c.ExecuteAsync("DELETE FROM access_sessions WHERE id = @id", new { id }, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>Forgets expired sessions and their seats about once a minute per process, so cookie-less crawlers do not fill the table.</summary>
    private async Task SweepAsync(System.Data.Common.DbConnection c, DateTimeOffset now, CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        var cutoff = new { Cutoff = Clock.Format(now - Idle) };
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(
            "DELETE FROM access_seats WHERE session_id IN (SELECT id FROM access_sessions WHERE last_seen <= @Cutoff)", cutoff, tx);
        await c.ExecuteAsync("DELETE FROM access_sessions WHERE last_seen <= @Cutoff", cutoff, tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>The cookie's secret is stored as its SHA-256: 32 random bytes need no slow hash, and a leaked table opens no session.</summary>
    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Seats of one subscription in use by live sessions, and whether the asking session holds one.</summary>
public readonly record struct SeatState(int InUse, bool Held);

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
/// <para>
/// An anonymous session costs the database nothing until it takes a seat: its cookie carries its id and the
/// moment it was last seen, signed with a key kept in <c>access_keys</c> (one for every process), and the cookie
/// is signed again, with the new moment, when it is older than <see cref="TouchInterval"/>. So a visitor or
/// script that never sends the cookie back writes no row per request. Taking a seat stores the session; from
/// then on its row decides, as for a logged-in session, whose cookie is a random secret stored as its hash.
/// </para>
/// </summary>
public sealed class SessionStore(Database database, TimeProvider time, IOptions<AccessOptions> options)
{
    /// <summary>
    /// A session's activity is written at most this often while it holds no seat (a search need not write);
    /// a seat holder's every request is written, so its seat lasts exactly the idle timeout after its last one.
    /// </summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(10);

    private const string SignedPrefix = "a1.";

    private long _lastSweepTicks;
    private byte[]? _key;

    private TimeSpan Idle => options.Value.SessionIdleTimeout;

    /// <summary>The live session for a cookie token, touched; null when unknown or expired (an expired one is ended).</summary>
    public async Task<AccessSession?> TouchAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var now = time.GetUtcNow();
        SignedToken? signed = null;
        if (token.StartsWith(SignedPrefix, StringComparison.Ordinal))
        {
            signed = SignedToken.Read(token, await KeyAsync(ct));
            if (signed is null || signed.Value.LastSeen > now + TouchInterval)
            {
                return null;
            }
        }

        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, string? Account, string LastSeen, long Seats, string? EndedAt)>(
            $"""
            SELECT s.id, s.account_id, s.last_seen, (SELECT COUNT(*) FROM access_seats a WHERE a.session_id = s.id), s.ended_at
            FROM access_sessions s WHERE {(signed is null ? "s.token_hash = @hash" : "s.id = @id")}
            """,
            new { hash = signed is null ? Hash(token) : null, id = signed?.Id });
        if (row.Id is null)
        {
            if (signed is not { } anonymous || now - anonymous.LastSeen >= Idle)
            {
                return null;
            }

            // Not stored: the cookie is its only record, signed again now and then with the new moment.
            return now - anonymous.LastSeen >= TouchInterval
                ? new AccessSession(SignedToken.Write(anonymous.Id, now, await KeyAsync(ct)), anonymous.Id, null, now)
                : new AccessSession(token, anonymous.Id, null, anonymous.LastSeen);
        }

        if (row.EndedAt is not null)
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

    /// <summary>
    /// A new session: an anonymous one (<paramref name="account"/> null) lives in its signed cookie and writes
    /// nothing; an account's is stored at once, with a random secret as its cookie.
    /// </summary>
    public async Task<AccessSession> StartAsync(string? account, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (account is null)
        {
            return new AccessSession(SignedToken.Write(id, now, await KeyAsync(ct)), id, null, now);
        }

        var session = new AccessSession(
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
            id,
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
        if (!session.Token.StartsWith(SignedPrefix, StringComparison.Ordinal))
        {
            await EndAsync(c, session.Id, ct);
            return;
        }

        // A signed cookie stays valid for the idle timeout after its moment: its row stays that long, marked
        // ended (the sweep removes it with the idle ones), so that the cookie finds an ended session.
        var now = Clock.Format(time.GetUtcNow());
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync("DELETE FROM access_seats WHERE session_id = @Id", new { session.Id }, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO access_sessions (id, token_hash, account_id, started_at, last_seen, ended_at)
            VALUES (@Id, @Hash, NULL, @Now, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, ended_at = excluded.ended_at
            """,
            new { session.Id, Hash = Hash(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), Now = now },
            tx);
        await tx.CommitAsync(ct);
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
            // An anonymous session is stored when it first takes a seat; its signed cookie finds the row by id.
            // The row's secret is one nobody holds, so no cookie but the signed one leads to it.
            await c.ExecuteAsync(
                """
                INSERT INTO access_sessions (id, token_hash, account_id, started_at, last_seen)
                VALUES (@Session, @Hash, NULL, @Now, @Now) ON CONFLICT (id) DO NOTHING
                """,
                new { Session = session.Id, Hash = Hash(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), at.Now },
                tx);
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
        if (!held)
        {
            await SweepAsync(c, now, ct);
        }

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

    /// <summary>The signing key, made by the first process that needs it and read by every other.</summary>
    private async ValueTask<byte[]> KeyAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _key) is { } known)
        {
            return known;
        }

        var key = await AccessKeys.GetAsync(database, time, "session", ct);
        Volatile.Write(ref _key, key);
        return key;
    }

    /// <summary>The cookie's secret is stored as its SHA-256: 32 random bytes need no slow hash, and a leaked table opens no session.</summary>
    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// An anonymous session's cookie: <c>a1.{id}.{last seen, Unix seconds}.{HMAC-SHA256 of what precedes}</c>, the
/// MAC in unpadded base64url. A cookie whose MAC does not verify with the key is no session.
/// </summary>
internal readonly record struct SignedToken(string Id, DateTimeOffset LastSeen)
{
    public static string Write(string id, DateTimeOffset lastSeen, byte[] key)
    {
        var body = $"a1.{id}.{lastSeen.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return body + "." + Mac(body, key);
    }

    public static SignedToken? Read(string token, byte[] key)
    {
        var parts = token.Split('.');
        if (parts.Length != 4 || parts[1].Length is 0 or > 32 || !long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var body = token[..token.LastIndexOf('.')];
        var expected = Encoding.ASCII.GetBytes(Mac(body, key));
        var given = Encoding.ASCII.GetBytes(parts[3]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        return new SignedToken(parts[1], DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    private static string Mac(string body, byte[] key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body))).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}

/// <summary>Seats of one subscription in use by live sessions, and whether the asking session holds one.</summary>
public readonly record struct SeatState(int InUse, bool Held);

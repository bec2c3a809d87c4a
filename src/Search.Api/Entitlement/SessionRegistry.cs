using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Search.Api.Entitlement;

/// <summary>A visitor's session: anonymous, or bound to an account after a login. Seats are held per session.</summary>
public sealed class AccessSession(string token, string id, string? account, DateTimeOffset lastSeen)
{
    /// <summary>The secret in the cookie.</summary>
    public string Token { get; } = token;

    /// <summary>The public id written to usage events.</summary>
    public string Id { get; } = id;

    public string? Account { get; } = account;

    public DateTimeOffset LastSeen { get; internal set; } = lastSeen;

    internal HashSet<string> Seats { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Sessions and the concurrent seats they hold, in memory (a restart logs everyone out). A session idle for
/// longer than <see cref="AccessOptions.SessionIdleTimeout"/> is over, and so are its seats, at once: seats are
/// counted by looking at their holders' last activity, not by a sweeper.
/// </summary>
public sealed class SessionRegistry(TimeProvider time, IOptions<AccessOptions> options)
{
    private readonly Dictionary<string, AccessSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<AccessSession>> _seatHolders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _lastSweep;

    private TimeSpan Idle => options.Value.SessionIdleTimeout;

    /// <summary>The live session for a cookie token, touched; null when unknown or expired.</summary>
    public AccessSession? Touch(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_sessions.TryGetValue(token, out var session))
            {
                return null;
            }

            if (!IsLive(session, now))
            {
                EndLocked(session);
                return null;
            }

            session.LastSeen = now;
            return session;
        }
    }

    public AccessSession Start(string? account)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            SweepLocked(now);
            var session = new AccessSession(
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                account,
                now);
            _sessions[session.Token] = session;
            return session;
        }
    }

    public void End(AccessSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            EndLocked(session);
        }
    }

    /// <summary>Whether the session holds, or can take, one of <paramref name="seats"/> seats of the subscription.</summary>
    public bool HasSeat(string subscription, int seats, AccessSession? session)
    {
        lock (_gate)
        {
            return (session is not null && session.Seats.Contains(subscription)) || LiveHolders(subscription) < seats;
        }
    }

    /// <summary>Takes a seat for the session (or confirms it holds one); false when all are in use.</summary>
    public bool TryTakeSeat(string subscription, int seats, AccessSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            if (session.Seats.Contains(subscription))
            {
                return true;
            }

            if (LiveHolders(subscription) >= seats)
            {
                return false;
            }

            session.Seats.Add(subscription);
            if (!_seatHolders.TryGetValue(subscription, out var holders))
            {
                _seatHolders[subscription] = holders = [];
            }

            holders.Add(session);
            return true;
        }
    }

    /// <summary>Live seats in use for a subscription.</summary>
    public int SeatsInUse(string subscription)
    {
        lock (_gate)
        {
            return LiveHolders(subscription);
        }
    }

    private int LiveHolders(string subscription)
    {
        if (!_seatHolders.TryGetValue(subscription, out var holders))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        foreach (var expired in holders.Where(h => !IsLive(h, now)).ToList())
        {
            EndLocked(expired);
        }

        return holders.Count;
    }

    private bool IsLive(AccessSession session, DateTimeOffset now) =>
        _sessions.ContainsKey(session.Token) && now - session.LastSeen < Idle;

    private void EndLocked(AccessSession session)
    {
        _sessions.Remove(session.Token);
        foreach (var subscription in session.Seats)
        {
            if (_seatHolders.TryGetValue(subscription, out var holders))
            {
                holders.Remove(session);
            }
        }

        session.Seats.Clear();
    }

    /// <summary>Forgets expired sessions now and then, so that cookie-less crawlers do not fill memory.</summary>
    private void SweepLocked(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(1) && _sessions.Count < 100_000)
        {
            return;
        }

        _lastSweep = now;
        foreach (var expired in _sessions.Values.Where(s => now - s.LastSeen >= Idle).ToList())
        {
            EndLocked(expired);
        }
    }
}

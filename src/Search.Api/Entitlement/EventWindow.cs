using Dapper;
using Search.Api.Storage;
using Search.Ingestion.Storage;

namespace Search.Api.Entitlement;

/// <summary>Events of one key within the window: how many, and when the oldest of them leaves it.</summary>
public readonly record struct WindowCount(int Count, DateTimeOffset? OldestExpiry);

/// <summary>
/// Counts events per key within a sliding window of time, in a table of the database (key, moment), so every
/// process counts the same events and a restart forgets none. Times come from the injected <see cref="TimeProvider"/>;
/// an event counts while it is younger than the window. Adding under a limit is one <see cref="Exclusive"/>
/// transaction per key, so two processes cannot both add the last allowed event.
/// </summary>
public abstract class EventWindow
{
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly string _table;
    private long _lastSweepTicks;

    /// <param name="table">A table with <c>event_key</c> and <c>occurred_at</c> columns (a constant of the subclass, never input).</param>
    protected EventWindow(Database database, TimeProvider time, string table)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _table = table;
    }

    /// <summary>The count within the window before now of each key (keys without events are left out).</summary>
    public async Task<IReadOnlyDictionary<string, WindowCount>> CountAsync(IReadOnlyCollection<string> keys, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return new Dictionary<string, WindowCount>(StringComparer.Ordinal);
        }

        await using var c = await _database.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Key, long Count, string Oldest)>(
            $"""
            SELECT event_key, COUNT(*), MIN(occurred_at) FROM {_table}
            WHERE {_database.AnyOf("event_key", "Keys")} AND occurred_at > @Cutoff GROUP BY event_key
            """,
            new { Keys = keys.ToArray(), Cutoff = Clock.Format(_time.GetUtcNow() - window) });
        return rows.ToDictionary(r => r.Key, r => new WindowCount((int)r.Count, Clock.Parse(r.Oldest) + window), StringComparer.Ordinal);
    }

    public async Task<WindowCount> CountAsync(string key, TimeSpan window, CancellationToken ct) =>
        (await CountAsync([key], window, ct)).GetValueOrDefault(key);

    /// <summary>Adds an event unless the key already has <paramref name="limit"/> in the window (limit 0 = none); true when added.</summary>
    public async Task<bool> TryAddAsync(string key, TimeSpan window, int limit, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var at = new { Key = key, Now = Clock.Format(now), Cutoff = Clock.Format(now - window) };
        await using var c = await _database.OpenAsync(ct);
        await using var tx = await Exclusive.BeginAsync(_database, c, _table + ":" + key, ct);
        if (limit > 0 && await c.ExecuteScalarAsync<long>(
                $"SELECT COUNT(*) FROM {_table} WHERE event_key = @Key AND occurred_at > @Cutoff", at, tx) >= limit)
        {
            return false;
        }

        await c.ExecuteAsync($"INSERT INTO {_table} (event_key, occurred_at) VALUES (@Key, @Now)", at, tx);
        await tx.CommitAsync(ct);
        await SweepAsync(c, now, window, ct);
        return true;
    }

    /// <summary>Adds one event to each key, with no limit.</summary>
    public async Task AddAsync(IReadOnlyCollection<string> keys, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = _time.GetUtcNow();
        await using var c = await _database.OpenAsync(ct);
        await c.ExecuteAsync($"INSERT INTO {_table} (event_key, occurred_at) VALUES (@Key, @Now)", keys.Select(k => new { Key = k, Now = Clock.Format(now) }));
        await SweepAsync(c, now, window, ct);
    }

    public async Task ResetAsync(string key, CancellationToken ct)
    {
        await using var c = await _database.OpenAsync(ct);
        await c.ExecuteAsync($"DELETE FROM {_table} WHERE event_key = @key", new { key });
    }

    /// <summary>About once a minute per process, the events that left the window (they count for nothing any more) go.</summary>
    private async Task SweepAsync(System.Data.Common.DbConnection c, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        await c.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {_table} WHERE occurred_at <= @Cutoff", new { Cutoff = Clock.Format(now - window) }, cancellationToken: ct));
    }
}

/// <summary>Granted full-text requests per budget key (<c>account:…</c>, <c>institution:…</c>): the download budgets' window.</summary>
public sealed class DownloadEvents(Database database, TimeProvider time) : EventWindow(database, time, "download_events");

/// <summary>Failed logins per user name and per client address: the login throttle's window.</summary>
public sealed class LoginFailures(Database database, TimeProvider time) : EventWindow(database, time, "login_failures");

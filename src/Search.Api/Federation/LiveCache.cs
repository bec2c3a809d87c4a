using Microsoft.Extensions.Options;

namespace Search.Api.Federation;

/// <summary>
/// A target's answers kept briefly (<see cref="FederationOptions.CacheLifetime"/>) per source, source version, CQL
/// and window, so paging back and forth or a repeated search does not ask the target again. Only answers are kept,
/// never failures or timeouts. Bounded by <see cref="FederationOptions.CacheCapacity"/>: when full, expired entries go
/// first, then the oldest.
/// </summary>
public sealed class LiveCache(IOptions<FederationOptions> options, TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Expires, LiveAnswer Answer)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public static string Key(string sourceId, DateTimeOffset sourceVersion, string cql, int start, int maximum) =>
        string.Join('\u001f', sourceId, sourceVersion.UtcTicks, cql, start, maximum);

    public bool TryGet(string key, out LiveAnswer answer)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow())
            {
                answer = entry.Answer;
                return true;
            }

            _entries.Remove(key);
        }

        answer = null!;
        return false;
    }

    public void Set(string key, LiveAnswer answer)
    {
        var lifetime = options.Value.CacheLifetime;
        var capacity = options.Value.CacheCapacity;
        if (lifetime <= TimeSpan.Zero || capacity == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_entries.Count >= capacity && !_entries.ContainsKey(key))
            {
                foreach (var expired in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(expired);
                }

                if (_entries.Count >= capacity)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.Expires).Key);
                }
            }

            _entries[key] = (now + lifetime, answer);
        }
    }
}

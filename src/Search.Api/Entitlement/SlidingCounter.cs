namespace Search.Api.Entitlement;

/// <summary>Counts events per key within a sliding window of time; thread-safe, driven by a <see cref="TimeProvider"/>.</summary>
public sealed class SlidingCounter(TimeProvider time)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _events = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many events the key had within the window before now.</summary>
    public int Count(string key, TimeSpan window)
    {
        lock (_gate)
        {
            return Trim(key, window)?.Count ?? 0;
        }
    }

    /// <summary>When the oldest event in the window leaves it (the earliest moment the count drops).</summary>
    public DateTimeOffset? OldestExpiry(string key, TimeSpan window)
    {
        lock (_gate)
        {
            var queue = Trim(key, window);
            return queue is { Count: > 0 } ? queue.Peek() + window : null;
        }
    }

    /// <summary>Adds an event unless the key already has <paramref name="limit"/> in the window (limit 0 = none); true when added.</summary>
    public bool TryAdd(string key, TimeSpan window, int limit)
    {
        lock (_gate)
        {
            var queue = Trim(key, window);
            if (limit > 0 && queue is not null && queue.Count >= limit)
            {
                return false;
            }

            if (queue is null)
            {
                _events[key] = queue = new Queue<DateTimeOffset>();
            }

            queue.Enqueue(time.GetUtcNow());
            return true;
        }
    }

    public void Reset(string key)
    {
        lock (_gate)
        {
            _events.Remove(key);
        }
    }

    private Queue<DateTimeOffset>? Trim(string key, TimeSpan window)
    {
        if (!_events.TryGetValue(key, out var queue))
        {
            return null;
        }

        var cutoff = time.GetUtcNow() - window;
        while (queue.Count > 0 && queue.Peek() <= cutoff)
        {
            queue.Dequeue();
        }

        if (queue.Count == 0)
        {
            _events.Remove(key);
            return null;
        }

        return queue;
    }
}

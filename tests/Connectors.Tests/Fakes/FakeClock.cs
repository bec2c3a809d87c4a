namespace Search.Connectors.Tests.Fakes;

/// <summary>
/// A clock that only moves when a timer fires. Timers whose due time passes <see cref="ShouldFire"/> fire at once
/// (on the thread pool) and move the clock by their due time; the others never fire. Every due time asked for is
/// recorded, so tests assert the delays requested, not the wall clock.
/// </summary>
public sealed class FakeClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _fired = [];
    private DateTimeOffset _now;

    public FakeClock(DateTimeOffset start)
    {
        _now = start;
    }

    public FakeClock()
        : this(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Decides which timers fire at once; by default those due in less than an hour.</summary>
    public Func<TimeSpan, bool> ShouldFire { get; set; } = due => due < TimeSpan.FromHours(1);

    /// <summary>The due times of the timers that fired, in order.</summary>
    public IReadOnlyList<TimeSpan> Fired
    {
        get
        {
            lock (_gate)
            {
                return [.. _fired];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && ShouldFire(dueTime))
        {
            lock (_gate)
            {
                _fired.Add(dueTime);
                _now += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new IdleTimer();
    }

    private sealed class IdleTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

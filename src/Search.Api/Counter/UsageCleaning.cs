using Search.Api.Usage;

namespace Search.Api.Counter;

/// <summary>COUNTER's processing rules over the raw usage log, before counting.</summary>
public static class UsageCleaning
{
    /// <summary>
    /// Leaves out robots (a user agent in the list, or a session with more actions in the rate window than
    /// allowed), then applies the double-click rule: of two identical actions by one session (the same search,
    /// or the same kind of action on the same record) within the window, only the second counts.
    /// </summary>
    public static IReadOnlyList<UsageEvent> Clean(IReadOnlyList<UsageEvent> events, CounterOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var humans = events.Where(e => !IsRobotAgent(e.UserAgent, options)).ToList();
        var robotSessions = humans.GroupBy(e => e.Session, StringComparer.Ordinal)
            .Where(g => ExceedsRate(g.Select(e => e.OccurredAt).Order().ToList(), options))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        humans.RemoveAll(e => robotSessions.Contains(e.Session));

        var kept = new List<UsageEvent>();
        foreach (var group in humans.GroupBy(ClickKey, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(e => e.OccurredAt).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var next = i + 1 < ordered.Count ? ordered[i + 1] : null;
                if (next is null || next.OccurredAt - ordered[i].OccurredAt > options.DoubleClickWindow)
                {
                    kept.Add(ordered[i]);
                }
            }
        }

        return kept.OrderBy(e => e.OccurredAt).ToList();
    }

    public static bool IsRobotAgent(string? userAgent, CounterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return userAgent is not null && options.RobotUserAgents.Any(r => userAgent.Contains(r, StringComparison.OrdinalIgnoreCase));
    }

    private static bool ExceedsRate(List<DateTimeOffset> times, CounterOptions options)
    {
        var max = options.RobotMaxActions;
        for (var i = 0; i + max < times.Count; i++)
        {
            if (times[i + max] - times[i] < options.RobotWindow)
            {
                return true;
            }
        }

        return false;
    }

    private static string ClickKey(UsageEvent e) =>
        e.Kind == UsageKinds.Search
            ? $"{e.Session}\u001fsearch\u001f{e.QueryKey}"
            : $"{e.Session}\u001f{e.Kind}\u001f{e.Record}\u001f{e.Outcome}";
}

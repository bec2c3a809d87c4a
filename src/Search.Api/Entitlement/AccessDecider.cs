using Microsoft.Extensions.Options;

namespace Search.Api.Entitlement;

/// <summary>The four answers to "may this person have the full text?".</summary>
public static class FulltextAccess
{
    public const string Available = "available";
    public const string LoginRequired = "login_required";
    public const string NoLicense = "no_license";
    public const string LimitExceeded = "limit_exceeded";
}

/// <summary>A decision: the answer, the source and subscription that grant it, and a sentence for the person asking.</summary>
public sealed record AccessDecision(string Fulltext, string? Source, Subscription? Subscription, string Detail, bool BudgetExhausted = false, TimeSpan? RetryAfter = null)
{
    public bool IsAvailable => Fulltext == FulltextAccess.Available;
}

/// <summary>
/// What one requester may have now: the requester's current subscriptions (from the in-memory snapshot) with
/// the seats in use and the budgets spent, loaded from the database once. Deciding any number of records
/// (a search page) against it costs no further query.
/// </summary>
public sealed class AccessView
{
    internal AccessView(
        Requester who,
        EntitlementSnapshot snapshot,
        DateTimeOffset now,
        IReadOnlyList<Subscription> subscriptions,
        IReadOnlyDictionary<string, SeatState> seats,
        IReadOnlyDictionary<string, WindowCount> budgets)
    {
        Who = who;
        Snapshot = snapshot;
        Now = now;
        Subscriptions = subscriptions;
        Seats = seats;
        Budgets = budgets;
    }

    public Requester Who { get; }

    internal EntitlementSnapshot Snapshot { get; }

    internal DateTimeOffset Now { get; }

    /// <summary>The requester's current subscriptions: the address's institution and its consortium first, then the account's.</summary>
    internal IReadOnlyList<Subscription> Subscriptions { get; }

    internal IReadOnlyDictionary<string, SeatState> Seats { get; }

    internal IReadOnlyDictionary<string, WindowCount> Budgets { get; }
}

/// <summary>
/// Decides full-text access for a record's holdings (its sources). Rights are the union of the address's
/// institution (and its consortium) and the logged-in account; only current subscriptions count; a seat
/// limit and the download budgets can still say <c>limit_exceeded</c>. Seats and budgets live in the
/// database (<see cref="SessionStore"/>, <see cref="DownloadEvents"/>), so every process decides alike.
/// </summary>
public sealed class AccessDecider(
    EntitlementCatalog catalog,
    SessionStore sessions,
    DownloadEvents downloads,
    TimeProvider time,
    IOptions<AccessOptions> options)
{
    /// <summary>
    /// Loads what limits the requester now: the seats of their seat-limited subscriptions and their budgets'
    /// windows (nothing for someone without subscriptions, at most two queries otherwise).
    /// </summary>
    public async Task<AccessView> ViewAsync(Requester who, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        var snapshot = catalog.Current;
        var now = time.GetUtcNow();
        var subscriptions = new List<Subscription>();
        if (who.Institution is not null)
        {
            foreach (var holder in snapshot.SelfAndAncestors(who.Institution))
            {
                subscriptions.AddRange(snapshot.SubscriptionsOfInstitution(holder).Where(s => s.IsCurrentAt(now) && snapshot.Packages.ContainsKey(s.Package)));
            }
        }

        if (who.Account is not null)
        {
            subscriptions.AddRange(snapshot.SubscriptionsOfAccount(who.Account.Id).Where(s => s.IsCurrentAt(now) && snapshot.Packages.ContainsKey(s.Package)));
        }

        var seatLimited = subscriptions.Where(s => s.Seats is not null).Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var budgetKeys = subscriptions.Select(s => Budget(who, s)).Where(b => b.Limit > 0).Select(b => b.Key).Distinct(StringComparer.Ordinal).ToList();
        var seats = await sessions.SeatsAsync(seatLimited, who.Session, ct);
        var budgets = await downloads.CountAsync(budgetKeys, options.Value.DownloadBudget.Window, ct);
        return new AccessView(who, snapshot, now, subscriptions, seats, budgets);
    }

    /// <summary>What a request would get now, without taking a seat or spending the budget (search hits, record pages).</summary>
    public AccessDecision Peek(AccessView view, IReadOnlyList<string> sources)
    {
        var decision = DecideAsync(view, sources, consume: false, CancellationToken.None);
        // Deciding without consuming never touches the database: the view holds everything.
        return decision.IsCompletedSuccessfully ? decision.Result : throw new InvalidOperationException("A peek must not wait.");
    }

    public async Task<AccessDecision> PeekAsync(Requester who, IReadOnlyList<string> sources, CancellationToken ct) =>
        Peek(await ViewAsync(who, ct), sources);

    /// <summary>Decides and, when granted, takes the seat and counts the download (the full-text route), each atomically in the database.</summary>
    public async Task<AccessDecision> ConsumeAsync(Requester who, IReadOnlyList<string> sources, CancellationToken ct) =>
        await DecideAsync(await ViewAsync(who, ct), sources, consume: true, ct);

    private async ValueTask<AccessDecision> DecideAsync(AccessView view, IReadOnlyList<string> sources, bool consume, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(sources);
        var o = options.Value;
        var who = view.Who;
        var open = sources.FirstOrDefault(s => o.OpenSources.Contains(s, StringComparer.Ordinal));
        if (open is not null)
        {
            return new AccessDecision(FulltextAccess.Available, open, null, $"Source '{open}' is open access.");
        }

        var candidates = new List<(Subscription Subscription, string Source)>();
        foreach (var s in view.Subscriptions)
        {
            var covered = sources.FirstOrDefault(view.Snapshot.Packages[s.Package].Contains);
            if (covered is not null)
            {
                candidates.Add((s, covered));
            }
        }

        if (candidates.Count == 0)
        {
            return who.IsAnonymous
                ? new AccessDecision(FulltextAccess.LoginRequired, null, null, "The full text needs a subscription: log in, or connect from a subscribing institution.")
                : new AccessDecision(FulltextAccess.NoLicense, null, null, $"No current subscription of {Describe(who)} covers {string.Join(", ", sources)}.");
        }

        string? lastLimit = null;
        var budgetOnly = true;
        TimeSpan? retry = null;
        foreach (var (subscription, source) in candidates)
        {
            var (budgetKey, limit) = Budget(who, subscription);
            if (limit > 0 && view.Budgets.TryGetValue(budgetKey, out var spent) && spent.Count >= limit)
            {
                lastLimit = $"The download budget of {budgetKey.Replace(":", " '", StringComparison.Ordinal)}' ({limit} per {o.DownloadBudget.Window}) is used up.";
                var wait = spent.OldestExpiry - view.Now;
                retry = retry is null || wait < retry ? wait : retry;
                continue;
            }

            if (subscription.Seats is { } seats)
            {
                var seated = consume
                    ? await sessions.TryTakeSeatAsync(subscription.Id, seats, who.Session, ct)
                    : view.Seats.TryGetValue(subscription.Id, out var state) ? state.Held || state.InUse < seats : seats > 0;
                if (!seated)
                {
                    budgetOnly = false;
                    lastLimit = $"All {seats} concurrent seats of subscription '{subscription.Id}' are in use; try again later.";
                    continue;
                }
            }

            if (consume && !await downloads.TryAddAsync(budgetKey, o.DownloadBudget.Window, limit, ct))
            {
                lastLimit = $"The download budget of {budgetKey} is used up.";
                continue;
            }

            return new AccessDecision(FulltextAccess.Available, source, subscription, $"Subscription '{subscription.Id}' covers source '{source}'.");
        }

        return new AccessDecision(FulltextAccess.LimitExceeded, null, null, lastLimit ?? "A limit is exceeded.", budgetOnly && retry is not null, retry);
    }

    /// <summary>The budget a download under the subscription spends: the account's, or the asking institution's.</summary>
    private (string Key, int Limit) Budget(Requester who, Subscription subscription)
    {
        var o = options.Value.DownloadBudget;
        return subscription.Account is not null ? ("account:" + subscription.Account, o.PerAccount) : ("institution:" + who.Institution, o.PerInstitution);
    }

    private static string Describe(Requester who) =>
        (who.Institution, who.Account) switch
        {
            ({ } i, { } a) => $"institution '{i}' or account '{a.Id}'",
            ({ } i, null) => $"institution '{i}'",
            (null, { } a) => $"account '{a.Id}'",
            _ => "anyone",
        };
}

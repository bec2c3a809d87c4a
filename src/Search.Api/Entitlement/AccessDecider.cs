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
/// Decides full-text access for a record's holdings (its sources). Rights are the union of the address's
/// institution (and its consortium) and the logged-in account; only current subscriptions count; a seat
/// limit and the download budgets can still say <c>limit_exceeded</c>.
/// </summary>
public sealed class AccessDecider(
    EntitlementCatalog catalog,
    SessionRegistry sessions,
    SlidingCounter counter,
    TimeProvider time,
    IOptions<AccessOptions> options)
{
    /// <summary>What a request would get now, without taking a seat or spending the budget (search hits, record pages).</summary>
    public AccessDecision Peek(Requester who, IReadOnlyList<string> sources) => Decide(who, sources, consume: false);

    /// <summary>Decides and, when granted, takes the seat and counts the download (the full-text route).</summary>
    public AccessDecision Consume(Requester who, IReadOnlyList<string> sources) => Decide(who, sources, consume: true);

    private AccessDecision Decide(Requester who, IReadOnlyList<string> sources, bool consume)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(sources);
        var o = options.Value;
        var open = sources.FirstOrDefault(s => o.OpenSources.Contains(s, StringComparer.Ordinal));
        if (open is not null)
        {
            return new AccessDecision(FulltextAccess.Available, open, null, $"Source '{open}' is open access.");
        }

        var snapshot = catalog.Current;
        var now = time.GetUtcNow();
        var candidates = new List<(Subscription Subscription, string Source)>();
        if (who.Institution is not null)
        {
            foreach (var holder in snapshot.SelfAndAncestors(who.Institution))
            {
                Collect(snapshot.SubscriptionsOfInstitution(holder));
            }
        }

        if (who.Account is not null)
        {
            Collect(snapshot.SubscriptionsOfAccount(who.Account.Id));
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
            var budgetKey = subscription.Account is not null ? "account:" + subscription.Account : "institution:" + who.Institution;
            var limit = subscription.Account is not null ? o.DownloadBudget.PerAccount : o.DownloadBudget.PerInstitution;
            if (limit > 0 && counter.Count(budgetKey, o.DownloadBudget.Window) >= limit)
            {
                lastLimit = $"The download budget of {budgetKey.Replace(":", " '", StringComparison.Ordinal)}' ({limit} per {o.DownloadBudget.Window}) is used up.";
                var wait = counter.OldestExpiry(budgetKey, o.DownloadBudget.Window) - now;
                retry = retry is null || wait < retry ? wait : retry;
                continue;
            }

            if (subscription.Seats is { } seats)
            {
                var seated = consume ? sessions.TryTakeSeat(subscription.Id, seats, who.Session) : sessions.HasSeat(subscription.Id, seats, who.Session);
                if (!seated)
                {
                    budgetOnly = false;
                    lastLimit = $"All {seats} concurrent seats of subscription '{subscription.Id}' are in use; try again later.";
                    continue;
                }
            }

            if (consume && !counter.TryAdd(budgetKey, o.DownloadBudget.Window, limit))
            {
                lastLimit = $"The download budget of {budgetKey} is used up.";
                continue;
            }

            return new AccessDecision(FulltextAccess.Available, source, subscription, $"Subscription '{subscription.Id}' covers source '{source}'.");
        }

        return new AccessDecision(FulltextAccess.LimitExceeded, null, null, lastLimit ?? "A limit is exceeded.", budgetOnly && retry is not null, retry);

        void Collect(IReadOnlyList<Subscription> subscriptions)
        {
            foreach (var s in subscriptions)
            {
                if (!s.IsCurrentAt(now) || !snapshot.Packages.TryGetValue(s.Package, out var packageSources))
                {
                    continue;
                }

                var covered = sources.FirstOrDefault(packageSources.Contains);
                if (covered is not null)
                {
                    candidates.Add((s, covered));
                }
            }
        }
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

namespace Search.Api.Entitlement;

/// <summary>
/// An immutable, in-memory picture of institutions, ranges, packages, accounts and subscriptions, so that
/// deciding the access of twenty hits costs a few dictionary look-ups and one binary search, not a query.
/// </summary>
public sealed class EntitlementSnapshot
{
    private const int MaxConsortiumDepth = 8;
    private readonly (IpRange Range, string Institution)[] _ranges;
    private readonly Dictionary<string, List<Subscription>> _byInstitution;
    private readonly Dictionary<string, List<Subscription>> _byAccount;
    private readonly Dictionary<string, List<string>> _members;

    public EntitlementSnapshot(
        IReadOnlyList<Institution> institutions,
        IReadOnlyList<Package> packages,
        IReadOnlyList<Account> accounts,
        IReadOnlyList<Subscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(institutions);
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(subscriptions);
        Institutions = institutions.ToDictionary(i => i.Id, StringComparer.Ordinal);
        PackageList = packages;
        Packages = packages.ToDictionary(p => p.Id, p => p.Sources.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Accounts = accounts.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _ranges = institutions
            .SelectMany(i => i.IpRanges.Select(text => IpRange.TryParse(text, out var r, out _) ? (r, i.Id) : ((IpRange, string)?)null))
            .OfType<(IpRange, string)>()
            .OrderBy(x => x.Item1.First)
            .ToArray();
        _byInstitution = subscriptions.Where(s => s.Institution is not null)
            .GroupBy(s => s.Institution!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _byAccount = subscriptions.Where(s => s.Account is not null)
            .GroupBy(s => s.Account!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _members = institutions.Where(i => i.Parent is not null)
            .GroupBy(i => i.Parent!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(i => i.Id).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    public static EntitlementSnapshot Empty { get; } = new([], [], [], []);

    public IReadOnlyDictionary<string, Institution> Institutions { get; }

    public IReadOnlyDictionary<string, HashSet<string>> Packages { get; }

    public IReadOnlyList<Package> PackageList { get; }

    public IReadOnlyDictionary<string, Account> Accounts { get; }

    /// <summary>The institution whose range holds the address (ranges never overlap, so there is at most one).</summary>
    public string? InstitutionAt(UInt128 address)
    {
        int lo = 0, hi = _ranges.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_ranges[mid].Range.First <= address)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && _ranges[found].Range.Contains(address) ? _ranges[found].Institution : null;
    }

    /// <summary>The institution, then its consortium, then that one's consortium (a member uses its consortium's subscriptions).</summary>
    public IEnumerable<string> SelfAndAncestors(string institution)
    {
        var current = institution;
        for (var depth = 0; current is not null && depth < MaxConsortiumDepth; depth++)
        {
            yield return current;
            current = Institutions.TryGetValue(current, out var i) ? i.Parent : null;
        }
    }

    public IReadOnlyList<string> MembersOf(string institution) =>
        _members.TryGetValue(institution, out var list) ? list : [];

    /// <summary>The institution and every member below it: the consortium view of usage.</summary>
    public IReadOnlyList<string> SelfAndDescendants(string institution)
    {
        var result = new List<string> { institution };
        for (var i = 0; i < result.Count && result.Count < 10_000; i++)
        {
            result.AddRange(MembersOf(result[i]).Where(m => !result.Contains(m)));
        }

        return result;
    }

    public IReadOnlyList<Subscription> SubscriptionsOfInstitution(string institution) =>
        _byInstitution.TryGetValue(institution, out var list) ? list : [];

    public IReadOnlyList<Subscription> SubscriptionsOfAccount(string account) =>
        _byAccount.TryGetValue(account, out var list) ? list : [];

    /// <summary>Problems with <paramref name="ranges"/> for institution <paramref name="id"/>: syntax, and overlaps with any other institution's ranges or with each other.</summary>
    public IReadOnlyList<string> CheckRanges(string id, IReadOnlyList<string> ranges, out List<string> canonical)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var problems = new List<string>();
        var parsed = new List<IpRange>();
        foreach (var text in ranges)
        {
            if (IpRange.TryParse(text, out var range, out var problem))
            {
                parsed.Add(range);
            }
            else
            {
                problems.Add(problem!);
            }
        }

        for (var i = 0; i < parsed.Count; i++)
        {
            for (var j = i + 1; j < parsed.Count; j++)
            {
                if (parsed[i].Overlaps(parsed[j]))
                {
                    problems.Add($"{parsed[i]} overlaps {parsed[j]} in the same request.");
                }
            }

            foreach (var (other, owner) in _ranges)
            {
                if (owner != id && other.Overlaps(parsed[i]))
                {
                    var ownerName = Institutions.TryGetValue(owner, out var o) ? o.Name : owner;
                    problems.Add($"{parsed[i]} of institution '{id}' overlaps {other} of institution '{owner}' ({ownerName}).");
                }
            }
        }

        canonical = parsed.Select(p => p.Text).ToList();
        return problems;
    }
}

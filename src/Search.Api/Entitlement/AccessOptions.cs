using System.ComponentModel.DataAnnotations;

namespace Search.Api.Entitlement;

/// <summary>Entitlement settings, bound from <c>Search:Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Search:Access";

    /// <summary>A session (anonymous or logged in) ends after this long without a request; its seats are free at once.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often each process checks whether another one changed institutions, packages, accounts or subscriptions.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SnapshotRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sources whose full text is open to everyone (open access).</summary>
    public List<string> OpenSources { get; set; } = [];

    /// <summary>Name of the session cookie.</summary>
    [Required]
    public string CookieName { get; set; } = "search_session";

    public DownloadBudgetOptions DownloadBudget { get; set; } = new();

    public LoginThrottleOptions LoginThrottle { get; set; } = new();
}

/// <summary>Full-text downloads allowed per account and per institution within a sliding window (0 = no limit).</summary>
public sealed class DownloadBudgetOptions
{
    [Range(0, int.MaxValue)]
    public int PerAccount { get; set; } = 300;

    [Range(0, int.MaxValue)]
    public int PerInstitution { get; set; } = 5000;

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Failed logins allowed per user name and per client address within a sliding window.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Failures of one user name from one address before that address must wait (for that name only).</summary>
    [Range(1, int.MaxValue)]
    public int MaxFailuresPerUserFromAddress { get; set; } = 5;

    /// <summary>Failures of one user name from all addresses together: the bound on a guess spread over many addresses.</summary>
    [Range(1, int.MaxValue)]
    public int MaxFailuresPerUser { get; set; } = 100;

    [Range(1, int.MaxValue)]
    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Bound from <c>Search</c>: <c>Search:TrustedProxies</c> lists the reverse proxies (addresses or CIDRs) whose X-Forwarded-For is believed.</summary>
public sealed class ProxyOptions
{
    public List<string> TrustedProxies { get; set; } = [];
}

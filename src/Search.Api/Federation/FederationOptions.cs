using System.ComponentModel.DataAnnotations;

namespace Search.Api.Federation;

/// <summary>Live federated search over the sources marked live, bound from <c>Search:Federation</c> and validated at start.</summary>
public sealed class FederationOptions : IValidatableObject
{
    public const string Section = "Search:Federation";

    /// <summary>How long a search waits for each live target; the local hits never wait longer.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a target's answer to one query (and window) is reused; zero caches nothing.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many answers the cache keeps at most (the oldest go first).</summary>
    [Range(0, 100_000)]
    public int CacheCapacity { get; set; } = 1000;

    /// <summary>How many records each live target is asked for per page of results (page n asks for the target's n-th window).</summary>
    [Range(1, 100)]
    public int RecordsPerTarget { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Deadline < TimeSpan.FromMilliseconds(50) || Deadline > TimeSpan.FromSeconds(60))
        {
            yield return new ValidationResult("Search:Federation:Deadline must be from 00:00:00.05 to 00:01:00.", [nameof(Deadline)]);
        }

        if (CacheLifetime < TimeSpan.Zero || CacheLifetime > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Search:Federation:CacheLifetime must be from 00:00:00 to 01:00:00.", [nameof(CacheLifetime)]);
        }
    }
}

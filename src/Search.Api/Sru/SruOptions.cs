using System.ComponentModel.DataAnnotations;

namespace Search.Api.Sru;

/// <summary>The SRU server's settings, bound from <c>Search:Sru</c> and validated at start.</summary>
public sealed class SruOptions : IValidatableObject
{
    public const string Section = "Search:Sru";

    /// <summary>The database title explain gives.</summary>
    [Required]
    public string Title { get; set; } = "科技文献检索";

    /// <summary>The database description explain gives.</summary>
    public string Description { get; set; } = "Sci-tech literature merged from the platform's partners: journal articles, theses, patents, standards.";

    /// <summary>Records per response when the client does not say.</summary>
    [Range(0, 1000)]
    public int DefaultMaximumRecords { get; set; } = 10;

    /// <summary>The most records one response carries (a larger <c>maximumRecords</c> is cut to it).</summary>
    [Range(1, 1000)]
    public int MaximumRecords { get; set; } = 100;

    /// <summary>Terms per scan when the client does not say.</summary>
    [Range(1, 1000)]
    public int DefaultMaximumTerms { get; set; } = 20;

    /// <summary>The most terms one scan may ask for (more is diagnostic 121).</summary>
    [Range(1, 1000)]
    public int MaximumTerms { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultMaximumRecords > MaximumRecords)
        {
            yield return new ValidationResult("Search:Sru:DefaultMaximumRecords must not exceed MaximumRecords.", [nameof(DefaultMaximumRecords)]);
        }

        if (DefaultMaximumTerms > MaximumTerms)
        {
            yield return new ValidationResult("Search:Sru:DefaultMaximumTerms must not exceed MaximumTerms.", [nameof(DefaultMaximumTerms)]);
        }
    }
}

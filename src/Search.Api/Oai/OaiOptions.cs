using System.ComponentModel.DataAnnotations;

namespace Search.Api.Oai;

/// <summary>The OAI-PMH provider's settings, bound from <c>Search:Oai</c> and validated at start.</summary>
public sealed class OaiOptions : IValidatableObject
{
    public const string Section = "Search:Oai";

    /// <summary>Identify's repositoryName.</summary>
    [Required]
    public string RepositoryName { get; set; } = "科技文献检索";

    /// <summary>The namespace of the item identifiers <c>oai:&lt;RepositoryIdentifier&gt;:&lt;work id&gt;</c>: a domain name the platform owns.</summary>
    [Required]
    [RegularExpression(@"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$", ErrorMessage = "Search:Oai:RepositoryIdentifier must be a domain name (oai-identifier scheme), such as kjwx.example.org.")]
    public string RepositoryIdentifier { get; set; } = "scitech-search.local";

    /// <summary>Identify's adminEmail.</summary>
    [Required]
    [EmailAddress]
    public string AdminEmail { get; set; } = "oai-admin@scitech-search.local";

    /// <summary>Headers or records per ListIdentifiers / ListRecords response; the rest follows by resumption token.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>How long a resumption token is honoured after it was issued.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TokenLifetime < TimeSpan.FromMinutes(1) || TokenLifetime > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult("Search:Oai:TokenLifetime must be from one minute to 30 days.", [nameof(TokenLifetime)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Search.Api.Counter;

/// <summary>COUNTER and SUSHI settings, bound from <c>Search:Counter</c>.</summary>
public sealed class CounterOptions
{
    public const string Section = "Search:Counter";

    /// <summary>The platform's name in the reports.</summary>
    [Required]
    public string Platform { get; set; } = "SciTechSearch";

    /// <summary><c>Created_By</c> and the publisher named in DR, TR and IR.</summary>
    [Required]
    public string CreatedBy { get; set; } = "Provincial Sci-Tech Information Platform";

    /// <summary>Prefix of proprietary identifiers (<c>scitech:inst-1</c>).</summary>
    [Required]
    public string ProprietaryNamespace { get; set; } = "scitech";

    /// <summary>Two identical actions of one session closer than this count once (COUNTER's double-click rule).</summary>
    public TimeSpan DoubleClickWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>User-agent fragments (case-insensitive) of robots and crawlers; their usage is left out of reports.</summary>
    public List<string> RobotUserAgents { get; set; } =
    [
        "bot", "crawler", "spider", "slurp", "curl/", "wget", "python-requests", "httpclient", "scrapy", "headlesschrome", "go-http-client", "java/",
    ];

    /// <summary>A session with more than <see cref="RobotMaxActions"/> actions within <see cref="RobotWindow"/> is a robot: all its usage is left out.</summary>
    [Range(1, int.MaxValue)]
    public int RobotMaxActions { get; set; } = 60;

    public TimeSpan RobotWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>User-agent fragments of discovery systems searching on a user's behalf: their searches are Searches_Federated.</summary>
    public List<string> FederatedUserAgents { get; set; } = [];
}

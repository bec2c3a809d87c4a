namespace Search.Ingestion.Model;

/// <summary>The bibliographic facts of a patent document beyond the common record fields.</summary>
public sealed class PatentDetails
{
    /// <summary>The office's kind code as published: "A1", "B2", "A", "U", "Y".</summary>
    public string? Kind { get; set; }

    /// <summary>One of <see cref="PatentCategories"/>, from the kind code.</summary>
    public string? Category { get; set; }

    public DateOnly? PublicationDate { get; set; }

    /// <summary>The application number as the office writes it ("EP19883405.3", "CN201510436362.X").</summary>
    public string? ApplicationNumber { get; set; }

    public DateOnly? ApplicationDate { get; set; }

    /// <summary>Priority claims in the order given.</summary>
    public List<PatentPriority> Priorities { get; init; } = [];

    /// <summary>Designated contracting states (EPO B840), two-letter codes.</summary>
    public List<string> DesignatedStates { get; init; } = [];
}

/// <summary>A priority claim: the earlier application's country, number and filing date.</summary>
public sealed record PatentPriority(string Country, string Number, DateOnly? Date);

/// <summary>What a kind code says a patent document is.</summary>
public static class PatentCategories
{
    /// <summary>A published application for an invention (A, A1, A2, A3).</summary>
    public const string Invention = "invention";

    /// <summary>A granted patent (B, B1, B2, C).</summary>
    public const string Grant = "grant";

    /// <summary>A Chinese utility model (U, and Y before 2010 style numbering).</summary>
    public const string UtilityModel = "utility-model";

    /// <summary>A design (S).</summary>
    public const string Design = "design";

    /// <summary>The category of a kind code, or null when it is not one of these.</summary>
    public static string? Of(string? kind) => kind?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        var k when k[0] == 'A' => Invention,
        var k when k[0] is 'B' or 'C' => Grant,
        var k when k[0] is 'U' or 'Y' => UtilityModel,
        var k when k[0] == 'S' => Design,
        _ => null,
    };
}

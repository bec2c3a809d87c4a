using System.Xml.Linq;
using Search.Connectors.Patents;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>A text and the language it is in (as the document names it: "en", "zh", "chi"), when it says.</summary>
internal readonly record struct LocalizedText(string? Language, string Text);

/// <summary>
/// Where one family of patent documents keeps each field: element paths by local name (<see cref="LocalPath"/>)
/// from the root. <see cref="PatentShapeMapper"/> reads any family from its shape; the shapes are in
/// <see cref="PatentShapes"/>.
/// </summary>
internal sealed record PatentShape
{
    /// <summary>The root element's local name (<see cref="PatentRoots"/>).</summary>
    public required string Root { get; init; }

    /// <summary>The office's country code, for numbers written without one.</summary>
    public required string Country { get; init; }

    /// <summary>The language the document is published in.</summary>
    public required Func<XElement, string?> Language { get; init; }

    /// <summary>Titles of the invention, in every language given.</summary>
    public required Func<XElement, IEnumerable<LocalizedText>> Titles { get; init; }

    /// <summary>Abstracts, in every language given.</summary>
    public required Func<XElement, IEnumerable<LocalizedText>> Abstracts { get; init; }

    /// <summary>Elements holding applicants' (and proprietors') names.</summary>
    public required IReadOnlyList<string> Applicants { get; init; }

    /// <summary>Elements holding inventors' names.</summary>
    public required IReadOnlyList<string> Inventors { get; init; }

    /// <summary>Elements holding IPC symbols (split or fixed-width text).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Elements holding application numbers; the first found is the one shown.</summary>
    public required IReadOnlyList<string> ApplicationNumbers { get; init; }

    public required string ApplicationDate { get; init; }

    /// <summary>The element holding the kind code of the publication.</summary>
    public required string Kind { get; init; }

    public required Func<XElement, IEnumerable<PatentPriority>> Priorities { get; init; }

    /// <summary>Elements holding designated states' country codes.</summary>
    public IReadOnlyList<string> DesignatedStates { get; init; } = [];

    /// <summary>Texts of the elements the path reaches, each with the value of its <paramref name="languageAttribute"/>.</summary>
    public static Func<XElement, IEnumerable<LocalizedText>> Localized(string path, string languageAttribute = "lang") =>
        root => LocalPath.Elements(root, path).Select(e => new LocalizedText(LocalPath.Attribute(e, languageAttribute), PatentFields.Text(e)));

    /// <summary>Priority claims from elements with a country, a number and a date child (paths from the claim).</summary>
    public static Func<XElement, IEnumerable<PatentPriority>> PriorityClaims(string path, string country, string number, string date) =>
        root => LocalPath.Elements(root, path).Select(e => Priority(
            LocalPath.First(e, country)?.Value, LocalPath.First(e, number)?.Value, LocalPath.First(e, date)?.Value)).OfType<PatentPriority>();

    /// <summary>A priority claim from its parts, or null without a number.</summary>
    public static PatentPriority? Priority(string? country, string? number, string? date)
    {
        var text = TextNormalizer.Normalize(number, WidthFolding.None);
        return text.Length == 0 ? null : new PatentPriority(country?.Trim().ToUpperInvariant() ?? string.Empty, text, PatentFields.Date(date));
    }
}

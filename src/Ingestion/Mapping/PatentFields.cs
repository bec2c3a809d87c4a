using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>How every patent mapper reads classes, dates, offices and text.</summary>
internal static partial class PatentFields
{
    [GeneratedRegex(@"^([A-H])\s*(\d{2})\s*([A-Z])\s*0*(\d{1,4})\s*/\s*(\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex IpcShape();

    // A symbol inside fixed-width text: "C07D 271/113       20060101AFI20200522BHEP", " 7C 07C  29/44   A", "G09F   15/02    (2006.01)".
    [GeneratedRegex(@"(?<![A-Z0-9])([A-H])\s*(\d{2})\s*([A-Z])\s*0*(\d{1,4})\s*/\s*(\d{1,6})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IpcInText();

    // The edition number before an edition 1-7 symbol: "7C 07C 29/44" is C07C 29/44 of edition 7.
    [GeneratedRegex(@"^\d{1,2}(?=[A-H])", RegexOptions.CultureInvariant)]
    private static partial Regex IpcEdition();

    /// <summary>An IPC/CPC symbol in the usual form (<c>G06F015/16</c> becomes <c>G06F 15/16</c>), or null.</summary>
    public static string? Ipc(string? text) => Symbol(IpcShape().Match(Fold(text)));

    /// <summary>The first IPC symbol written in a fixed-width classification text, edition and version dates left out.</summary>
    public static string? IpcIn(string? text) => Symbol(IpcInText().Match(IpcEdition().Replace(Fold(text), string.Empty)));

    /// <summary>The office that publishes a country's documents.</summary>
    public static string? PublisherOf(string? country) => country?.Trim().ToUpperInvariant() switch
    {
        "US" => "United States Patent and Trademark Office",
        "CN" => "国家知识产权局",
        "EP" => "European Patent Office",
        "WO" => "World Intellectual Property Organization",
        _ => null,
    };

    /// <summary>A <c>yyyyMMdd</c> date, or null.</summary>
    public static DateOnly? Date(string? text) =>
        Search.Connectors.Patents.PatentXmlReader.ParseDate(text) is { } date ? DateOnly.FromDateTime(date.UtcDateTime) : null;

    /// <summary>The element's text as the partner wrote it: whitespace collapsed, control characters gone, NFC, nothing width-folded.</summary>
    public static string Text(XElement element) =>
        TextNormalizer.Normalize(string.Join(' ', element.DescendantNodes().OfType<XText>().Select(t => t.Value)), WidthFolding.None);

    private static string Fold(string? text) => TextNormalizer.Normalize(text, WidthFolding.All).ToUpperInvariant();

    private static string? Symbol(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        var g = match.Groups;
        return string.Create(CultureInfo.InvariantCulture, $"{g[1].Value}{g[2].Value}{g[3].Value} {int.Parse(g[4].Value, CultureInfo.InvariantCulture)}/{g[5].Value}");
    }
}

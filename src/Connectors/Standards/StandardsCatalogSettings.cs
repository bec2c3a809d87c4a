using System.Text.Json;
using AngleSharp.Css.Parser;
using Search.Connectors.Http;

namespace Search.Connectors.Standards;

/// <summary>
/// A source's settings for <see cref="StandardsCatalogConnector"/>:
/// <code>
/// {"startUrl": "https://std.example.gov.cn/search?p=1",
///  "selectors": {"detailLink": "table.result td.num a", "nextPage": "a.next-page",
///                "fields": {"number": "#std-code", "titleZh": "#title-cn", "titleEn": "#title-en",
///                           "status": ".std-status", "issueDate": "#issue-date", "implementationDate": "#impl-date",
///                           "replaces": "#replaced a", "ics": "#ics", "ccs": "#ccs", "issuer": "#issued-by"}},
///  "maxPages": 1000, "http": {...}}
/// </code>
/// <c>detailLink</c> selects the links to detail pages on a list page, <c>nextPage</c> the link to the next
/// list page; each field selector picks elements of a detail page whose text is kept (all matches, in order).
/// </summary>
public sealed record StandardsCatalogSettings(
    Uri StartUrl,
    string DetailLink,
    string? NextPage,
    IReadOnlyDictionary<string, string> Fields,
    int MaxPages,
    HttpPolicy Http)
{
    /// <summary>The field names a detail page may be cut into.</summary>
    public static IReadOnlyList<string> KnownFields { get; } =
        ["number", "titleZh", "titleEn", "status", "issueDate", "implementationDate", "abolishDate", "replaces", "replacedBy",
         "ics", "ccs", "issuer", "proposer", "drafters", "abstract", "language"];

    public static StandardsCatalogSettings? Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (settings.ValueKind != JsonValueKind.Object)
        {
            problems.Add("The settings must be a JSON object with \"startUrl\" and \"selectors\".");
            return null;
        }

        var before = problems.Count;
        var startText = Text(settings, "startUrl");
        if (!Uri.TryCreate(startText, UriKind.Absolute, out var start) || (start.Scheme != Uri.UriSchemeHttp && start.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("'startUrl' is required: the absolute http(s) address of the catalogue's first list page.");
            start = null;
        }

        var parser = new CssSelectorParser();
        string? detailLink = null, nextPage = null;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (settings.TryGetProperty("selectors", out var selectors) && selectors.ValueKind == JsonValueKind.Object)
        {
            detailLink = Selector(selectors, "detailLink", parser, problems);
            nextPage = Selector(selectors, "nextPage", parser, problems);
            if (selectors.TryGetProperty("fields", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in map.EnumerateObject())
                {
                    if (!KnownFields.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
                    {
                        problems.Add($"'selectors.fields.{field.Name}' is not a field of ours; known: {string.Join(", ", KnownFields)}.");
                    }
                    else if (Selector(map, field.Name, parser, problems) is { } selector)
                    {
                        fields[field.Name] = selector;
                    }
                }
            }
        }

        if (detailLink is null)
        {
            problems.Add("'selectors.detailLink' is required: the CSS selector of the links to detail pages on a list page.");
        }

        if (!fields.ContainsKey("number") || !fields.ContainsKey("titleZh"))
        {
            problems.Add("'selectors.fields' needs at least \"number\" and \"titleZh\".");
        }

        var maxPages = 10_000;
        if (settings.TryGetProperty("maxPages", out var max))
        {
            if (max.ValueKind == JsonValueKind.Number && max.TryGetInt32(out var n) && n >= 1)
            {
                maxPages = n;
            }
            else
            {
                problems.Add("'maxPages' must be a whole number above 0.");
            }
        }

        var http = HttpPolicy.FromSettings(settings, problems);
        return problems.Count > before || start is null || detailLink is null
            ? null
            : new StandardsCatalogSettings(start, detailLink, nextPage, fields, maxPages, http);
    }

    private static string? Selector(JsonElement parent, string name, CssSelectorParser parser, ICollection<string> problems)
    {
        var text = Text(parent, name);
        if (text is null)
        {
            return null;
        }

        if (parser.ParseSelector(text) is null)
        {
            problems.Add($"'{name}' is not a CSS selector: '{text}'.");
            return null;
        }

        return text;
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()?.Trim() is { Length: > 0 } t ? t : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Search.Connectors.JsonApi;

/// <summary>
/// The catalogue fields a librarian can map a partner's JSON or CSV to, and the payload envelope that carries
/// the mapping with the record: <c>{"fields": {"title": "title", ...}, "record": {...}}</c>. The mapping travels
/// with each record so the mapper needs nothing but the harvested record, and a record is re-mapped later with
/// the mapping it was harvested with.
/// </summary>
public static class MappedFields
{
    public const string Title = "title";

    /// <summary>Every field name a mapping may use.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        Title, "alternativeTitles", "authors", "organizations", "abstract", "keywords", "subjects", "classifications",
        "year", "date", "language", "type", "publisher", "sourceTitle", "doi", "isbn", "issn", "url",
        "patentNumbers", "standardNumbers", "identifiers",
    ];

    /// <summary>The payload envelope for one record.</summary>
    public static string Envelope(IReadOnlyDictionary<string, string> fields, JsonNode? record)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var mapping = new JsonObject();
        foreach (var (field, path) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            mapping[field] = path;
        }

        var envelope = new JsonObject { ["fields"] = mapping, ["record"] = record };
        return envelope.ToJsonString(EnvelopeOptions);
    }

    private static readonly JsonSerializerOptions EnvelopeOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>How a catalogue record is kept in the store: JSON, deterministic so that equal records compare equal.</summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(CatalogRecord record) => JsonSerializer.Serialize(record, Options);

    public static CatalogRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<CatalogRecord>(json, Options)
        ?? throw new InvalidOperationException("A stored record is empty.");
}

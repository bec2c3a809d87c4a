using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Connectors.Harvesting;

namespace Search.Connectors.JsonApi;

/// <summary>
/// Where a JSON API harvest stands, opaque to everyone but <see cref="JsonApiConnector"/>. Between passes only
/// <see cref="From"/> is set (the newest change date of the last pass, for APIs with a <c>from</c> parameter);
/// during a pass <see cref="Position"/> is the next page number, offset or cursor, and <see cref="MaxDate"/>
/// the newest change date seen so far.
/// </summary>
public sealed record JsonApiCheckpoint(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("position")] string? Position = null,
    [property: JsonPropertyName("maxDate")] string? MaxDate = null)
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static JsonApiCheckpoint Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JsonApiCheckpoint((string?)null);
        }

        try
        {
            return JsonSerializer.Deserialize<JsonApiCheckpoint>(text, Options) ?? new JsonApiCheckpoint((string?)null);
        }
        catch (JsonException ex)
        {
            throw new ConnectorException($"The stored checkpoint is not a JSON API checkpoint: {ex.Message}", ex);
        }
    }
}

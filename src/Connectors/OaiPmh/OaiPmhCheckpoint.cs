using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Connectors.Harvesting;

namespace Search.Connectors.OaiPmh;

/// <summary>
/// Where an OAI-PMH harvest stands, stored as a small JSON string opaque to everyone else.
/// Between runs only <see cref="From"/> is set: the partner's <c>responseDate</c> of the first answer of the
/// last complete window, in the partner's granularity. While a window is being paged it also holds the next
/// resumption token and that first <c>responseDate</c>.
/// </summary>
/// <param name="From">The window's (or the next window's) <c>from</c>; null harvests everything.</param>
/// <param name="Until">The window's <c>until</c>, when it has one.</param>
/// <param name="ResumptionToken">The token of the next page of the window in progress.</param>
/// <param name="WindowResponseDate">The partner's <c>responseDate</c> of the window's first answer.</param>
/// <param name="HarvestUntil">
/// During a first harvest sliced into date windows (<c>windowDays</c>): the partner's clock when slicing began,
/// where the last window ends and the next incremental harvest starts. <see cref="From"/>/<see cref="Until"/>
/// are then the current window, which may not have started yet (no resumption token).
/// </param>
public sealed record OaiPmhCheckpoint(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("until")] string? Until = null,
    [property: JsonPropertyName("resumptionToken")] string? ResumptionToken = null,
    [property: JsonPropertyName("windowResponseDate")] string? WindowResponseDate = null,
    [property: JsonPropertyName("harvestUntil")] string? HarvestUntil = null)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonIgnore]
    public bool InProgress => ResumptionToken is not null;

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a stored checkpoint; null for none. Throws <see cref="ConnectorException"/> when it is not one of ours.</summary>
    public static OaiPmhCheckpoint? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OaiPmhCheckpoint>(text, Options)
                ?? throw new ConnectorException("The stored OAI-PMH checkpoint is empty.");
        }
        catch (JsonException ex)
        {
            throw new ConnectorException($"The stored checkpoint is not an OAI-PMH checkpoint: {ex.Message}", ex);
        }
    }
}

using System.Text.Json;

namespace Search.Connectors.Sru;

/// <summary>
/// Where an SRU harvest stands: the record position the next page starts at, for the result set of
/// <see cref="ResultSetHash"/>. A pass that ended stores position 1, so the next run is a new full pass.
/// </summary>
public sealed record SruCheckpoint(string ResultSetHash, int NextPosition)
{
    public string Serialize() => JsonSerializer.Serialize(new Stored(ResultSetHash, NextPosition));

    /// <summary>The checkpoint, or null for none or one that cannot be read (the harvest then starts from record 1).</summary>
    public static SruCheckpoint? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(text);
            return stored is { Query: not null, Next: > 0 } ? new SruCheckpoint(stored.Query, stored.Next) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Stored(string? Query, int Next);
}

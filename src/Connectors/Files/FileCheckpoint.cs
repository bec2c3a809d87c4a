using System.Text.Json;
using System.Text.Json.Serialization;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Files;

/// <summary>A file as it was when it was read completely.</summary>
/// <param name="Path">Relative to the source's folder, <c>/</c> separated.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
public sealed record FileFingerprint(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>The files of a source read completely, opaque to everyone but <see cref="FileConnector"/>.</summary>
public sealed record FileCheckpoint([property: JsonPropertyName("files")] IReadOnlyList<FileFingerprint> Files)
{
    public string Serialize() => JsonSerializer.Serialize(this);

    /// <summary>Reads a stored checkpoint; an empty one for none. Throws <see cref="ConnectorException"/> when it is not one of ours.</summary>
    public static FileCheckpoint Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FileCheckpoint([]);
        }

        try
        {
            var checkpoint = JsonSerializer.Deserialize<FileCheckpoint>(text);
            return checkpoint?.Files is null ? new FileCheckpoint([]) : checkpoint;
        }
        catch (JsonException ex)
        {
            throw new ConnectorException($"The stored checkpoint is not a file connector checkpoint: {ex.Message}", ex);
        }
    }
}

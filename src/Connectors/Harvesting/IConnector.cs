using System.Text.Json;

namespace Search.Connectors.Harvesting;

/// <summary>What a connector can do, so the runner and the admin UI need no special cases.</summary>
[Flags]
public enum ConnectorCapabilities
{
    None = 0,
    /// <summary>Can ask the partner only for what changed since the last run.</summary>
    Incremental = 1,
    /// <summary>The partner reports deleted records.</summary>
    Deletions = 2,
    /// <summary>The partner's records can be harvested by set (collection).</summary>
    Sets = 4,
    /// <summary>The partner can be searched live, without harvesting (federated search).</summary>
    LiveSearch = 8,
}

/// <summary>Everything a connector gets for one harvest.</summary>
/// <param name="SourceId">The source being harvested.</param>
/// <param name="Settings">The source's settings as the librarian wrote them (connector specific).</param>
/// <param name="Checkpoint">The checkpoint stored after the last committed batch, or null for a first harvest.</param>
public sealed record HarvestContext(string SourceId, JsonElement Settings, string? Checkpoint);

/// <summary>
/// A connector talks to one kind of partner and streams what it harvests in batches. It never maps fields
/// and never writes to the store.
/// </summary>
public interface IConnector
{
    /// <summary>The name librarians use in a source definition: <c>oai-pmh</c>, <c>sru</c>, <c>file</c>...</summary>
    string Kind { get; }

    ConnectorCapabilities Capabilities { get; }

    /// <summary>Checks a source's settings; returns the problems found (empty when they are usable).</summary>
    IReadOnlyList<string> ValidateSettings(JsonElement settings);

    /// <summary>
    /// The top-level settings this connector reads, so that a source definition naming anything else is refused
    /// when it is stored; null when the connector does not declare them (any key is then kept).
    /// </summary>
    IReadOnlyCollection<string>? SettingNames => null;

    /// <summary>
    /// Streams the harvest from the context's checkpoint. The last batch carries the checkpoint the next
    /// incremental run starts from. Throws <see cref="ConnectorException"/> when the partner cannot be harvested.
    /// </summary>
    IAsyncEnumerable<HarvestBatch> HarvestAsync(HarvestContext context, CancellationToken cancellationToken);
}

/// <summary>The partner could not be harvested (protocol error, partner down after retries, bad settings).</summary>
public class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Finds the connector for a source's <c>connector</c> kind.</summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, IConnector> _byKind;

    public ConnectorRegistry(IEnumerable<IConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        _byKind = connectors.ToDictionary(c => c.Kind, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<string> Kinds => _byKind.Keys.Order(StringComparer.Ordinal);

    public IConnector? Find(string kind) => _byKind.GetValueOrDefault(kind);

    public IConnector Get(string kind) =>
        Find(kind) ?? throw new ConnectorException($"Unknown connector kind '{kind}'. Known kinds: {string.Join(", ", Kinds)}.");
}

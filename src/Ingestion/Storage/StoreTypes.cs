using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>A partner source as a librarian defines it.</summary>
/// <param name="Id">Short stable id used in URLs and facets (e.g. <c>calis</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Connector">Connector kind (<c>oai-pmh</c>, <c>file</c>, ...).</param>
/// <param name="Settings">Connector settings as JSON.</param>
/// <param name="Schedule">A Quartz cron expression, or null for manual harvests only.</param>
/// <param name="ScheduleTimeZone">The IANA time zone the schedule is read in; null for the host's default.</param>
public sealed record SourceDefinition(string Id, string Name, string Connector, JsonElement Settings, string? Schedule, string? ScheduleTimeZone = null);

/// <summary>A source as stored, with the checkpoint of its last committed batch.</summary>
public sealed record StoredSource(
    SourceDefinition Definition,
    string? Checkpoint,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long RecordCount)
{
    /// <summary>A librarian paused the source's scheduled harvests (a harvest asked for by hand still runs).</summary>
    public bool Paused { get; init; }
}

/// <summary>The states of a harvest run, as the API spells them.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Stopped by a librarian; the checkpoint of its last committed batch is kept for the next run.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>One harvest run and what it did.</summary>
public sealed record HarvestRunInfo(
    long RunId,
    string Source,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Harvested,
    int New,
    int Updated,
    int Deleted,
    int Quarantined,
    IReadOnlyList<string> Errors);

/// <summary>A record or fragment that could not become a catalogue record, kept with its reason.</summary>
public sealed record QuarantinedRecord(
    long Id,
    string SourceId,
    long RunId,
    string? ExternalId,
    string Reason,
    string? Payload,
    DateTimeOffset CreatedAt);

/// <summary>A harvested record together with the outcome of mapping it.</summary>
/// <param name="Raw">As the partner sent it.</param>
/// <param name="Mapped">The canonical record, or null when deleted or unmappable.</param>
/// <param name="QuarantineReason">Why it could not be mapped, when it could not.</param>
public sealed record PreparedRecord(HarvestedRecord Raw, CatalogRecord? Mapped, string? QuarantineReason)
{
    /// <summary>The record's <see cref="Harvesting.RawRecordHash"/>, stored with the raw record; null stores none.</summary>
    public string? PayloadHash { get; init; }

    /// <summary>
    /// The store holds this record with this <see cref="PayloadHash"/> already (as a catalogue record, or as a
    /// deletion), so it was not mapped and only its raw record's run and pass are updated. The commit checks it
    /// again in its transaction and fails with <see cref="StaleBatchException"/> when it no longer holds. An
    /// external id may be unchanged only once in a batch.
    /// </summary>
    public bool Unchanged { get; init; }
}

/// <summary>A record a batch called unchanged had changed by the time the batch was committed; nothing was written.</summary>
public sealed class StaleBatchException : Exception
{
    public StaleBatchException()
    {
    }

    public StaleBatchException(string message)
        : base(message)
    {
    }

    public StaleBatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What one committed batch changed.</summary>
public sealed record BatchCounts(int Harvested, int New, int Updated, int Deleted, int Quarantined)
{
    public static BatchCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public BatchCounts Add(BatchCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Harvested + other.Harvested,
            New + other.New,
            Updated + other.Updated,
            Deleted + other.Deleted,
            Quarantined + other.Quarantined);
    }
}

/// <summary>A catalogue record together with where it came from.</summary>
public sealed record StoredRecord(CatalogRecord Record, DateTimeOffset UpdatedAt);

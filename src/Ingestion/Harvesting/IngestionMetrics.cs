using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Search.Ingestion.Harvesting;

/// <summary>
/// Where a harvest's time goes, batch by batch: meter <c>Search.Ingestion</c>, histogram
/// <c>search.ingestion.batch.phase</c> in seconds, tagged with the phase (<c>fetch</c>: the connector producing a
/// batch, on its own task ahead of the rest; <c>read</c>: how long the runner waited for it; <c>map</c>: hashing,
/// finding unchanged records and mapping; <c>store.*</c>: the batch's transaction, of which
/// <c>store.prepare.rows</c>, <c>.postings</c>, <c>.candidates</c> and <c>.works</c> are the parts of
/// <c>store.prepare</c> that read what work assignment needs).
/// Watch it with <c>dotnet-counters monitor --counters Search.Ingestion</c>; the ingestion bench sums it.
/// </summary>
public static class IngestionMetrics
{
    public const string MeterName = "Search.Ingestion";

    public const string PhaseInstrument = "search.ingestion.batch.phase";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Phase =
        Meter.CreateHistogram<double>(PhaseInstrument, "s", "Time a batch spent in one phase of ingestion");

    private static readonly Counter<long> FieldsCut =
        Meter.CreateCounter<long>("search.ingestion.records.cut", "{record}", "Records with a field cut to its size limit");

    /// <summary>Counts a record of which a field was cut to its size limit.</summary>
    internal static void CountFieldsCut() => FieldsCut.Add(1);

    /// <summary>Records the time since <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) as <paramref name="phase"/>.</summary>
    internal static void Record(string phase, long startTimestamp)
    {
        if (Phase.Enabled)
        {
            Phase.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
        }
    }
}

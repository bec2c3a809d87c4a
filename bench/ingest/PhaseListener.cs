using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Search.Ingestion.Harvesting;

namespace Search.Bench.Ingest;

/// <summary>Sums <see cref="IngestionMetrics"/> per phase while it listens.</summary>
internal sealed class PhaseListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _seconds = new(StringComparer.Ordinal);

    public PhaseListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Name == IngestionMetrics.PhaseInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "phase" && tag.Value is string phase)
                {
                    _seconds.AddOrUpdate(phase, value, (_, sum) => sum + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The sums so far, and starts again from zero.</summary>
    public IReadOnlyDictionary<string, double> Take()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in _seconds.Keys)
        {
            if (_seconds.TryRemove(key, out var value))
            {
                result[key] = value;
            }
        }

        return result;
    }

    public void Dispose() => _listener.Dispose();
}

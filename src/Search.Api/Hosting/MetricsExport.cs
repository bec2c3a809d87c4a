using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using Search.Indexer.Writing;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>
/// Collects the process's own meters (ASP.NET Core's request durations, <c>Search.Ingestion</c>'s batch phases
/// and cut records, and any meter named <c>Search.*</c>) with a <see cref="MeterListener"/>, and writes them with
/// the index's and queues' state in the Prometheus text format at <c>GET /metrics</c>.
/// </summary>
public sealed class MetricsExport : IDisposable
{
    /// <summary>Upper bounds of the histogram buckets, in the instrument's unit (seconds for durations).</summary>
    private static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Search."];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();

    public MetricsExport()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Meters.Any(m => m.EndsWith('.') ? instrument.Meter.Name.StartsWith(m, StringComparison.Ordinal) : instrument.Meter.Name == m))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var series = _series.GetOrAdd((instrument, labels), _ => new Series(instrument is Histogram<double> or Histogram<long> or Histogram<int>));
        series.Add(value, instrument is ObservableGauge<double> or ObservableGauge<long> or ObservableGauge<int>);
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add($"{Name(tag.Key)}=\"{Escape(Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "")}\"");
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join(',', pairs);
    }

    /// <summary>The text exposition of everything measured so far, with the gauges given.</summary>
    public string Render(IEnumerable<(string Name, string Help, double Value)> gauges)
    {
        ArgumentNullException.ThrowIfNull(gauges);
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (name, help, value) in gauges)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {Number(value)}\n");
        }

        foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Meter.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var instrument = group.Key;
            var name = MetricName(instrument);
            var histogram = group.First().Value.IsHistogram;
            var type = histogram ? "histogram" : instrument is Counter<long> or Counter<double> or Counter<int> or ObservableCounter<long> ? "counter" : "gauge";
            var full = type == "counter" && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
            text.Append(CultureInfo.InvariantCulture, $"# HELP {full} {Escape(instrument.Description ?? instrument.Name)}\n# TYPE {full} {type}\n");
            foreach (var ((_, labels), series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                series.Write(text, full, labels);
            }
        }

        return text.ToString();
    }

    private static string MetricName(Instrument instrument)
    {
        var name = Name(instrument.Name);
        return instrument.Unit switch
        {
            "s" => name + "_seconds",
            "By" => name + "_bytes",
            _ => name,
        };
    }

    private static string Name(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        return char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One instrument with one set of labels: a running sum (counters), the last value (gauges), or buckets.</summary>
    private sealed class Series(bool isHistogram)
    {
        private readonly long[] _buckets = new long[Bounds.Length + 1];
        private readonly Lock _lock = new();
        private double _sum;
        private long _count;
        private double _last;

        public bool IsHistogram => isHistogram;

        public void Add(double value, bool isGauge)
        {
            lock (_lock)
            {
                _count++;
                _sum += value;
                _last = isGauge ? value : _sum;
                if (isHistogram)
                {
                    var i = 0;
                    while (i < Bounds.Length && value > Bounds[i])
                    {
                        i++;
                    }

                    _buckets[i]++;
                }
            }
        }

        public void Write(StringBuilder text, string name, string labels)
        {
            lock (_lock)
            {
                if (!isHistogram)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}{Braces(labels)} {Number(_last)}\n");
                    return;
                }

                long cumulative = 0;
                for (var i = 0; i <= Bounds.Length; i++)
                {
                    cumulative += _buckets[i];
                    var le = i < Bounds.Length ? Number(Bounds[i]) : "+Inf";
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{Braces(labels, $"le=\"{le}\"")} {cumulative}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{Braces(labels)} {Number(_sum)}\n{name}_count{Braces(labels)} {_count}\n");
            }
        }

        private static string Braces(string labels, string? extra = null)
        {
            var all = string.Join(',', new[] { labels, extra ?? "" }.Where(l => l.Length > 0));
            return all.Length == 0 ? "" : "{" + all + "}";
        }
    }
}

/// <summary><c>GET /metrics</c>: Prometheus text format, for callers on this machine (a local agent or a proxy in front).</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/metrics", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, MetricsExport metrics, CatalogStore store, CatalogIndex index, Usage.UsageRecorder usage, HarvestDispatcher harvests, CancellationToken ct)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && !IPAddress.IsLoopback(remote))
        {
            return TypedResults.NotFound();
        }

        var latest = await store.LatestChangeIdAsync(ct);
        var indexed = index.LastAppliedChangeId;
        var text = metrics.Render(
        [
            ("search_index_lag_changes", "Changes of the catalogue's change log not yet searchable", Math.Max(0, latest - indexed)),
            ("search_index_documents", "Documents searches see (one per work)", index.DocumentCount),
            ("search_index_segments", "Segments of the index searches see", index.SegmentCount),
            ("search_index_settling", "1 while the index is merged down after a large load", index.IsSettling ? 1 : 0),
            ("search_usage_queue_length", "Usage events waiting to be written", usage.QueueLength),
            ("search_harvest_queue_length", "Harvest runs waiting for a worker", harvests.QueueLength),
        ]);
        return TypedResults.Text(text, "text/plain; version=0.0.4; charset=utf-8");
    }
}

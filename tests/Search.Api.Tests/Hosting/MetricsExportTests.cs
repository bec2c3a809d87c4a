using System.Diagnostics.Metrics;
using Search.Api.Hosting;

namespace Search.Api.Tests.Hosting;

public class MetricsExportTests
{
    [Test]
    public void Histograms_counters_and_gauges_are_written_in_the_text_format()
    {
        using var export = new MetricsExport();
        using var meter = new Meter("Search.MetricsExportTests");
        var latency = meter.CreateHistogram<double>("test.request.duration", "s", "How long");
        var served = meter.CreateCounter<long>("test.served", "{request}", "Served");
        latency.Record(0.003, new KeyValuePair<string, object?>("route", "/a\"b"));
        latency.Record(0.2, new KeyValuePair<string, object?>("route", "/a\"b"));
        latency.Record(100);
        served.Add(2);
        served.Add(3);

        var lines = export.Render([("test_gauge", "A gauge", 1.5)]).Split('\n');

        Assert.That(lines, Does.Contain("test_gauge 1.5"));
        Assert.That(lines, Does.Contain("# TYPE test_request_duration_seconds histogram"));
        Assert.That(lines, Does.Contain("test_request_duration_seconds_bucket{route=\"/a\\\"b\",le=\"0.005\"} 1"));
        Assert.That(lines, Does.Contain("test_request_duration_seconds_bucket{route=\"/a\\\"b\",le=\"+Inf\"} 2"));
        Assert.That(lines, Does.Contain("test_request_duration_seconds_count{route=\"/a\\\"b\"} 2"));
        Assert.That(lines, Does.Contain("test_request_duration_seconds_bucket{le=\"60\"} 0"));
        Assert.That(lines, Does.Contain("test_request_duration_seconds_bucket{le=\"+Inf\"} 1"));
        Assert.That(lines, Does.Contain("# TYPE test_served_total counter"));
        Assert.That(lines, Does.Contain("test_served_total 5"));
    }
}

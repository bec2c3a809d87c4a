using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Integration;

/// <summary>
/// A first OAI-PMH harvest cut into date windows (<c>windowDays</c>) from the repository's earliest datestamp to
/// its clock, each window checkpointed: a run that fails midway resumes at its window, and the whole ends with
/// exactly the provider's records.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class PartnersOaiWindowTests
{
    [Test]
    public async Task A_first_harvest_in_date_windows_resumes_at_its_window_and_ends_with_every_record()
    {
        // 400 records, one a day from 2024-01-01: windows of 60 days.
        var records = ProviderRecords.Generate(400, step: TimeSpan.FromDays(1), idPrefix: "W");
        await using var provider = await OaiProvider.StartAsync(records, pageSize: 50);
        // Identify and five window requests get through, then the partner goes down.
        await using var proxy = FaultProxy.Start(new Uri(provider.BaseUrl, "/"), [.. Enumerable.Repeat(Fault.None, 6), .. Enumerable.Repeat(Fault.ServerError, 10_000)]);
        using var app = new SearchApp();
        var http = new { timeoutSeconds = 10, maxAttempts = 2, baseDelaySeconds = 0, politenessDelaySeconds = 0 };
        await app.PutSourceAsync("oai", "oai-pmh", new { baseUrl = proxy.Via(provider.BaseUrl).ToString(), windowDays = 60, http });

        var failed = await app.HarvestAsync("oai");
        Assert.That(failed["status"]!.GetValue<string>(), Is.EqualTo("failed"), failed.ToJsonString());
        var lists = proxy.Requests.Where(r => r.Contains("verb=ListRecords", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lists[0], Does.Contain("from=2024-01-01T00:00:00Z").And.Contain("until=2024-03-01T00:00:00Z"));
            Assert.That(lists.Where(r => !r.Contains("resumptionToken", StringComparison.Ordinal)), Has.All.Contains("until="));
            Assert.That(failed["new"]!.GetValue<int>(), Is.GreaterThan(0).And.LessThan(400));
        });

        await app.PutSourceAsync("oai", "oai-pmh", new { baseUrl = provider.BaseUrl.ToString(), windowDays = 60, http });
        var resumed = await app.HarvestAsync("oai");
        Assert.Multiple(() =>
        {
            Assert.That(resumed["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), resumed.ToJsonString());
            Assert.That(failed["new"]!.GetValue<int>() + resumed["new"]!.GetValue<int>(), Is.EqualTo(400));
        });
        Assert.That((await app.SearchAsync("", "&source=oai"))["total"]!.GetValue<long>(), Is.EqualTo(400));

        var incremental = await app.HarvestAsync("oai");
        Assert.Multiple(() =>
        {
            Assert.That(incremental["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), incremental.ToJsonString());
            Assert.That(incremental["harvested"]!.GetValue<int>(), Is.Zero, "the next run starts where the windows ended");
        });
    }
}

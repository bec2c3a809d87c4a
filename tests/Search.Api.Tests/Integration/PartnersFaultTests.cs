using System.Text.Json.Nodes;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Integration;

/// <summary>
/// Every harvest through <see cref="FaultProxy"/> (500s, cut-short bodies, 429s with Retry-After, stalls longer
/// than the source's time limit, on a fixed schedule) in front of a real peer still ends with exactly the peer's
/// records.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class PartnersFaultTests
{
    private const string KeyEnv = "SEARCH_TEST_NSTL_FAULT_KEY";

    // One second per attempt; a stall (3 s) is a time-out. Short back-off keeps the test quick.
    private static readonly object Patient = new { timeoutSeconds = 1, maxAttempts = 6, baseDelaySeconds = 0.05, maxDelaySeconds = 2, politenessDelaySeconds = 0 };

    private static void AssertEveryFaultMet(FaultProxy proxy) =>
        Assert.That(proxy.Served, Is.SupersetOf(new[] { Fault.ServerError, Fault.TruncatedBody, Fault.TooManyRequests, Fault.Stall }));

    private static void AssertSucceeded(JsonObject run, int harvested)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
            Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(harvested));
            Assert.That(run["quarantined"]!.GetValue<int>(), Is.Zero);
        });
    }

    [Test]
    public async Task An_oai_pmh_harvest_through_faults_ends_with_exactly_the_providers_records()
    {
        var records = ProviderRecords.Generate(120, idPrefix: "F");
        await using var provider = await OaiProvider.StartAsync(records, pageSize: 20);
        await using var proxy = FaultProxy.Start(new Uri(provider.BaseUrl, "/"), FaultProxy.EveryFaultOnce);
        using var app = new SearchApp();
        await app.PutSourceAsync("oai", "oai-pmh", new { baseUrl = proxy.Via(provider.BaseUrl).ToString(), http = Patient });

        var run = await app.HarvestAsync("oai");
        AssertSucceeded(run, 120);
        AssertEveryFaultMet(proxy);
        Assert.That((await app.SearchAsync("", "&source=oai"))["total"]!.GetValue<long>(), Is.EqualTo(120));
        Assert.That(SearchApp.HitTitles(await app.SearchAsync(records[77].Titles[0])).FirstOrDefault(), Is.EqualTo(records[77].Titles[0]));
    }

    [Test]
    public async Task A_json_api_harvest_through_faults_ends_with_exactly_the_apis_records()
    {
        Environment.SetEnvironmentVariable(KeyEnv, "fault-key-3e8d");
        var api = new NstlApi(ProviderRecords.Generate(120, idPrefix: "G"), "fault-key-3e8d");
        await using var server = FixtureHttpServer.Start();
        api.MapOn(server);
        await using var proxy = FaultProxy.Start(server.BaseUrl, FaultProxy.EveryFaultOnce);
        using var app = new SearchApp();
        await app.PutSourceAsync("nstl", "json-api", NstlApi.Settings(proxy.BaseUrl, KeyEnv, Patient));

        var run = await app.HarvestAsync("nstl");
        AssertSucceeded(run, 120);
        AssertEveryFaultMet(proxy);
        Assert.That((await app.SearchAsync("", "&source=nstl"))["total"]!.GetValue<long>(), Is.EqualTo(120));
    }

    [Test]
    public async Task A_standards_catalogue_walk_through_faults_ends_with_exactly_the_sites_standards()
    {
        using var site = new StandardsSite();
        await using var server = FixtureHttpServer.Start(site.Root);
        await using var proxy = FaultProxy.Start(server.BaseUrl, FaultProxy.EveryFaultOnce);
        using var app = new SearchApp();
        await app.PutSourceAsync("std", "standards-html", StandardsSite.Settings(proxy.BaseUrl, Patient));

        var run = await app.HarvestAsync("std");
        AssertSucceeded(run, 9);
        AssertEveryFaultMet(proxy);
        Assert.That((await app.SearchAsync("", "&type=standard"))["total"]!.GetValue<long>(), Is.EqualTo(9));
    }

    [Test]
    public async Task A_partner_that_stays_down_fails_the_run_and_the_pass_resumes_across_runs()
    {
        using var site = new StandardsSite();
        await using var server = FixtureHttpServer.Start(site.Root);
        // Clean answers for the first list page and its four detail pages, then nothing but 500s.
        await using var proxy = FaultProxy.Start(server.BaseUrl, [.. Enumerable.Repeat(Fault.None, 5), .. Enumerable.Repeat(Fault.ServerError, 10_000)]);
        using var app = new SearchApp();
        await app.PutSourceAsync("std", "standards-html", StandardsSite.Settings(server.BaseUrl, Patient));
        AssertSucceeded(await app.HarvestAsync("std"), 9);

        // The next pass meets a partner that goes down after its first list page.
        await app.PutSourceAsync("std", "standards-html", StandardsSite.Settings(proxy.BaseUrl, Patient));
        var failed = await app.HarvestAsync("std");
        Assert.Multiple(() =>
        {
            Assert.That(failed["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(failed["harvested"]!.GetValue<int>(), Is.EqualTo(4), "the first list page was committed");
            Assert.That(failed["deleted"]!.GetValue<int>(), Is.Zero, "a failed pass retires nothing");
            Assert.That(failed["errors"]!.ToJsonString(), Does.Contain("500"));
        });

        // Back up, with one standard of page 2 withdrawn: the next run resumes the pass at page 2 and ends it.
        // The standards of page 1, seen by the failed run of the same pass, stay; only the withdrawn one goes.
        site.Withdraw("list-2.html", "B50C2A98E7.html");
        await app.PutSourceAsync("std", "standards-html", StandardsSite.Settings(server.BaseUrl, Patient));
        var resumed = await app.HarvestAsync("std");
        Assert.Multiple(() =>
        {
            Assert.That(resumed["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), resumed.ToJsonString());
            Assert.That(resumed["harvested"]!.GetValue<int>(), Is.EqualTo(4), "pages 2 (three left) and 3 (one)");
            Assert.That(resumed["deleted"]!.GetValue<int>(), Is.EqualTo(1));
        });
        Assert.That((await app.SearchAsync("", "&type=standard"))["total"]!.GetValue<long>(), Is.EqualTo(8));
        Assert.That(SearchApp.HitTitles(await app.SearchAsync("区块链 存证应用指南")), Does.Contain("信息技术 区块链 存证应用指南"));
        Assert.That(SearchApp.HitTitles(await app.SearchAsync("文后参考文献著录规则")), Does.Not.Contain("文后参考文献著录规则"));
    }
}

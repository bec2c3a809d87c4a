using System.Net;
using System.Text.Json.Nodes;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Integration;

/// <summary>
/// Harvests from a real OAI-PMH provider written by others (Perl Catmandu's, on 127.0.0.1) through the
/// librarian API, then changes the provider's records and harvests again incrementally.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class OaiHarvestTests
{
    private const string Source = "partner";

    [Test]
    public async Task Records_of_a_real_provider_are_found_by_title_and_changes_follow_incrementally()
    {
        var records = ProviderRecords.Generate(250, step: TimeSpan.FromSeconds(1)).ToList();
        await using var provider = await OaiProvider.StartAsync(records, pageSize: 40);
        using var app = new SearchApp();
        await app.PutSourceAsync(Source, "oai-pmh", new { baseUrl = provider.BaseUrl.ToString(), metadataPrefix = "oai_dc" });

        var first = await app.HarvestAsync(Source);
        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), first.ToJsonString());
            Assert.That(first["harvested"]!.GetValue<int>(), Is.EqualTo(250));
            Assert.That(first["new"]!.GetValue<int>(), Is.EqualTo(250));
        });

        foreach (var record in records.Where((_, i) => i % 25 == 0))
        {
            var result = await app.SearchAsync(record.Titles[0]);
            Assert.That(SearchApp.HitIds(result).FirstOrDefault(), Is.EqualTo(IdOf(record)), record.Titles[0]);
        }

        // The partner deletes ten records and retitles ten others; the rest stay as they were.
        var changedAt = DateTimeOffset.UtcNow;
        var deleted = records.Skip(10).Take(10).ToList();
        var retitled = records.Skip(100).Take(10).ToList();
        var next = records.Select(r =>
            deleted.Contains(r) ? r with { Deleted = true, Datestamp = changedAt }
            : retitled.Contains(r) ? r with { Titles = [NewTitle(r)], Datestamp = changedAt }
            : r).ToList();
        await provider.ReplaceRecordsAsync(next);

        var second = await app.HarvestAsync(Source);
        Assert.Multiple(() =>
        {
            Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), second.ToJsonString());
            Assert.That(second["harvested"]!.GetValue<int>(), Is.EqualTo(20), "only what changed since the last run is asked for");
            Assert.That(second["deleted"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(second["updated"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(second["new"]!.GetValue<int>(), Is.Zero);
        });

        using var client = app.CreateClient();
        foreach (var record in deleted)
        {
            Assert.That((await client.GetAsync($"/api/records/{IdOf(record)}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(SearchApp.HitIds(await app.SearchAsync(record.Titles[0])), Does.Not.Contain(IdOf(record)));
        }

        foreach (var record in retitled)
        {
            Assert.That(SearchApp.HitIds(await app.SearchAsync(NewTitle(record))).FirstOrDefault(), Is.EqualTo(IdOf(record)));
            Assert.That(SearchApp.HitIds(await app.SearchAsync("\"" + record.Titles[0] + "\"")), Does.Not.Contain(IdOf(record)));
        }

        var everything = await app.SearchAsync("", "&source=" + Source);
        Assert.That(everything["total"]!.GetValue<long>(), Is.EqualTo(240));
    }

    private static string IdOf(ProviderRecord record) => RecordIds.For(Source, OaiProvider.OaiIdentifier(record.Id));

    private static string NewTitle(ProviderRecord record) => $"湖北省量子通信网络示范工程第{record.Id[^3..]}期总结报告";
}

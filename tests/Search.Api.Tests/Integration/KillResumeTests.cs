using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Integration;

/// <summary>
/// The engine as a real process is killed with SIGKILL in the middle of a 20,000-record harvest from a
/// real OAI-PMH provider and started again: the run resumes by itself and the catalogue ends with
/// exactly the provider's records, none twice.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class KillResumeTests
{
    private const int RecordCount = 20_000;

    [Test]
    public async Task A_harvest_killed_midway_resumes_and_ends_with_every_record_once()
    {
        await using var provider = await OaiProvider.StartAsync(ProviderRecords.Generate(RecordCount), pageSize: 200);
        var root = Directory.CreateTempSubdirectory("kill-resume-").FullName;
        try
        {
            var port = EngineProcess.FreePort();

            long runId;
            using (var engine = await EngineProcess.StartAsync(root, port))
            {
                using var http = engine.AdminClient();
                var put = await http.PutAsJsonAsync("/api/admin/sources/big", new { name = "Big partner", connector = "oai-pmh", settings = new { baseUrl = provider.BaseUrl.ToString(), http = new { politenessDelaySeconds = 0.05 } } });
                Assert.That(put.IsSuccessStatusCode, Is.True, await put.Content.ReadAsStringAsync());
                var started = await http.PostAsync("/api/admin/sources/big/harvests", null);
                runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();

                // Kill once a few pages are committed but well before the end.
                var midway = await Eventually.WaitAsync(
                    async () =>
                    {
                        var run = await http.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                        var harvested = run!["harvested"]!.GetValue<int>();
                        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("running"), "the harvest ended before it could be killed");
                        return harvested >= 1000 ? run : null;
                    },
                    TimeSpan.FromMinutes(3),
                    "the harvest to be under way");
                Assert.That(midway["harvested"]!.GetValue<int>(), Is.LessThan(RecordCount));
                engine.Kill();
            }

            using (var engine = await EngineProcess.StartAsync(root, port))
            {
                using var http = engine.AdminClient();
                var finished = await Eventually.WaitAsync(
                    async () =>
                    {
                        var run = await http.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                        return run!["status"]!.GetValue<string>() == "running" ? null : run;
                    },
                    TimeSpan.FromMinutes(5),
                    "the resumed harvest to finish");
                Assert.That(finished["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), finished.ToJsonString());
                Assert.That(finished["new"]!.GetValue<int>(), Is.EqualTo(RecordCount), finished.ToJsonString());
                Assert.That(finished["harvested"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(RecordCount));

                var source = await http.GetFromJsonAsync<JsonObject>("/api/admin/sources/big");
                Assert.That(source!["records"]!.GetValue<long>(), Is.EqualTo(RecordCount));

                var total = await Eventually.WaitAsync(
                    async () =>
                    {
                        var result = await http.GetFromJsonAsync<JsonObject>("/api/search?source=big&size=1");
                        var t = result!["total"]!.GetValue<long>();
                        return t == RecordCount ? (object)t : null;
                    },
                    TimeSpan.FromMinutes(3),
                    "the index to hold every record");
                Assert.That(total, Is.EqualTo(RecordCount));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
    /// <summary>
    /// A small fault campaign: the engine is killed again and again at points drawn from a seeded random
    /// sequence (right after start, at record counts through the harvest, and right after the harvest ended,
    /// while the index catches up and commits), then started a last time. Every kill must lose and double
    /// nothing: the catalogue holds the provider's records once and the index agrees with it. The number of
    /// kills is <c>SEARCH_FAULT_TRIALS</c> (default 4; set dozens for a long campaign), the seed
    /// <c>SEARCH_FAULT_SEED</c>.
    /// </summary>
    [Test]
    public async Task Killed_again_and_again_at_random_points_the_catalogue_and_the_index_end_agreeing()
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_FAULT_TRIALS"), out var t) && t > 0 ? t : 4;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_FAULT_SEED"), out var sd) ? sd : 20261204;
        var random = new Random(seed);
        const int records = 8_000;
        await using var provider = await OaiProvider.StartAsync(ProviderRecords.Generate(records), pageSize: 200);
        var root = Directory.CreateTempSubdirectory("kill-campaign-").FullName;
        try
        {
            var port = EngineProcess.FreePort();
            using (var engine = await EngineProcess.StartAsync(root, port))
            {
                using var http = engine.AdminClient();
                var put = await http.PutAsJsonAsync("/api/admin/sources/big", new { name = "Big partner", connector = "oai-pmh", settings = new { baseUrl = provider.BaseUrl.ToString(), http = new { politenessDelaySeconds = 0.02 } } });
                Assert.That(put.IsSuccessStatusCode, Is.True, await put.Content.ReadAsStringAsync());
                Assert.That((await http.PostAsync("/api/admin/sources/big/harvests", null)).IsSuccessStatusCode, Is.True);
                engine.Kill();
            }

            // Kill points: a record count to reach (0 = at once after start; -1 = once the harvest has ended).
            var points = Enumerable.Range(0, trials)
                .Select(i => i == trials - 1 ? -1 : random.Next(4) == 0 ? 0 : random.Next(200, records - 200))
                .ToList();
            var log = new List<string>();
            foreach (var point in points)
            {
                using var engine = await EngineProcess.StartAsync(root, port);
                using var http = engine.AdminClient();
                if (point != 0)
                {
                    await Eventually.WaitAsync(
                        async () =>
                        {
                            var runs = await http.GetFromJsonAsync<JsonArray>("/api/admin/sources/big/harvests");
                            var run = runs![0]!;
                            var status = run["status"]!.GetValue<string>();
                            return (point < 0 ? status != "running" : status != "running" || run["harvested"]!.GetValue<int>() >= point) ? run : null;
                        },
                        TimeSpan.FromMinutes(3),
                        $"the harvest to reach kill point {point}");
                }

                log.Add(point.ToString(System.Globalization.CultureInfo.InvariantCulture));
                engine.Kill();
            }

            using (var engine = await EngineProcess.StartAsync(root, port))
            {
                using var http = engine.AdminClient();
                var finished = await Eventually.WaitAsync(
                    async () =>
                    {
                        var runs = await http.GetFromJsonAsync<JsonArray>("/api/admin/sources/big/harvests");
                        return runs!.All(r => r!["status"]!.GetValue<string>() != "running") ? runs : null;
                    },
                    TimeSpan.FromMinutes(5),
                    "every run to end");
                Assert.That(finished.Select(r => r!["status"]!.GetValue<string>()), Has.All.EqualTo("succeeded"), $"kill points {string.Join(", ", log)}");
                var source = await http.GetFromJsonAsync<JsonObject>("/api/admin/sources/big");
                Assert.That(source!["records"]!.GetValue<long>(), Is.EqualTo(records), $"the catalogue, kill points {string.Join(", ", log)}");

                var ready = await Eventually.WaitAsync(
                    async () =>
                    {
                        var r = await http.GetFromJsonAsync<JsonObject>("/health/ready");
                        return r!["indexLag"]!.GetValue<long>() == 0 ? r : null;
                    },
                    TimeSpan.FromMinutes(3),
                    "the index to catch up");
                Assert.Multiple(async () =>
                {
                    Assert.That(ready["records"]!.GetValue<long>(), Is.EqualTo(records));
                    Assert.That(ready["indexedDocuments"]!.GetValue<long>(), Is.EqualTo(records), $"one document per record, kill points {string.Join(", ", log)}");
                    var all = await http.GetFromJsonAsync<JsonObject>("/api/search?source=big&size=1");
                    Assert.That(all!["total"]!.GetValue<long>(), Is.EqualTo(records));
                });
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

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
}

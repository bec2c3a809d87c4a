using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Search.Api.Tests.Entitlement;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Sru;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Oai;

/// <summary>
/// Somebody else's harvester: Catmandu's OAI-PMH importer (Debian <c>libcatmandu-oai-perl</c>, see
/// scripts/install-test-deps) harvests the whole catalogue (the CSL demo, 1,000 records) from the built engine on
/// 127.0.0.1 through resumption tokens, as many records as the index has works; after a partner deletes a record, a
/// harvest from the first one's responseDate gets that record alone, reported as deleted.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class CatmanduHarvestTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task Catmandu_harvests_everything_then_only_what_changed()
    {
        if (!CatmanduOai.IsInstalled())
        {
            Assert.Ignore("Catmandu's OAI-PMH importer is not installed (Debian libcatmandu-oai-perl; scripts/install-test-deps installs it).");
        }

        var root = Path.Combine(Path.GetTempPath(), "oai-catmandu-" + Guid.NewGuid().ToString("N"));
        var dumps = Path.Combine(root, "dumps", "csl");
        Directory.CreateDirectory(dumps);
        foreach (var file in Directory.GetFiles(RepoPaths.DemoCsl, "*.xml"))
        {
            File.Copy(file, Path.Combine(dumps, Path.GetFileName(file)));
        }

        try
        {
            using var engine = await EngineProcess.StartAsync(root, EngineProcess.FreePort(), new Dictionary<string, string>
            {
                ["Search:HarvestNewConfiguredSources"] = "false",
                ["Search:FileSources:AllowedFolders:1"] = root,
                ["Search:Oai:RepositoryIdentifier"] = "kjwx.test.org",
            });
            using var admin = engine.AdminClient();
            await AccessApp.PutAsync(admin, "/api/admin/sources/csl", new
            {
                name = "CSL 样本",
                connector = "file",
                settings = new { path = dumps, format = "oai-pmh" },
                schedule = (string?)null,
            });
            await HarvestAsync(admin);
            var works = await WorksAsync(admin);
            Assert.That(works, Is.GreaterThan(900));

            var url = new Uri(engine.BaseAddress, "/oai").ToString();
            var all = await CatmanduOai.HarvestAsync(url, from: null, Patience);
            Assert.That(all.Where(r => !r.Deleted).Select(r => r.Identifier).Distinct().Count(), Is.EqualTo(works), "one record per work");
            Assert.That(all.Count(r => r.Deleted), Is.Zero);
            Assert.That(all.Where(r => !r.Deleted).All(r => r.Metadata.Contains("oai_dc", StringComparison.Ordinal)), Is.True);

            // The next harvest starts at this responseDate: wait (bounded) until it is later than every datestamp served.
            var newest = all.Select(r => r.Datestamp).Max(StringComparer.Ordinal)!;
            var from = await Eventually.WaitAsync(
                async () =>
                {
                    var date = (await SruResponsesOf(admin, "/oai?verb=Identify")).Split("<responseDate>")[1].Split("</responseDate>")[0];
                    return string.CompareOrdinal(date, newest) > 0 ? date : null;
                },
                Patience,
                "the engine's clock to pass the newest datestamp");

            var gone = "oai:csl:csl-dev-0001";
            File.WriteAllText(Path.Combine(dumps, "ListRecords-999.xml"), OaiDump.ListRecords(new OaiDump.Item(gone, "", 0, Deleted: true)), new UTF8Encoding(false));
            await HarvestAsync(admin);

            var changed = await CatmanduOai.HarvestAsync(url, from, Patience);
            Assert.That(changed.Select(r => (r.Identifier, r.Deleted)), Is.EqualTo(new[] { ("oai:kjwx.test.org:" + RecordIds.For("csl", gone), true) }));
            var again = await CatmanduOai.HarvestAsync(url, from: null, Patience);
            Assert.That(again.Count(r => r.Deleted), Is.EqualTo(1), "the deletion is persistent");
            Assert.That(again.Count(r => !r.Deleted), Is.EqualTo(works - 1));
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

    private static async Task<string> SruResponsesOf(HttpClient client, string path) => await client.GetStringAsync(path);

    private static async Task HarvestAsync(HttpClient admin)
    {
        var started = await admin.PostAsync("/api/admin/sources/csl/harvests", null);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
        var run = await Eventually.WaitAsync(
            async () =>
            {
                var r = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                return r!["status"]!.GetValue<string>() == "running" ? null : r;
            },
            Patience,
            "the harvest of the CSL demo");
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
    }

    /// <summary>The works the index holds once it has caught up with the catalogue (SRU's count of everything).</summary>
    private static async Task<long> WorksAsync(HttpClient client)
    {
        await Eventually.WaitAsync(
            async () =>
            {
                var ready = await client.GetFromJsonAsync<JsonObject>("/health/ready");
                return ready!["indexLag"]!.GetValue<long>() == 0 ? ready : null;
            },
            Patience,
            "the index to catch up");
        return SruResponses.NumberOfRecords(await SruResponses.GetAsync(client, SruResponses.Url(("query", "cql.allRecords = 1"))));
    }
}

/// <summary>Catmandu's OAI importer run as <c>catmandu convert OAI --url … to JSON</c>, one JSON object per record.</summary>
public static class CatmanduOai
{
    public sealed record Harvested(string Identifier, string Datestamp, bool Deleted, string Metadata);

    public static bool IsInstalled()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("perl", ["-MCatmandu::Importer::OAI", "-e", "1"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (probe is null)
            {
                return false;
            }

            probe.WaitForExit(30_000);
            return probe.HasExited && probe.ExitCode == 0 && File.Exists("/usr/bin/catmandu");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static async Task<IReadOnlyList<Harvested>> HarvestAsync(string url, string? from, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("catmandu")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "convert", "OAI", "--url", url, "--metadataPrefix", "oai_dc", "--handler", "raw" })
        {
            start.ArgumentList.Add(argument);
        }

        if (from is not null)
        {
            start.ArgumentList.Add("--from");
            start.ArgumentList.Add(from);
        }

        foreach (var argument in new[] { "to", "JSON", "--line_delimited", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            var text = await output;
            var stderr = await errors;
            Assert.That(process.ExitCode, Is.Zero, stderr);
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonNode.Parse(line)!.AsObject())
                .Select(o => new Harvested(
                    (string)o["_id"]!,
                    (string?)o["_datestamp"] ?? "",
                    (string?)o["_status"] == "deleted",
                    o["_metadata"]?.ToString() ?? ""))
                .ToList();
        }
        finally
        {
            await PeerProcesses.StopAsync(process);
        }
    }
}

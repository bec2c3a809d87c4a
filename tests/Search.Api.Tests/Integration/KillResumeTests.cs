using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
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
            var port = FreePort();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("librarian:kill-test")));

            long runId;
            using (var engine = await EngineProcess.StartAsync(root, port, http))
            {
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

            using (await EngineProcess.StartAsync(root, port, http))
            {
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built engine (Search.Api.dll) started as its own process on a data folder.</summary>
    private sealed class EngineProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private EngineProcess(Process process)
        {
            _process = process;
        }

        public static async Task<EngineProcess> StartAsync(string root, int port, HttpClient http)
        {
            var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
            var dll = Path.Combine(RepoPaths.Root, "src", "Search.Api", "bin", configuration, "net10.0", "Search.Api.dll");
            Assert.That(File.Exists(dll), Is.True, $"the engine is not built at {dll}");
            var info = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["Search__DataDirectory"] = Path.Combine(root, "data");
            info.Environment["Search__ConfigDirectory"] = Path.Combine(root, "config");
            info.Environment["Search__Admin__User"] = "librarian";
            info.Environment["Search__Admin__Password"] = "kill-test";
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            var engine = new EngineProcess(Process.Start(info)!);
            engine._process.OutputDataReceived += (_, e) => engine.Append(e.Data);
            engine._process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
            engine._process.BeginOutputReadLine();
            engine._process.BeginErrorReadLine();

            await Eventually.WaitAsync(
                async () =>
                {
                    if (engine._process.HasExited)
                    {
                        Assert.Fail("The engine exited at start:\n" + engine.Output);
                    }

                    try
                    {
                        return (await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK ? (object)true : null;
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                },
                TimeSpan.FromSeconds(60),
                "the engine to listen");
            return engine;
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

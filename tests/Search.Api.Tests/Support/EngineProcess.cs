using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Search.Api.Tests.Support;

/// <summary>
/// The built engine (Search.Api.dll) started as its own process on 127.0.0.1 with a folder of its own (data
/// and config below it), settings given on its command line, and the first librarian
/// <see cref="AdminUser"/> / <see cref="AdminPassword"/>. Started when it answers <c>/health/live</c>.
/// </summary>
public sealed class EngineProcess : IDisposable
{
    public const string AdminUser = "librarian";
    public const string AdminPassword = "engine-test-password";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EngineProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

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

    public static async Task<EngineProcess> StartAsync(string root, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "Search.Api", "bin", configuration, "net10.0", "Search.Api.dll");
        Assert.That(File.Exists(dll), Is.True, $"the engine is not built at {dll}");
        Directory.CreateDirectory(Path.Combine(root, "config"));
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["Search__DataDirectory"] = Path.Combine(root, "data");
        info.Environment["Search__ConfigDirectory"] = Path.Combine(root, "config");
        info.Environment["Search__FileSources__AllowedFolders__0"] = RepoPaths.Root;
        info.Environment["Search__Admin__User"] = AdminUser;
        info.Environment["Search__Admin__Password"] = AdminPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var engine = new EngineProcess(Process.Start(info)!, port);
        engine._process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        engine._process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        engine._process.BeginOutputReadLine();
        engine._process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = engine.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.WaitAsync(
            async () =>
            {
                if (engine._process.HasExited)
                {
                    Assert.Fail("The engine exited at start:\n" + engine.Output);
                }

                try
                {
                    return (await probe.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK ? (object)true : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
                catch (TaskCanceledException)
                {
                    return null;
                }
            },
            TimeSpan.FromSeconds(90),
            "the engine to listen");
        return engine;
    }

    /// <summary>A client of this engine signed in as the first librarian with HTTP Basic.</summary>
    public HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
        return client;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Peers;

/// <summary>
/// A real SRU target: Index Data's Zebra (Debian idzebra-2.0) on 127.0.0.1, loaded with the given MARCXML
/// and configured from tools/zebra (dom filter, title/author/isbn/any indexes, CQL mapping). Each test owns
/// its server:
/// <code>
/// await using var zebra = await ZebraServer.StartAsync(marcXmlCollection);
/// // harvest zebra.BaseUrl with "recordSchema": "marcxml" ...
/// </code>
/// Needs the Debian packages of scripts/install-test-deps (idzebra-2.0, yaz).
/// </summary>
public sealed class ZebraServer : IAsyncDisposable
{
    public const string Database = "Default";

    private const int StartAttempts = 3;
    private const int ReadinessPolls = 200;
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ZebraServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; private set; }

    /// <summary>The SRU base URL, e.g. <c>http://127.0.0.1:41234/Default</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{Database}");

    /// <summary>What zebraidx and zebrasrv wrote so far.</summary>
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

    /// <summary>Copies tools/zebra to a temp folder, indexes the MARCXML collection and starts zebrasrv on a free port.</summary>
    public static async Task<ZebraServer> StartAsync(string marcXmlCollection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marcXmlCollection);
        var directory = Directory.CreateTempSubdirectory("zebra-").FullName;
        var server = new ZebraServer(directory, PeerProcesses.FreePort());
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tools", "zebra")))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }

            Directory.CreateDirectory(Path.Combine(directory, "register"));
            Directory.CreateDirectory(Path.Combine(directory, "shadow"));
            await File.WriteAllTextAsync(Path.Combine(directory, "records.xml"), marcXmlCollection, new UTF8Encoding(false), cancellationToken);
            await server.RunToEndAsync("zebraidx", ["-c", "zebra.cfg", "init"], cancellationToken);
            await server.RunToEndAsync("zebraidx", ["-c", "zebra.cfg", "update", "records.xml"], cancellationToken);
            await server.RunToEndAsync("zebraidx", ["-c", "zebra.cfg", "commit"], cancellationToken);

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.StartServerAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < StartAttempts && server.Output.Contains("in use", StringComparison.OrdinalIgnoreCase))
                {
                    server.Port = PeerProcesses.FreePort();
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>GETs a searchRetrieve answer as text (for tests that look at the peer itself).</summary>
    public async Task<string> SearchRetrieveAsync(string cql, string schema = "marcxml", int maximumRecords = 10, string version = "1.2")
    {
        var uri = new Uri(BaseUrl + "?operation=searchRetrieve&version=" + version + "&query=" + Uri.EscapeDataString(cql)
            + "&recordSchema=" + schema + "&maximumRecords=" + maximumRecords.ToString(CultureInfo.InvariantCulture));
        return await _http.GetStringAsync(uri);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private async Task RunToEndAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(program, arguments) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Start(process, program);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with code {process.ExitCode}:{Environment.NewLine}{Output}");
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var template = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tools", "zebra", "yazgfs.xml"), cancellationToken);
        var listen = "tcp:127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(_directory, "yazgfs.xml"), template.Replace("@LISTEN@", listen, StringComparison.Ordinal), cancellationToken);

        // The default (static) mode: one process serves every connection, so killing it stops the server.
        var process = new Process { StartInfo = StartInfo("zebrasrv", ["-c", "zebra.cfg", "-f", "yazgfs.xml"]) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        Start(process, "zebrasrv");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var probe = new Uri(BaseUrl + "?operation=searchRetrieve&version=1.2&query=cql.allRecords%3D1&maximumRecords=0");
        for (var poll = 0; poll < ReadinessPolls; poll++)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                _process = null;
                process.Dispose();
                throw new InvalidOperationException($"zebrasrv exited with code {process.ExitCode} before answering:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await _http.GetAsync(probe, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && body.Contains("numberOfRecords", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still starting.
            }

            await Task.Delay(ReadinessPollInterval, cancellationToken);
        }

        await StopAsync();
        throw new InvalidOperationException($"zebrasrv did not answer SRU at {probe} in time:{Environment.NewLine}{Output}");
    }

    private ProcessStartInfo StartInfo(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static void Start(Process process, string program)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run {program} for the SRU test peer (run scripts/install-test-deps).", e);
        }
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

    private Task StopAsync()
    {
        var process = _process;
        _process = null;
        return PeerProcesses.StopAsync(process);
    }

}

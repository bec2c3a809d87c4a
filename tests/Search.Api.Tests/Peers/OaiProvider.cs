using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Search.Api.Tests.Peers;

/// <summary>
/// A real OAI-PMH provider (tools/oai-provider: Debian's Dancer::Plugin::Catmandu::OAI) on
/// 127.0.0.1, serving the given records as <c>oai_dc</c>. Each test owns its provider:
/// <code>
/// await using var provider = await OaiProvider.StartAsync(ProviderRecords.Generate(250), pageSize: 100);
/// // harvest provider.BaseUrl ...
/// await provider.ReplaceRecordsAsync(changedRecords); // visible from the next request on
/// </code>
/// Needs perl and the Debian packages of scripts/install-test-deps.
/// </summary>
public sealed class OaiProvider : IAsyncDisposable
{
    /// <summary>The repositoryIdentifier the provider is started with.</summary>
    public const string RepositoryIdentifier = "fixture.test";

    private const int StartAttempts = 3;
    private const int ReadinessPolls = 200;
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    private readonly string _directory;
    private readonly string _dataFile;
    private readonly int _pageSize;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly StringBuilder _output = new();
    private Process? _process;
    private IReadOnlyList<string> _sets = [];

    private OaiProvider(string directory, int port, int pageSize)
    {
        _directory = directory;
        _dataFile = Path.Combine(directory, "records.jsonl");
        _pageSize = pageSize;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/oai");
    }

    /// <summary>The OAI-PMH base URL, e.g. <c>http://127.0.0.1:41234/oai</c>.</summary>
    public Uri BaseUrl { get; private set; }

    public int Port { get; private set; }

    /// <summary>The JSON-lines file the provider serves (see tools/oai-provider/README.md).</summary>
    public string DataFile => _dataFile;

    /// <summary>What the provider process wrote to stdout and stderr so far.</summary>
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

    /// <summary>The OAI identifier the provider gives a record id.</summary>
    public static string OaiIdentifier(string id) => $"oai:{RepositoryIdentifier}:{id}";

    /// <summary>
    /// Writes the records to a data file in a new temp folder, starts the provider on a free
    /// 127.0.0.1 port and waits until it answers Identify.
    /// </summary>
    public static async Task<OaiProvider> StartAsync(
        IEnumerable<ProviderRecord> records, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        var directory = Directory.CreateTempSubdirectory("oai-provider-").FullName;
        var provider = new OaiProvider(directory, PeerProcesses.FreePort(), pageSize);
        try
        {
            await provider.WriteRecordsAsync(records, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await provider.StartProcessAsync(cancellationToken);
                    return provider;
                }
                catch (OaiProviderStartException) when (attempt < StartAttempts && provider.Output.Contains("Address already in use", StringComparison.Ordinal))
                {
                    // Another process took the port between our probe and the provider's bind.
                    provider.UsePort(PeerProcesses.FreePort());
                }
            }
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Replaces the served records. The provider re-reads its file on the next request, so a
    /// harvest started after this call sees the new data. If the records bring a different list
    /// of sets, the provider is restarted on the same port (the plugin fixes its sets at start-up).
    /// </summary>
    public async Task ReplaceRecordsAsync(IEnumerable<ProviderRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var previousSets = _sets;
        await WriteRecordsAsync(records, cancellationToken);
        if (!previousSets.SequenceEqual(_sets, StringComparer.Ordinal))
        {
            await StopProcessAsync();
            await StartProcessAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
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

    private void UsePort(int port)
    {
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/oai");
    }

    private async Task WriteRecordsAsync(IEnumerable<ProviderRecord> records, CancellationToken cancellationToken)
    {
        var sets = new SortedSet<string>(StringComparer.Ordinal);
        var temp = _dataFile + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            foreach (var record in records)
            {
                sets.UnionWith(record.SetSpecs);
                await writer.WriteLineAsync(JsonSerializer.Serialize(ProviderLine.From(record), LineOptions).AsMemory(), cancellationToken);
            }
        }

        // Rename over the old file: the provider never reads half a file, and the new inode tells it to reload.
        File.Move(temp, _dataFile, overwrite: true);
        _sets = [.. sets];
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("perl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add(RunScript());
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(_dataFile);
        start.ArgumentList.Add("--page-size");
        start.ArgumentList.Add(_pageSize.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--repository-id");
        start.ArgumentList.Add(RepositoryIdentifier);

        lock (_output)
        {
            _output.Clear();
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new OaiProviderStartException("Cannot run perl for the OAI-PMH test provider (run scripts/install-test-deps).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var identify = new Uri(BaseUrl + "?verb=Identify");
        for (var poll = 0; poll < ReadinessPolls; poll++)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken); // flushes the output handlers
                throw new OaiProviderStartException(
                    $"The OAI-PMH test provider exited with code {process.ExitCode} before answering " +
                    $"(is scripts/install-test-deps installed?):{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await _http.GetAsync(identify, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && body.Contains("<Identify>", StringComparison.Ordinal))
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
                // Timed out: still starting.
            }

            await Task.Delay(ReadinessPollInterval, cancellationToken);
        }

        await StopProcessAsync();
        throw new OaiProviderStartException(
            $"The OAI-PMH test provider did not answer Identify at {identify} within " +
            $"{(ReadinessPolls * ReadinessPollInterval).TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:{Environment.NewLine}{Output}");
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

    private Task StopProcessAsync()
    {
        var process = _process;
        _process = null;
        return PeerProcesses.StopAsync(process);
    }


    private static string RunScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Search.sln")))
            {
                var run = Path.Combine(directory.FullName, "tools", "oai-provider", "run");
                return File.Exists(run)
                    ? run
                    : throw new OaiProviderStartException($"The OAI-PMH test provider is missing: {run}");
            }
        }

        throw new OaiProviderStartException($"No folder holding Search.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>One line of the provider's data file (tools/oai-provider/README.md).</summary>
    private sealed record ProviderLine(
        [property: JsonPropertyName("_id")] string Id,
        [property: JsonPropertyName("datestamp")] string Datestamp,
        [property: JsonPropertyName("setSpec")] IReadOnlyList<string> SetSpec,
        [property: JsonPropertyName("deleted")] bool Deleted,
        [property: JsonPropertyName("title")] IReadOnlyList<string> Title,
        [property: JsonPropertyName("creator")] IReadOnlyList<string> Creator,
        [property: JsonPropertyName("subject")] IReadOnlyList<string> Subject,
        [property: JsonPropertyName("description")] IReadOnlyList<string> Description,
        [property: JsonPropertyName("date")] IReadOnlyList<string> Date,
        [property: JsonPropertyName("type")] IReadOnlyList<string> Type,
        [property: JsonPropertyName("identifier")] IReadOnlyList<string> Identifier,
        [property: JsonPropertyName("language")] IReadOnlyList<string> Language)
    {
        public static ProviderLine From(ProviderRecord r) => new(
            r.Id,
            r.Datestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            r.SetSpecs,
            r.Deleted,
            r.Titles,
            r.Creators,
            r.Subjects,
            Optional(r.Description),
            Optional(r.Date),
            Optional(r.Type),
            r.Identifiers,
            Optional(r.Language));

        private static string[] Optional(string? value) => value is null ? [] : [value];
    }
}

/// <summary>The OAI-PMH test provider could not be started; the message carries its output.</summary>
public sealed class OaiProviderStartException : Exception
{
    public OaiProviderStartException()
    {
    }

    public OaiProviderStartException(string message)
        : base(message)
    {
    }

    public OaiProviderStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

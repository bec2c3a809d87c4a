using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;

namespace Search.Connectors.Patents;

/// <summary>
/// Harvests patent bibliographic XML (or a zip of it) published at an HTTP address:
/// <c>{"url": "https://bulk.example.org/ipg250107.zip", "http": {...}}</c>. The whole file is one batch; the
/// checkpoint is its SHA-256, so an unchanged file is not read again. Folders and local zips go through the
/// <c>file</c> connector with <c>"format": "patent-xml"</c>.
/// </summary>
public sealed class PatentXmlConnector : IConnector
{
    public const string ConnectorKind = "patent-xml";

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;

    public PatentXmlConnector(HttpClient httpClient, TimeProvider timeProvider)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities => ConnectorCapabilities.Incremental;

    public IReadOnlyCollection<string> SettingNames { get; } = ["url", HttpPolicy.SettingsProperty];

    public IReadOnlyList<string> ValidateSettings(JsonElement settings)
    {
        var problems = new List<string>();
        ReadUrl(settings, problems);
        HttpPolicy.FromSettings(settings, problems);
        return problems;
    }

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(HarvestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var url = ReadUrl(context.Settings, problems);
        var policy = HttpPolicy.FromSettings(context.Settings, problems);
        if (url is null || problems.Count > 0)
        {
            throw new ConnectorException($"The patent-xml settings of source '{context.SourceId}' are not usable: {string.Join(" ", problems)}");
        }

        var http = new ResilientHttpClient(_httpClient, _timeProvider, policy);
        var bytes = await http.GetAsync(
            url,
            async (_, body, ct) =>
            {
                using var buffer = new MemoryStream();
                await body.CopyToAsync(buffer, ct);
                return buffer.ToArray();
            },
            cancellationToken);

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (string.Equals(hash, context.Checkpoint, StringComparison.Ordinal))
        {
            yield break;
        }

        var name = Path.GetFileName(url.AbsolutePath);
        Files.FileContent content;
        try
        {
            content = PatentXmlReader.Read(bytes, name.Length == 0 ? url.Host : name, context.SourceId, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            content = new Files.FileContent([], [new HarvestProblem(null, $"The file at {ResilientHttpClient.RedactUrl(url)} is not patent XML: {ex.Message}", null)]);
        }

        yield return new HarvestBatch(content.Records, content.Problems, hash);
    }

    private static Uri? ReadUrl(JsonElement settings, List<string> problems)
    {
        var text = settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String
            ? u.GetString()
            : null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        problems.Add("'url' is required: the absolute http(s) address of a patent XML file or a zip of them.");
        return null;
    }
}

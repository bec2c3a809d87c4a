using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Xml;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;

namespace Search.Connectors.Sru;

/// <summary>The records of one live SRU search (federated search over a target we do not harvest).</summary>
/// <param name="Total">How many records match, when the target says.</param>
/// <param name="Records">The records of the asked window, ready for the mappers.</param>
/// <param name="Problems">Records the target sent as diagnostics or that cannot be understood.</param>
/// <param name="NextRecordPosition">Where the next window starts, or null at the end.</param>
public sealed record SruSearchResult(int? Total, IReadOnlyList<HarvestedRecord> Records, IReadOnlyList<HarvestProblem> Problems, int? NextRecordPosition);

/// <summary>
/// Harvests an SRU target (1.2 or 2.0) by CQL query: searchRetrieve pages of <c>maximumRecords</c> from
/// <c>startRecord</c>, following <c>nextRecordPosition</c>; one page is one batch. Each run is a full pass over
/// the query's result set (SRU has no change dates of its own); a run that stopped resumes at its next
/// position unless the query changed. Records are MARCXML (MARC 21 or UNIMARC) or Dublin Core. Diagnostics
/// about the request fail the run with their URI and message; a diagnostic in place of a record is a problem.
/// The same target can be searched live with <see cref="SearchAsync"/>. See <see cref="SruSettings"/>.
/// </summary>
public sealed class SruConnector : IConnector
{
    public const string ConnectorKind = "sru";

    /// <summary>More pages than this in one run is taken for a target that loops.</summary>
    public const int MaxPagesPerRun = 100_000;

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;

    public SruConnector(HttpClient httpClient, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClient = httpClient;
        _timeProvider = timeProvider;
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities => ConnectorCapabilities.LiveSearch;

    public IReadOnlyCollection<string> SettingNames { get; } =
        ["baseUrl", "query", "recordSchema", "maximumRecords", "version", "marcFlavour", "encoding", HttpPolicy.SettingsProperty];

    public IReadOnlyList<string> ValidateSettings(JsonElement settings)
    {
        var problems = new List<string>();
        SruSettings.Read(settings, problems);
        return problems;
    }

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(
        HarvestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = ReadSettings(context.Settings, context.SourceId);
        var hash = settings.ResultSetHash;
        var checkpoint = SruCheckpoint.Parse(context.Checkpoint);
        var start = checkpoint is not null && checkpoint.ResultSetHash == hash ? checkpoint.NextPosition : 1;
        var wholePass = start == 1;
        var http = new ResilientHttpClient(_httpClient, _timeProvider, settings.Http);

        for (var pages = 1; ; pages++)
        {
            var page = await FetchAsync(http, settings, context.SourceId, settings.Query, start, settings.MaximumRecords, cancellationToken);
            var next = page.NextAfter(start);
            if (next is null || (page.Records.Count == 0 && page.Problems.Count == 0))
            {
                yield return new HarvestBatch(page.Records, page.Problems, new SruCheckpoint(hash, 1).Serialize())
                {
                    EndsCompletePass = wholePass,
                };
                yield break;
            }

            if (next <= start)
            {
                throw new ConnectorException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"SRU source '{context.SourceId}' answered the page at record {start} with nextRecordPosition {next}: the result set loops."));
            }

            if (pages >= MaxPagesPerRun)
            {
                throw new ConnectorException(string.Create(CultureInfo.InvariantCulture, $"SRU source '{context.SourceId}' sent more than {MaxPagesPerRun} pages in one run; giving up."));
            }

            yield return new HarvestBatch(page.Records, page.Problems, new SruCheckpoint(hash, next.Value).Serialize());
            start = next.Value;
        }
    }

    /// <summary>
    /// Searches the source's target live with <paramref name="cql"/> (the source's own query is not used):
    /// the records from position <paramref name="start"/> (from 1), at most <paramref name="maximum"/>.
    /// Throws <see cref="ConnectorException"/> with the target's diagnostic when it refuses the query. One
    /// attempt, without politeness delay: a live search answers a waiting user, so the caller's deadline
    /// (<paramref name="cancellationToken"/>) rules, and a target that fails is reported, not retried.
    /// </summary>
    public async Task<SruSearchResult> SearchAsync(string sourceId, JsonElement settings, string cql, int start, int maximum, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cql);
        ArgumentOutOfRangeException.ThrowIfLessThan(start, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 0);
        var read = ReadSettings(settings, sourceId);
        var http = new ResilientHttpClient(_httpClient, _timeProvider, read.Http with { PolitenessDelay = TimeSpan.Zero, MaxAttempts = 1 });
        var page = await FetchAsync(http, read, sourceId, cql, start, maximum, cancellationToken);
        return new SruSearchResult(page.NumberOfRecords, page.Records, page.Problems, page.NextAfter(start));
    }

    private static SruSettings ReadSettings(JsonElement settings, string sourceId)
    {
        var problems = new List<string>();
        return SruSettings.Read(settings, problems)
            ?? throw new ConnectorException($"The SRU settings of source '{sourceId}' are not usable: {string.Join(" ", problems)}");
    }

    private static async Task<SruPage> FetchAsync(
        ResilientHttpClient http,
        SruSettings settings,
        string sourceId,
        string query,
        int start,
        int maximum,
        CancellationToken cancellationToken)
    {
        var uri = BuildUri(settings, query, start, maximum);
        var page = await http.GetAsync(
            uri,
            async (_, body, ct) =>
            {
                try
                {
                    return await SruResponseReader.ReadAsync(body, sourceId, settings.Marc, ct);
                }
                catch (XmlException ex)
                {
                    throw new UnreadableResponseException($"not an XML document ({ex.Message})", ex);
                }
                catch (InvalidDataException ex)
                {
                    throw new ConnectorException($"SRU source '{sourceId}' did not answer with SRU: {ex.Message} (request: {ResilientHttpClient.RedactUrl(uri)})", ex);
                }
            },
            cancellationToken);
        if (page.Diagnostics.Count > 0)
        {
            throw new ConnectorException(
                $"SRU source '{sourceId}' answered with diagnostic {string.Join("; ", page.Diagnostics)} (request: {ResilientHttpClient.RedactUrl(uri)})");
        }

        return page;
    }

    /// <summary>The searchRetrieve request for one page.</summary>
    internal static Uri BuildUri(SruSettings settings, string query, int start, int maximum)
    {
        var arguments = new List<(string, string)>
        {
            ("operation", "searchRetrieve"),
            ("version", settings.Version),
            ("query", query),
            ("startRecord", start.ToString(CultureInfo.InvariantCulture)),
            ("maximumRecords", maximum.ToString(CultureInfo.InvariantCulture)),
            ("recordSchema", settings.RecordSchema),
            settings.Version == "2.0" ? ("recordXMLEscaping", "xml") : ("recordPacking", "xml"),
        };

        var text = new StringBuilder(settings.BaseUrl.Query.TrimStart('?'));
        foreach (var (name, value) in arguments)
        {
            if (text.Length > 0)
            {
                text.Append('&');
            }

            text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new UriBuilder(settings.BaseUrl) { Query = text.ToString(), Fragment = string.Empty }.Uri;
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Xml;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;

namespace Search.Connectors.OaiPmh;

/// <summary>Limits of <see cref="OaiPmhConnector"/> that protect against misbehaving partners.</summary>
public sealed record OaiPmhConnectorOptions
{
    /// <summary>More empty pages in a row that still carry a resumption token than this is taken for a loop.</summary>
    public int MaxConsecutiveEmptyPages { get; init; } = 50;

    /// <summary>How many times one run restarts its window after <c>badResumptionToken</c>.</summary>
    public int MaxWindowRestarts { get; init; } = 3;
}

/// <summary>
/// Harvests an OAI-PMH 2.0 repository with <c>ListRecords</c>: Identify first (granularity), then one batch per
/// page, following resumption tokens. The next incremental run starts from the partner's own
/// <c>responseDate</c> of the first page. See <see cref="OaiPmhSettings"/> for the settings.
/// </summary>
public sealed class OaiPmhConnector : IConnector
{
    public const string ConnectorKind = "oai-pmh";

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly OaiPmhConnectorOptions _options;

    /// <param name="httpClient">Sends the requests; its own timeout should be infinite or longer than any source's policy.</param>
    /// <param name="timeProvider">The clock for time limits, back-off and politeness delays.</param>
    /// <param name="options">Loop protection limits; defaults when null.</param>
    public OaiPmhConnector(HttpClient httpClient, TimeProvider timeProvider, OaiPmhConnectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _options = options ?? new OaiPmhConnectorOptions();
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.Incremental | ConnectorCapabilities.Deletions | ConnectorCapabilities.Sets;

    public IReadOnlyCollection<string> SettingNames { get; } = ["baseUrl", "metadataPrefix", "set", "from", "windowDays", HttpPolicy.SettingsProperty];

    public IReadOnlyList<string> ValidateSettings(JsonElement settings)
    {
        var problems = new List<string>();
        OaiPmhSettings.Read(settings, problems);
        return problems;
    }

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(
        HarvestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var settings = OaiPmhSettings.Read(context.Settings, problems)
            ?? throw new ConnectorException($"The OAI-PMH settings of source '{context.SourceId}' are not usable: {string.Join(" ", problems)}");
        var checkpoint = OaiPmhCheckpoint.Parse(context.Checkpoint);
        var http = new ResilientHttpClient(_httpClient, _timeProvider, settings.Http);

        var identify = await IdentifyAsync(http, settings, cancellationToken);
        var granularity = identify.Granularity;

        // The window: from/until and, when a previous run stopped in the middle, where it stopped.
        var from = checkpoint is null ? settings.From : checkpoint.From;
        var until = checkpoint?.Until;
        var token = checkpoint?.ResumptionToken;
        var windowResponseDate = checkpoint?.InProgress == true ? checkpoint.WindowResponseDate : null;

        // A first harvest may be cut into date windows, from `from` (or the earliest datestamp) to the partner's clock now.
        var harvestUntil = checkpoint?.HarvestUntil;
        if (checkpoint is null && settings.WindowDays is { } windowDays
            && OaiPmhDates.Parse(settings.From ?? identify.EarliestDatestamp) is { } start
            && OaiPmhDates.Parse(identify.ResponseDate) is { } end
            && end - start > TimeSpan.FromDays(windowDays))
        {
            harvestUntil = OaiPmhDates.Format(end, granularity);
            from = OaiPmhDates.Format(start, granularity);
            until = NextWindowEnd(start, end, windowDays, granularity);
        }

        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        if (token is not null)
        {
            seenTokens.Add(token);
        }

        var emptyPagesInRow = 0;
        var restarts = 0;
        while (true)
        {
            var uri = token is null
                ? BuildUri(settings.BaseUrl, ("verb", "ListRecords"), ("metadataPrefix", settings.MetadataPrefix),
                    ("from", FormatForPartner(from, granularity)), ("until", FormatForPartner(until, granularity)), ("set", settings.Set))
                : BuildUri(settings.BaseUrl, ("verb", "ListRecords"), ("resumptionToken", token));
            var page = await FetchListAsync(http, uri, context.SourceId, settings.MetadataPrefix, cancellationToken);

            if (page.Error is { } error)
            {
                if (error.Code == OaiPmhError.BadResumptionToken && token is not null)
                {
                    if (++restarts > _options.MaxWindowRestarts)
                    {
                        throw new ConnectorException(
                            $"OAI-PMH source '{context.SourceId}' refused its resumption token {restarts} times ({error}); giving up this run.");
                    }

                    // The partner forgot (or never knew) the token: page the window again from its start.
                    token = null;
                    seenTokens.Clear();
                    emptyPagesInRow = 0;
                    continue;
                }

                if (error.Code == OaiPmhError.NoRecordsMatch)
                {
                    windowResponseDate ??= page.ResponseDate ?? identify.ResponseDate;
                    if (NextWindow(settings, until, harvestUntil, granularity) is { } nextWindow)
                    {
                        yield return new HarvestBatch([], [], nextWindow.Serialize());
                        (from, until, token, windowResponseDate) = (nextWindow.From, nextWindow.Until, null, null);
                        seenTokens.Clear();
                        emptyPagesInRow = 0;
                        continue;
                    }

                    yield return new HarvestBatch([], [], FinalCheckpoint(from, harvestUntil ?? windowResponseDate, granularity));
                    yield break;
                }

                throw new ConnectorException(
                    $"OAI-PMH source '{context.SourceId}' answered with error {error.Code}"
                    + (error.Message.Length > 0 ? $": {error.Message}" : ".")
                    + $" (request: {ResilientHttpClient.RedactUrl(uri)})");
            }

            if (page.Verb != "ListRecords")
            {
                throw new ConnectorException(
                    $"OAI-PMH source '{context.SourceId}' answered ListRecords with {page.Verb ?? "no list at all"} (request: {ResilientHttpClient.RedactUrl(uri)}).");
            }

            windowResponseDate ??= page.ResponseDate ?? identify.ResponseDate;
            var next = page.ResumptionToken;
            if (next is null)
            {
                if (NextWindow(settings, until, harvestUntil, granularity) is { } nextWindow)
                {
                    yield return new HarvestBatch(page.Records, page.Problems, nextWindow.Serialize());
                    (from, until, token, windowResponseDate) = (nextWindow.From, nextWindow.Until, null, null);
                    seenTokens.Clear();
                    emptyPagesInRow = 0;
                    continue;
                }

                yield return new HarvestBatch(page.Records, page.Problems, FinalCheckpoint(from, harvestUntil ?? windowResponseDate, granularity));
                yield break;
            }

            if (!seenTokens.Add(next))
            {
                throw new ConnectorException(
                    $"OAI-PMH source '{context.SourceId}' sent the resumption token '{next}' a second time in one run: the list loops.");
            }

            emptyPagesInRow = page.Records.Count == 0 && page.Problems.Count == 0 ? emptyPagesInRow + 1 : 0;
            if (emptyPagesInRow > _options.MaxConsecutiveEmptyPages)
            {
                throw new ConnectorException(
                    $"OAI-PMH source '{context.SourceId}' sent {emptyPagesInRow} empty pages in a row that still carry a resumption token; giving up.");
            }

            var inProgress = new OaiPmhCheckpoint(from, until, next, windowResponseDate, harvestUntil);
            yield return new HarvestBatch(page.Records, page.Problems, inProgress.Serialize());
            token = next;
        }
    }

    /// <summary>The window after the one ending at <paramref name="until"/>, or null when that was the last (or none).</summary>
    private static OaiPmhCheckpoint? NextWindow(OaiPmhSettings settings, string? until, string? harvestUntil, OaiPmhGranularity granularity)
    {
        if (harvestUntil is null || settings.WindowDays is not { } days
            || OaiPmhDates.Parse(until) is not { } windowEnd || OaiPmhDates.Parse(harvestUntil) is not { } end
            || windowEnd >= end)
        {
            return null;
        }

        return new OaiPmhCheckpoint(OaiPmhDates.Format(windowEnd, granularity), NextWindowEnd(windowEnd, end, days, granularity), HarvestUntil: harvestUntil);
    }

    private static string NextWindowEnd(DateTimeOffset start, DateTimeOffset end, int days, OaiPmhGranularity granularity)
    {
        var windowEnd = start.AddDays(days);
        return OaiPmhDates.Format(windowEnd < end ? windowEnd : end, granularity);
    }

    private static string FinalCheckpoint(string? from, string? windowResponseDate, OaiPmhGranularity granularity)
    {
        // The next window starts at the partner's clock when this window began; without one, it starts where this one did.
        var next = OaiPmhDates.Parse(windowResponseDate) is { } date
            ? OaiPmhDates.Format(date, granularity)
            : FormatForPartner(from, granularity);
        return new OaiPmhCheckpoint(next).Serialize();
    }

    private static string? FormatForPartner(string? datestamp, OaiPmhGranularity granularity)
    {
        if (datestamp is null)
        {
            return null;
        }

        var parsed = OaiPmhDates.Parse(datestamp);
        if (parsed is null)
        {
            return datestamp;
        }

        // A day is always understood; a time is only understood by a partner that has seconds granularity.
        var isDayOnly = datestamp.Trim().Length == 10;
        return OaiPmhDates.Format(parsed.Value, isDayOnly ? OaiPmhGranularity.Day : granularity);
    }

    private static async Task<OaiPmhIdentify> IdentifyAsync(ResilientHttpClient http, OaiPmhSettings settings, CancellationToken cancellationToken)
    {
        var uri = BuildUri(settings.BaseUrl, ("verb", "Identify"));
        var identify = await http.GetAsync(
            uri,
            async (_, body, ct) =>
            {
                try
                {
                    return await OaiPmhResponseReader.ReadIdentifyAsync(body, ct);
                }
                catch (XmlException ex)
                {
                    throw new UnreadableResponseException($"not an OAI-PMH XML document ({ex.Message})", ex);
                }
            },
            cancellationToken);
        if (identify.Error is { } error)
        {
            throw new ConnectorException($"OAI-PMH Identify at {ResilientHttpClient.RedactUrl(uri)} answered with error {error}.");
        }

        return identify;
    }

    private static Task<OaiPmhListPage> FetchListAsync(
        ResilientHttpClient http,
        Uri uri,
        string sourceId,
        string metadataPrefix,
        CancellationToken cancellationToken) =>
        http.GetAsync(
            uri,
            async (_, body, ct) =>
            {
                try
                {
                    return await OaiPmhResponseReader.ReadListAsync(body, sourceId, metadataPrefix, ct);
                }
                catch (XmlException ex)
                {
                    throw new UnreadableResponseException($"not an OAI-PMH XML document ({ex.Message})", ex);
                }
            },
            cancellationToken);

    /// <summary>The base URL with the OAI-PMH arguments (null values left out) added to its query.</summary>
    internal static Uri BuildUri(Uri baseUrl, params (string Name, string? Value)[] arguments)
    {
        var query = new StringBuilder(baseUrl.Query.TrimStart('?'));
        foreach (var (name, value) in arguments)
        {
            if (value is null)
            {
                continue;
            }

            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var builder = new UriBuilder(baseUrl) { Query = query.ToString(), Fragment = string.Empty };
        return builder.Uri;
    }
}

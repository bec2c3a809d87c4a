using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;

namespace Search.Connectors.JsonApi;

/// <summary>
/// Harvests a JSON web-service API (NSTL-like) page by page, with page, offset or cursor paging, as the
/// source's <see cref="JsonApiSettings"/> say. One page is one batch. With a <c>fromParam</c> the next run asks
/// only for records changed since the newest change date of the last pass; without one, every run is a complete
/// pass and its last batch says so (<see cref="HarvestBatch.EndsCompletePass"/>), so records the API no longer
/// lists are retired. The API key header is sent with each request and never written into a message.
/// </summary>
public sealed class JsonApiConnector : IConnector
{
    public const string ConnectorKind = "json-api";

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;

    public JsonApiConnector(HttpClient httpClient, TimeProvider timeProvider)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities => ConnectorCapabilities.Incremental;

    public IReadOnlyCollection<string> SettingNames { get; } =
        ["url", "paging", "recordsPath", "idPath", "datePath", "deletedPath", "fields", "apiKey", "fromParam", "maxPages", HttpPolicy.SettingsProperty];

    public IReadOnlyList<string> ValidateSettings(JsonElement settings)
    {
        var problems = new List<string>();
        JsonApiSettings.Read(settings, problems);
        return problems;
    }

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(
        HarvestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var settings = JsonApiSettings.Read(context.Settings, problems)
            ?? throw new ConnectorException($"The JSON API settings of source '{context.SourceId}' are not usable: {string.Join(" ", problems)}");
        var headers = settings.ApiKeyHeaders();
        var http = new ResilientHttpClient(_httpClient, _timeProvider, settings.Http);

        var checkpoint = JsonApiCheckpoint.Parse(context.Checkpoint);
        var from = settings.FromParam is null ? null : checkpoint.From;
        var complete = from is null;
        var position = checkpoint.Position ?? StartPosition(settings);
        var maxDate = Dates.Parse(checkpoint.MaxDate);
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);

        for (var pages = 1; ; pages++)
        {
            if (pages > settings.MaxPages)
            {
                throw new ConnectorException($"JSON API source '{context.SourceId}' still had pages after {settings.MaxPages} ('maxPages'); giving up.");
            }

            var uri = BuildUri(settings, position, from);
            using var document = await http.GetAsync(uri, headers, ReadJsonAsync, cancellationToken);
            var root = document.RootElement;
            var records = new List<HarvestedRecord>();
            var pageProblems = new List<HarvestProblem>();
            var items = JsonPaths.Select(root, settings.RecordsPath).ToList();
            foreach (var item in items)
            {
                var id = JsonPaths.SelectText(item, settings.IdPath)?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    pageProblems.Add(new HarvestProblem(null, $"A record on {ResilientHttpClient.RedactUrl(uri)} has no identifier at '{settings.IdPath}'.", item.GetRawText()));
                    continue;
                }

                var date = settings.DatePath is null ? null : Dates.Parse(JsonPaths.SelectText(item, settings.DatePath));
                if (date is { } d && (maxDate is null || d > maxDate))
                {
                    maxDate = d;
                }

                var deleted = settings.DeletedPath is not null
                    && JsonPaths.Select(item, settings.DeletedPath).Any(v => v.ValueKind == JsonValueKind.True
                        || (v.ValueKind == JsonValueKind.String && v.GetString() is "true" or "deleted" or "1"));
                records.Add(new HarvestedRecord(
                    context.SourceId,
                    id,
                    date,
                    deleted,
                    MetadataFormats.Json,
                    deleted ? null : MappedFields.Envelope(settings.Fields, JsonNode.Parse(item.GetRawText())),
                    []));
            }

            var next = NextPosition(settings, root, position, items.Count);
            if (next is not null && settings.Mode == JsonPagingMode.Cursor && !seenCursors.Add(next))
            {
                throw new ConnectorException($"JSON API source '{context.SourceId}' sent the cursor '{next}' a second time in one run: the list loops.");
            }

            if (next is null)
            {
                var nextFrom = settings.FromParam is null ? null : (maxDate is { } m ? Dates.Format(m) : from);
                yield return new HarvestBatch(records, pageProblems, new JsonApiCheckpoint(nextFrom).Serialize()) { EndsCompletePass = complete };
                yield break;
            }

            var inProgress = new JsonApiCheckpoint(from, next, maxDate is { } max ? Dates.Format(max) : null);
            yield return new HarvestBatch(records, pageProblems, inProgress.Serialize());
            position = next;
        }
    }

    private static string StartPosition(JsonApiSettings settings) => settings.Mode switch
    {
        JsonPagingMode.Page => settings.FirstPage.ToString(CultureInfo.InvariantCulture),
        JsonPagingMode.Offset => "0",
        _ => string.Empty,
    };

    /// <summary>The position of the next page, or null when this page was the last.</summary>
    private static string? NextPosition(JsonApiSettings settings, JsonElement root, string position, int count)
    {
        switch (settings.Mode)
        {
            case JsonPagingMode.Page:
                return count < settings.PageSize ? null
                    : (long.Parse(position, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            case JsonPagingMode.Offset:
                return count < settings.PageSize ? null
                    : (long.Parse(position, CultureInfo.InvariantCulture) + count).ToString(CultureInfo.InvariantCulture);
            default:
                var cursor = JsonPaths.SelectText(root, settings.CursorPath!)?.Trim();
                return string.IsNullOrEmpty(cursor) || count == 0 ? null : cursor;
        }
    }

    private static Uri BuildUri(JsonApiSettings settings, string position, string? from)
    {
        var query = new StringBuilder(settings.Url.Query.TrimStart('?'));
        void Add(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var size = settings.PageSize.ToString(CultureInfo.InvariantCulture);
        switch (settings.Mode)
        {
            case JsonPagingMode.Page:
                Add(settings.PageParam, position);
                Add(settings.SizeParam, size);
                break;
            case JsonPagingMode.Offset:
                Add(settings.OffsetParam, position);
                Add(settings.SizeParam, size);
                break;
            default:
                Add(settings.CursorParam, position);
                Add(settings.SizeParam, size);
                break;
        }

        if (settings.FromParam is not null)
        {
            Add(settings.FromParam, from);
        }

        return new UriBuilder(settings.Url) { Query = query.ToString(), Fragment = string.Empty }.Uri;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new UnreadableResponseException($"not a JSON document ({ex.Message})", ex);
        }
    }

    /// <summary>Change dates as the API writes them (ISO 8601 dates or times); UTC unless an offset is given.</summary>
    internal static class Dates
    {
        public static DateTimeOffset? Parse(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
                ? d
                : null;

        public static string Format(DateTimeOffset date) =>
            date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}

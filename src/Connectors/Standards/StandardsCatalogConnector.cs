using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;

namespace Search.Connectors.Standards;

/// <summary>
/// Harvests a standards catalogue that only has web pages (modelled on the national standards public service
/// sites): walks the list pages by their next-page link, opens each detail page, and cuts it into the texts the
/// source's CSS selectors pick (<see cref="StandardsCatalogSettings"/>). One list page with its detail pages is
/// one batch; the checkpoint is the next list page, so a stopped run resumes there. Every run is a complete pass
/// (the catalogue cannot report deletions): its last batch says so and standards no longer listed are retired.
/// The payload (format <c>standard-html</c>) is <c>{"url": ..., "fields": {"number": ["GB/T 42354-2023"], ...}}</c>;
/// the record id is the detail page's path and query on the catalogue's site.
/// </summary>
public sealed class StandardsCatalogConnector : IConnector
{
    public const string ConnectorKind = "standards-html";

    private static readonly JsonSerializerOptions PayloadOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;

    static StandardsCatalogConnector()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public StandardsCatalogConnector(HttpClient httpClient, TimeProvider timeProvider)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities => ConnectorCapabilities.None;

    public IReadOnlyCollection<string> SettingNames { get; } = ["startUrl", "selectors", "maxPages", HttpPolicy.SettingsProperty];

    public IReadOnlyList<string> ValidateSettings(JsonElement settings)
    {
        var problems = new List<string>();
        StandardsCatalogSettings.Read(settings, problems);
        return problems;
    }

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(HarvestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var settings = StandardsCatalogSettings.Read(context.Settings, problems)
            ?? throw new ConnectorException($"The standards catalogue settings of source '{context.SourceId}' are not usable: {string.Join(" ", problems)}");
        var http = new ResilientHttpClient(_httpClient, _timeProvider, settings.Http);
        var parser = new HtmlParser();

        var listUrl = StandardsCheckpoint.Parse(context.Checkpoint).Resolve(settings.StartUrl);
        var seenLists = new HashSet<string>(StringComparer.Ordinal);
        for (var pages = 1; ; pages++)
        {
            if (pages > settings.MaxPages)
            {
                throw new ConnectorException($"Standards catalogue '{context.SourceId}' still had list pages after {settings.MaxPages} ('maxPages').");
            }

            if (!seenLists.Add(listUrl.AbsoluteUri))
            {
                throw new ConnectorException($"Standards catalogue '{context.SourceId}' links back to list page {ResilientHttpClient.RedactUrl(listUrl)}: the list loops.");
            }

            using var list = await FetchAsync(http, parser, listUrl, cancellationToken);
            var details = list.QuerySelectorAll(settings.DetailLink)
                .Select(a => Resolve(listUrl, a.GetAttribute("href")))
                .OfType<Uri>()
                .DistinctBy(u => u.AbsoluteUri)
                .ToList();

            var records = new List<HarvestedRecord>();
            var pageProblems = new List<HarvestProblem>();
            foreach (var detailUrl in details)
            {
                using var detail = await FetchAsync(http, parser, detailUrl, cancellationToken);
                var payload = Cut(detail, detailUrl, settings);
                if (payload is null)
                {
                    pageProblems.Add(new HarvestProblem(SiteRelative(detailUrl, settings.StartUrl), $"The page {ResilientHttpClient.RedactUrl(detailUrl)} has no standard number at '{settings.Fields["number"]}'.", Head(detail)));
                    continue;
                }

                records.Add(new HarvestedRecord(context.SourceId, SiteRelative(detailUrl, settings.StartUrl), null, false, MetadataFormats.StandardHtml, payload, []));
            }

            var next = settings.NextPage is null ? null
                : list.QuerySelectorAll(settings.NextPage).Select(a => Resolve(listUrl, a.GetAttribute("href"))).OfType<Uri>().FirstOrDefault();
            if (next is null || details.Count == 0)
            {
                yield return new HarvestBatch(records, pageProblems, new StandardsCheckpoint((string?)null).Serialize()) { EndsCompletePass = true };
                yield break;
            }

            yield return new HarvestBatch(records, pageProblems, StandardsCheckpoint.At(next, settings.StartUrl).Serialize());
            listUrl = next;
        }
    }

    /// <summary>The detail page cut into its fields' texts as JSON, or null when it has no standard number.</summary>
    internal static string? Cut(IDocument detail, Uri url, StandardsCatalogSettings settings)
    {
        var fields = new JsonObject();
        foreach (var (name, selector) in settings.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var texts = detail.QuerySelectorAll(selector)
                .Select(e => Collapse(e.TextContent))
                .Where(t => t.Length > 0)
                .ToList();
            if (texts.Count > 0)
            {
                fields[name] = new JsonArray([.. texts.Select(t => JsonValue.Create(t))]);
            }
        }

        if (!fields.ContainsKey("number"))
        {
            return null;
        }

        return new JsonObject { ["url"] = url.AbsoluteUri, ["fields"] = fields }.ToJsonString(PayloadOptions);
    }

    /// <summary>A page's path and query when it is on the start page's site (the record id survives a move to https or a new host), else its address.</summary>
    internal static string SiteRelative(Uri page, Uri startUrl) =>
        string.Equals(page.GetLeftPart(UriPartial.Authority), startUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? page.PathAndQuery
            : page.AbsoluteUri;

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Head(IDocument document)
    {
        var html = document.DocumentElement.OuterHtml;
        return html.Length <= 64 * 1024 ? html : html[..(64 * 1024)];
    }

    private static Uri? Resolve(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || href.StartsWith('#'))
        {
            return null;
        }

        return Uri.TryCreate(page, href.Trim(), out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? new UriBuilder(url) { Fragment = string.Empty }.Uri
            : null;
    }

    private static Task<AngleSharp.Html.Dom.IHtmlDocument> FetchAsync(ResilientHttpClient http, HtmlParser parser, Uri url, CancellationToken cancellationToken) =>
        http.GetAsync(
            url,
            async (response, body, ct) =>
            {
                // The whole body is read first: a cut-short answer fails here (and is tried again), never half-parsed.
                using var buffer = new MemoryStream();
                await body.CopyToAsync(buffer, ct);
                var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
                Encoding encoding;
                try
                {
                    encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset);
                }
                catch (ArgumentException)
                {
                    encoding = Encoding.UTF8;
                }

                return parser.ParseDocument(encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            },
            cancellationToken);
}

/// <summary>
/// The next list page of a pass in progress; null between passes (the next run starts a new pass). A page on the
/// start page's site is kept as its path and query, so a catalogue that moves (or a changed <c>startUrl</c> host)
/// resumes on the new site.
/// </summary>
public sealed record StandardsCheckpoint([property: JsonPropertyName("next")] string? Next)
{
    public static StandardsCheckpoint At(Uri next, Uri startUrl)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(startUrl);
        return new StandardsCheckpoint(StandardsCatalogConnector.SiteRelative(next, startUrl));
    }

    /// <summary>The list page to fetch next: the start page when no pass is in progress.</summary>
    public Uri Resolve(Uri startUrl) => Next is null ? startUrl : new Uri(startUrl, Next);

    public string Serialize() => JsonSerializer.Serialize(this);

    public static StandardsCheckpoint Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new StandardsCheckpoint((string?)null);
        }

        try
        {
            return JsonSerializer.Deserialize<StandardsCheckpoint>(text) ?? new StandardsCheckpoint((string?)null);
        }
        catch (JsonException ex)
        {
            throw new ConnectorException($"The stored checkpoint is not a standards catalogue checkpoint: {ex.Message}", ex);
        }
    }
}

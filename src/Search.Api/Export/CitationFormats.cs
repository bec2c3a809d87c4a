using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Search.Api.Api;
using Search.Ingestion.Storage;

namespace Search.Api.Export;

/// <summary>One way to cite or export records: its <c>style=</c> name, its label on the page, its media type and file extension.</summary>
public sealed record CitationFormat(string Id, string Label, string MediaType, string Extension, Func<CslItem, string> Render, GbT7714Style? GbT = null);

/// <summary>
/// <c>GET /api/records/{id}/cite?style=</c> (one record) and <c>GET /api/cite?id=…&amp;id=…&amp;style=</c> (a marked list, in
/// the order given; GB/T 7714 numeric lists are numbered [1], [2], …). <c>download=1</c> sends the text as a file.
/// Styles: gbt7714-2015, gbt7714-2015-author-date, gbt7714-2025, gbt7714-2025-author-date, ris, bibtex, endnote,
/// noteexpress, and csl-json (the item citeproc-js and Zotero read). Citing needs no entitlement: it is metadata.
/// </summary>
public static class CitationFormats
{
    public const int MaxRecords = 500;

    public static readonly IReadOnlyList<CitationFormat> All =
    [
        Gb("gbt7714-2015", "GB/T 7714—2015 顺序编码制", GbT7714Style.Numeric2015),
        Gb("gbt7714-2015-author-date", "GB/T 7714—2015 著者-出版年制", GbT7714Style.AuthorDate2015),
        Gb("gbt7714-2025", "GB/T 7714—2025 顺序编码制", GbT7714Style.Numeric2025),
        Gb("gbt7714-2025-author-date", "GB/T 7714—2025 著者-出版年制", GbT7714Style.AuthorDate2025),
        new("ris", "RIS（Zotero、EndNote、Mendeley）", "application/x-research-info-systems", "ris", TaggedFormats.Ris),
        new("bibtex", "BibTeX", "application/x-bibtex", "bib", TaggedFormats.BibTex),
        new("endnote", "EndNote", "application/x-endnote-refer", "enw", TaggedFormats.EndNote),
        new("noteexpress", "NoteExpress", "text/plain", "txt", TaggedFormats.NoteExpress),
        new("csl-json", "CSL-JSON", "application/vnd.citationstyles.csl+json", "json", item => item.ToJson().ToJsonString()),
    ];

    public static CitationFormat? Find(string? id) => All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));

    public static IEndpointRouteBuilder MapCitationApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/records/{id}/cite", (string id, string? style, string? download, CatalogStore store, CancellationToken ct) =>
            CiteAsync([id], style, download, store, ct));
        app.MapGet("/api/cite", (string[]? id, string? style, string? download, CatalogStore store, CancellationToken ct) =>
            CiteAsync(id ?? [], style, download, store, ct));
        return app;
    }

    private static async Task<IResult> CiteAsync(IReadOnlyList<string> ids, string? style, string? download, CatalogStore store, CancellationToken ct)
    {
        var format = Find(style ?? "gbt7714-2015");
        if (format is null)
        {
            return TypedResults.Problem(
                $"style: '{style}' is not a citation style; use one of {string.Join(", ", All.Select(f => f.Id))}.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var wanted = ids.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (wanted.Count == 0 || wanted.Count > MaxRecords)
        {
            return TypedResults.Problem($"id: give 1 to {MaxRecords} record ids (repeat the parameter or separate them with commas).", statusCode: StatusCodes.Status400BadRequest);
        }

        var items = new List<CslItem>(wanted.Count);
        foreach (var id in wanted)
        {
            var record = await RecordsApi.LoadAsync(id, store, ct);
            if (record is null)
            {
                return TypedResults.Problem($"No record '{id}'.", statusCode: StatusCodes.Status404NotFound);
            }

            items.Add(CslItem.From(record));
        }

        var text = Render(format, items);
        var media = format.MediaType + "; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        return download is "1" or "true"
            ? TypedResults.File(bytes, media, $"{(items.Count == 1 ? Safe(items[0].Id) : "records")}.{format.Extension}")
            : TypedResults.Text(text, media);
    }

    /// <summary>The items in one text: a numbered list for GB/T numeric, entries one per line for the other GB/T system, records one after another for the tagged formats, an array for CSL-JSON.</summary>
    public static string Render(CitationFormat format, IReadOnlyList<CslItem> items)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(items);
        if (format.Id == "csl-json")
        {
            return new JsonArray([.. items.Select(i => (JsonNode)i.ToJson())]).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        if (format.GbT is { } gb)
        {
            if (items.Count == 1)
            {
                return format.Render(items[0]) + "\n";
            }

            var lines = items.Select((item, i) => gb.AuthorDate ? format.Render(item) : $"[{i + 1}] {format.Render(item)}");
            return string.Join("\n", lines) + "\n";
        }

        return string.Concat(items.Select(format.Render));
    }

    private static CitationFormat Gb(string id, string label, GbT7714Style style) =>
        new(id, label, "text/plain", "txt", item => GbT7714.Format(item, style), style);

    private static string Safe(string id) => new([.. id.Where(char.IsAsciiLetterOrDigit)]);
}

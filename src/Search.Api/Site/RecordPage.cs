using System.Globalization;
using Search.Api.Api;
using Search.Api.Entitlement;
using Search.Api.Export;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Api.Site;

/// <summary>
/// <c>GET /records/{id}</c>: a work's page, rendered on the server so that it reads without JavaScript: every field
/// the record's type has, every holding with its source and links, the full-text button in the state the visitor's
/// entitlement gives, citation export, and the record as Highwire <c>citation_*</c> meta tags and a COinS span for
/// Zotero's translators and scholarly crawlers. The work is disclosed by the same rule as <c>/api/records/{id}</c>.
/// </summary>
public static class RecordPage
{
    public const string SiteName = "科技文献检索";

    public static IEndpointRouteBuilder MapRecordPage(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/records/{id}", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, CatalogStore store, RecordDisclosure disclosure, EntitlementCatalog entitlement)
    {
        var record = await RecordsApi.LoadAsync(id, store, http.RequestAborted);
        if (record is null)
        {
            return Results.Content(NotFound(id), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var disclosed = await disclosure.DiscloseAsync(record, http);
        var institution = disclosed.Who.Institution is { } inst && entitlement.Current.Institutions.TryGetValue(inst, out var found) ? found.Name : null;
        return Results.Content(Render(disclosed, institution), "text/html; charset=utf-8");
    }

    /// <summary>The page's HTML for a disclosed work; <paramref name="institution"/> is the visitor's institution's name, if any.</summary>
    public static string Render(DisclosedRecord disclosed, string? institution)
    {
        ArgumentNullException.ThrowIfNull(disclosed);
        var r = disclosed.Record;
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Element("title", $"{r.Title} - {SiteName}").Raw("\n")
            .Raw("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/app.css\">\n")
            .Raw("<link rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"/opensearch.xml\" title=\"" + SiteName + "\">\n")
            .Open("link", ("rel", "canonical"), ("href", $"/records/{Uri.EscapeDataString(r.Id)}")).Raw("\n")
            .Open("link", ("rel", "alternate"), ("type", "application/json"), ("href", $"/api/records/{Uri.EscapeDataString(r.Id)}")).Raw("\n");
        Highwire.Write(html, r, disclosed);
        html.Raw("</head>\n<body class=\"record-page\">\n");
        Header(html, institution);
        html.Raw("<main class=\"record\">\n<article>\n");
        html.Element("span", RecordLabels.Type(r.Type), ("class", "type-badge"));
        html.Element("h2", r.Title, ("class", "record-title"), ("lang", LanguageTag(r.Language)));
        foreach (var alternative in r.AlternativeTitles)
        {
            html.Element("p", alternative, ("class", "record-alternative"));
        }

        FullTextButton(html, r, disclosed);
        html.Raw("<dl class=\"record-fields\">\n");
        foreach (var (label, values) in RecordFields.For(r))
        {
            html.Element("dt", label).Raw("<dd>");
            for (var i = 0; i < values.Count; i++)
            {
                html.Raw(i == 0 ? "" : "；").Text(values[i]);
            }

            html.Raw("</dd>\n");
        }

        html.Raw("</dl>\n");
        if (!string.IsNullOrWhiteSpace(r.Abstract))
        {
            html.Raw("<section class=\"record-abstract\"><h3>摘要</h3>").Element("p", r.Abstract).Raw("</section>\n");
        }

        Holdings(html, disclosed);
        Exports(html, r);
        Coins.Write(html, r);
        html.Raw("</article>\n</main>\n<footer>")
            .Text(SiteName).Raw(" · <a href=\"/opensearch.xml\">OpenSearch</a> · <a href=\"/sru?operation=explain\">SRU</a></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(Html html, string? institution)
    {
        html.Raw("<header>\n<h1><a href=\"/\">" + SiteName + "</a></h1>\n");
        if (institution is not null)
        {
            html.Element("span", $"欢迎，{institution}用户", ("class", "account"));
        }

        html.Raw("<form id=\"search-form\" role=\"search\" action=\"/\" method=\"get\">")
            .Raw("<input id=\"q\" name=\"q\" type=\"search\" aria-label=\"检索词\" placeholder=\"检索题名、关键词、作者……\">")
            .Raw("<button type=\"submit\">检索</button></form>\n</header>\n");
    }

    private static void FullTextButton(Html html, RecordsApi.RecordResponse r, DisclosedRecord disclosed)
    {
        var decision = disclosed.Decision;
        html.Raw("<p class=\"record-access\">");
        if (decision.IsAvailable)
        {
            var granted = r.Sources.FirstOrDefault(s => s.Id == decision.Source) ?? (r.Sources.Count > 0 ? r.Sources[0] : null);
            var route = granted is null ? null : $"/api/records/{Uri.EscapeDataString(granted.RecordId)}/fulltext";
            html.Element("a", "获取全文", ("class", "fulltext button"), ("href", route), ("rel", "noopener"), ("data-access", decision.Fulltext));
        }
        else
        {
            html.Element("span", RecordLabels.Access(decision), ("class", "fulltext-denied"), ("data-access", decision.Fulltext));
            if (decision.Fulltext == FulltextAccess.LoginRequired)
            {
                html.Raw(" ").Element("a", "登录", ("href", "/"), ("class", "login-link"));
            }
        }

        html.Raw("</p>\n");
    }

    private static void Holdings(Html html, DisclosedRecord disclosed)
    {
        var r = disclosed.Record;
        html.Raw("<section class=\"record-holdings\"><h3>").Text($"馆藏来源（{r.Sources.Count} 个来源）").Raw("</h3>\n<ul>\n");
        for (var i = 0; i < r.Sources.Count; i++)
        {
            var s = r.Sources[i];
            var access = disclosed.Holdings[i];
            html.Raw("<li>").Element("span", s.Name, ("class", "holding-source")).Raw(" ")
                .Element("span", s.ExternalId, ("class", "holding-id"));
            foreach (var link in s.Links.Where(l => l.Kind == Search.Ingestion.Mapping.LinkKinds.Landing && IsWeb(l.Url)))
            {
                html.Raw(" ").Element("a", "来源页面", ("href", link.Url), ("rel", "noopener nofollow"));
            }

            if (access.IsAvailable && s.FullText is not null)
            {
                html.Raw(" ").Element("a", "全文", ("class", "fulltext"), ("href", $"/api/records/{Uri.EscapeDataString(s.RecordId)}/fulltext"), ("rel", "noopener"));
            }
            else
            {
                html.Raw(" ").Element("span", RecordLabels.Access(access), ("class", "fulltext-denied"));
            }

            html.Raw("</li>\n");
        }

        html.Raw("</ul></section>\n");
    }

    private static void Exports(Html html, RecordsApi.RecordResponse r)
    {
        html.Raw("<section class=\"record-cite\"><h3>引用与导出</h3>\n<ul>\n");
        foreach (var format in CitationFormats.All)
        {
            html.Raw("<li>").Element("a", format.Label, ("href", $"/api/records/{Uri.EscapeDataString(r.Id)}/cite?style={format.Id}&download=1"), ("download", null))
                .Raw("</li>\n");
        }

        html.Raw("</ul></section>\n");
    }

    private static bool IsWeb(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The record's language as a BCP 47 tag for the <c>lang</c> attribute, when we know it.</summary>
    internal static string? LanguageTag(string? language) => language switch
    {
        "chi" => "zh",
        "eng" => "en",
        "ger" => "de",
        "fre" => "fr",
        "jpn" => "ja",
        "rus" => "ru",
        _ => null,
    };

    private static string NotFound(string id)
    {
        var html = new Html();
        html.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>未找到记录 - " + SiteName + "</title>\n")
            .Raw("<link rel=\"stylesheet\" href=\"/app.css\">\n</head>\n<body>\n");
        Header(html, null);
        html.Raw("<main class=\"record\"><p class=\"error\">").Text($"没有编号为“{id}”的记录。").Raw("</p></main>\n</body>\n</html>\n");
        return html.ToString();
    }

    internal static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

using System.Globalization;
using System.Text;
using System.Xml;
using Search.Indexer.Search;

namespace Search.Api.Api;

/// <summary>
/// OpenSearch 1.1: the description document at <c>/opensearch.xml</c> (linked from the search page, so a
/// browser can add the platform as a search engine) and the results of <c>/api/search</c> as Atom
/// (<c>/api/search/atom</c>) and RSS 2.0 (<c>/api/search/rss</c>) with the OpenSearch response elements. The
/// feeds take every parameter of <c>/api/search</c> and run the same search; they carry metadata only, never
/// a partner's full-text link.
/// </summary>
public static class OpenSearchApi
{
    public const string Namespace = "http://a9.com/-/spec/opensearch/1.1/";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static IEndpointRouteBuilder MapOpenSearchApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/opensearch.xml", Description);
        app.MapGet("/api/search/atom", ([AsParameters] SearchApi.SearchQuery query, HttpContext http, SearchService search, TimeProvider time) => Feed(query, http, search, time, atom: true));
        app.MapGet("/api/search/rss", ([AsParameters] SearchApi.SearchQuery query, HttpContext http, SearchService search, TimeProvider time) => Feed(query, http, search, time, atom: false));
        return app;
    }

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Description(HttpContext http)
    {
        var site = Base(http.Request);
        var text = Write(w =>
        {
            w.WriteStartElement("OpenSearchDescription", Namespace);
            w.WriteElementString("ShortName", Namespace, "科技文献检索");
            w.WriteElementString("Description", Namespace, "省级科技信息共享平台的文献检索：期刊、学位论文、会议、专利、标准、报告与图书");
            w.WriteElementString("InputEncoding", Namespace, "UTF-8");
            w.WriteElementString("OutputEncoding", Namespace, "UTF-8");
            w.WriteElementString("Language", Namespace, "zh-CN");
            Url(w, "text/html", $"{site}/?q={{searchTerms}}");
            Url(w, "application/atom+xml", $"{site}/api/search/atom?q={{searchTerms}}&page={{startPage?}}&size={{count?}}");
            Url(w, "application/rss+xml", $"{site}/api/search/rss?q={{searchTerms}}&page={{startPage?}}&size={{count?}}");
            w.WriteStartElement("Query", Namespace);
            w.WriteAttributeString("role", "example");
            w.WriteAttributeString("searchTerms", "神经网络");
            w.WriteEndElement();
            w.WriteEndElement();
        });
        return TypedResults.Text(text, "application/opensearchdescription+xml; charset=utf-8");
    }

    private static void Url(XmlWriter w, string type, string template)
    {
        w.WriteStartElement("Url", Namespace);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("template", template);
        w.WriteEndElement();
    }

    private static IResult Feed(SearchApi.SearchQuery query, HttpContext http, SearchService search, TimeProvider time, bool atom)
    {
        var errors = new List<string>();
        var request = SearchApi.Parse(query, errors);
        if (errors.Count > 0 || request is null)
        {
            return SearchApi.BadRequest(string.Join(" ", errors));
        }

        SearchResult result;
        try
        {
            result = search.Search(request);
        }
        catch (QuerySyntaxException ex)
        {
            return SearchApi.BadRequest(ex.Message, ex.Position);
        }

        var site = Base(http.Request);
        var self = site + http.Request.Path + http.Request.QueryString;
        var startIndex = ((long)(request.Page - 1) * request.Size) + 1;
        var text = Write(w =>
        {
            if (atom)
            {
                WriteAtom(w, request, result, site, self, startIndex, time.GetUtcNow());
            }
            else
            {
                WriteRss(w, request, result, site, self, startIndex);
            }
        });
        return TypedResults.Text(text, (atom ? "application/atom+xml" : "application/rss+xml") + "; charset=utf-8");
    }

    private static void WriteAtom(XmlWriter w, SearchRequest request, SearchResult result, string site, string self, long startIndex, DateTimeOffset now)
    {
        w.WriteStartElement("feed", AtomNamespace);
        w.WriteAttributeString("xmlns", "opensearch", null, Namespace);
        w.WriteElementString("title", AtomNamespace, Clean($"科技文献检索：{request.Query}"));
        w.WriteElementString("id", AtomNamespace, Clean(self));
        w.WriteElementString("updated", AtomNamespace, now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Link(w, "self", Clean(self), "application/atom+xml");
        Link(w, "search", site + "/opensearch.xml", "application/opensearchdescription+xml");
        ResponseElements(w, request, result, startIndex);
        foreach (var hit in result.Hits)
        {
            var page = $"{site}/api/records/{Uri.EscapeDataString(hit.Id)}";
            w.WriteStartElement("entry", AtomNamespace);
            w.WriteElementString("title", AtomNamespace, Clean(hit.Title));
            w.WriteElementString("id", AtomNamespace, page);
            w.WriteElementString("updated", AtomNamespace, $"{(hit.Year ?? 1970).ToString("D4", CultureInfo.InvariantCulture)}-01-01T00:00:00Z");
            Link(w, "alternate", page, "application/json");
            foreach (var author in hit.Authors)
            {
                w.WriteStartElement("author", AtomNamespace);
                w.WriteElementString("name", AtomNamespace, Clean(author));
                w.WriteEndElement();
            }

            w.WriteStartElement("category", AtomNamespace);
            w.WriteAttributeString("term", hit.Type);
            w.WriteEndElement();
            if (hit.Highlights.TryGetValue("abstract", out var summary))
            {
                w.WriteStartElement("summary", AtomNamespace);
                w.WriteAttributeString("type", "html");
                w.WriteString(Clean(summary));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteRss(XmlWriter w, SearchRequest request, SearchResult result, string site, string self, long startIndex)
    {
        w.WriteStartElement("rss");
        w.WriteAttributeString("version", "2.0");
        w.WriteAttributeString("xmlns", "opensearch", null, Namespace);
        w.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
        w.WriteStartElement("channel");
        w.WriteElementString("title", Clean($"科技文献检索：{request.Query}"));
        w.WriteElementString("link", Clean(self));
        w.WriteElementString("description", Clean($"检索“{request.Query}”的结果"));
        ResponseElements(w, request, result, startIndex);
        w.WriteStartElement("atom", "link", AtomNamespace);
        w.WriteAttributeString("rel", "search");
        w.WriteAttributeString("type", "application/opensearchdescription+xml");
        w.WriteAttributeString("href", site + "/opensearch.xml");
        w.WriteEndElement();
        foreach (var hit in result.Hits)
        {
            var page = $"{site}/api/records/{Uri.EscapeDataString(hit.Id)}";
            w.WriteStartElement("item");
            w.WriteElementString("title", Clean(hit.Title));
            w.WriteElementString("link", page);
            w.WriteStartElement("guid");
            w.WriteAttributeString("isPermaLink", "true");
            w.WriteString(page);
            w.WriteEndElement();
            w.WriteElementString("category", hit.Type);
            if (hit.Highlights.TryGetValue("abstract", out var summary))
            {
                w.WriteElementString("description", Clean(summary));
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void ResponseElements(XmlWriter w, SearchRequest request, SearchResult result, long startIndex)
    {
        w.WriteElementString("totalResults", Namespace, result.Total.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("startIndex", Namespace, startIndex.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("itemsPerPage", Namespace, request.Size.ToString(CultureInfo.InvariantCulture));
        w.WriteStartElement("Query", Namespace);
        w.WriteAttributeString("role", "request");
        w.WriteAttributeString("searchTerms", Clean(request.Query));
        w.WriteAttributeString("startPage", request.Page.ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", AtomNamespace);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("href", href);
        w.WriteAttributeString("type", type);
        w.WriteEndElement();
    }

    /// <summary>Partner text without the characters XML cannot hold.</summary>
    private static string Clean(string text) => Search.Connectors.Xml.XmlChars.Clean(text);

    private static string Write(Action<XmlWriter> body)
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, }))
        {
            body(w);
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}

using System.Net;
using System.Xml.Linq;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.OpenSearch;

/// <summary>The OpenSearch description and the Atom and RSS results, over the harvested CSL demo.</summary>
[TestFixture]
[NonParallelizable]
public class OpenSearchTests
{
    private static readonly XNamespace Os = "http://a9.com/-/spec/opensearch/1.1/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private SearchApp _app = null!;

    [OneTimeSetUp]
    public async Task HarvestTheDemoDumps() => _app = await SearchApp.WithCslDemoAsync();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private async Task<(HttpResponseMessage Response, XDocument Xml)> GetXmlAsync(string path)
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (response, XDocument.Parse(text));
    }

    [Test]
    public async Task The_description_names_the_html_atom_and_rss_templates_and_the_search_page_links_it()
    {
        var (response, xml) = await GetXmlAsync("/opensearch.xml");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/opensearchdescription+xml"));
        var root = xml.Root!;
        Assert.That(root.Name, Is.EqualTo(Os + "OpenSearchDescription"));
        Assert.That(root.Element(Os + "ShortName")!.Value.Length, Is.InRange(1, 16), "ShortName is at most 16 characters");
        var templates = root.Elements(Os + "Url").ToDictionary(u => u.Attribute("type")!.Value, u => u.Attribute("template")!.Value);
        Assert.That(templates.Keys, Is.EquivalentTo(new[] { "text/html", "application/atom+xml", "application/rss+xml" }));
        Assert.That(templates.Values, Has.All.Contains("{searchTerms}").And.All.StartWith("http://localhost/"));

        using var client = _app.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.That(page, Does.Contain("rel=\"search\" type=\"application/opensearchdescription+xml\" href=\"/opensearch.xml\""));
    }

    [Test]
    public async Task Atom_results_carry_the_response_elements_and_the_same_hits_as_the_json_api()
    {
        var json = await _app.SearchAsync("神经网络", "&page=2&size=5");
        var (response, xml) = await GetXmlAsync("/api/search/atom?q=" + Uri.EscapeDataString("神经网络") + "&page=2&size=5");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/atom+xml"));
        var feed = xml.Root!;
        Assert.Multiple(() =>
        {
            Assert.That(feed.Name, Is.EqualTo(Atom + "feed"));
            Assert.That(long.Parse(feed.Element(Os + "totalResults")!.Value, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(json["total"]!.GetValue<long>()));
            Assert.That(feed.Element(Os + "startIndex")!.Value, Is.EqualTo("6"));
            Assert.That(feed.Element(Os + "itemsPerPage")!.Value, Is.EqualTo("5"));
            Assert.That(feed.Element(Os + "Query")!.Attribute("searchTerms")!.Value, Is.EqualTo("神经网络"));
            var entries = feed.Elements(Atom + "entry").ToList();
            Assert.That(entries.Select(e => e.Element(Atom + "title")!.Value), Is.EqualTo(SearchApp.HitTitles(json)));
            Assert.That(entries.Select(e => e.Element(Atom + "id")!.Value), Is.EqualTo(SearchApp.HitIds(json).Select(id => $"http://localhost/api/records/{id}")));
            Assert.That(xml.ToString(), Does.Not.Contain("fulltext"), "metadata only");
        });
    }

    [Test]
    public async Task Rss_results_carry_the_response_elements()
    {
        var json = await _app.SearchAsync("研究", "&size=3");
        var (_, xml) = await GetXmlAsync("/api/search/rss?q=" + Uri.EscapeDataString("研究") + "&size=3");
        var channel = xml.Root!.Element("channel")!;
        Assert.That(xml.Root!.Attribute("version")!.Value, Is.EqualTo("2.0"));
        Assert.That(channel.Element(Os + "totalResults")!.Value, Is.EqualTo(json["total"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(channel.Elements("item").Select(i => i.Element("title")!.Value), Is.EqualTo(SearchApp.HitTitles(json)));
    }

    [Test]
    public async Task A_bad_feed_query_is_a_400_with_a_message()
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/api/search/atom?syntax=expert&q=" + Uri.EscapeDataString("SU=(大数据+云计算"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("position"));
    }
}

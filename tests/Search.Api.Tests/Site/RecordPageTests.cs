using System.Net;
using AngleSharp.Html.Parser;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Site;

/// <summary>
/// The record page as a crawler or Zotero fetches it (no JavaScript): the record in Highwire citation_* tags and a
/// COinS span, every holding, the full-text state for this visitor, partner text escaped.
/// </summary>
[TestFixture]
[NonParallelizable]
public class RecordPageTests
{
    private SearchApp _app = null!;

    private string _epo = null!;

    [OneTimeSetUp]
    public async Task Load()
    {
        _app = await SearchApp.WithCslDemoAsync();
        _epo = Path.Combine(Path.GetTempPath(), "page-epo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_epo);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "patent-xml-epo"), "*.xml"))
        {
            File.Copy(file, Path.Combine(_epo, Path.GetFileName(file)));
        }

        await _app.PutSourceAsync("epo", "file", new { path = _epo, format = "patent-xml" }, "欧洲专利");
        await _app.HarvestAsync("epo");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        Directory.Delete(_epo, recursive: true);
    }

    [Test]
    public async Task A_patent_page_shows_inventors_applicants_numbers_and_dates()
    {
        var id = SearchApp.HitIds(await _app.SearchAsync("", "&type=patent&size=1"))[0];
        var (_, record) = await _app.GetJsonAsync($"/api/records/{id}");
        using var client = _app.CreateClient();
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync($"/records/{id}"));
        var fields = doc.QuerySelectorAll(".record-fields dt").ToDictionary(dt => dt.TextContent, dt => dt.NextElementSibling!.TextContent);
        var patent = record["patent"]!;
        Assert.Multiple(() =>
        {
            Assert.That(doc.QuerySelector(".type-badge")!.TextContent, Is.EqualTo("专利"));
            Assert.That(fields["发明人"], Is.EqualTo(string.Join("；", record["authors"]!.AsArray().Select(a => a!.GetValue<string>()))));
            Assert.That(fields["公开（公告）号"], Does.Contain(record["identifiers"]!["patentNumbers"]![0]!.GetValue<string>()));
            Assert.That(fields["申请号"], Is.EqualTo(patent["applicationNumber"]!.GetValue<string>()));
            Assert.That(fields["公开（公告）日"], Is.EqualTo(patent["publicationDate"]!.GetValue<string>()));
            Assert.That(fields, Does.ContainKey("IPC 分类号"));
            Assert.That(doc.QuerySelector("meta[name='citation_patent_number']")?.GetAttribute("content"), Is.EqualTo(record["identifiers"]!["patentNumbers"]![0]!.GetValue<string>()));
            Assert.That(doc.QuerySelector("meta[name='citation_publication_date']")?.GetAttribute("content"), Is.EqualTo(patent["publicationDate"]!.GetValue<string>().Replace('-', '/')));
            Assert.That(doc.QuerySelector("span.Z3988")!.GetAttribute("title"), Does.Contain("mtx%3Apatent"));
        });
    }

    [Test]
    public async Task The_page_carries_the_record_in_highwire_tags_and_coins_without_javascript()
    {
        var hit = (await _app.SearchAsync("神经网络"))["hits"]!.AsArray()[0]!;
        var id = hit["id"]!.GetValue<string>();
        var (_, record) = await _app.GetJsonAsync($"/api/records/{id}");
        using var client = _app.CreateClient();
        var response = await client.GetAsync($"/records/{id}");
        var html = await response.Content.ReadAsStringAsync();
        var doc = new HtmlParser().ParseDocument(html);
        string? Meta(string name) => doc.QuerySelector($"meta[name='{name}']")?.GetAttribute("content");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'"));
            Assert.That(doc.QuerySelectorAll("script"), Is.Empty, "the record page needs no script");
            Assert.That(Meta("citation_title"), Is.EqualTo(record["title"]!.GetValue<string>()));
            Assert.That(doc.QuerySelectorAll("meta[name='citation_author']").Select(m => m.GetAttribute("content")),
                Is.EqualTo(record["authors"]!.AsArray().Select(a => a!.GetValue<string>())));
            Assert.That(Meta("citation_journal_title"), Is.EqualTo(record["sourceTitle"]?.GetValue<string>()));
            Assert.That(Meta("citation_publication_date"), Is.EqualTo(record["year"]?.ToString()));
            Assert.That(doc.QuerySelector("h2.record-title")!.TextContent, Is.EqualTo(record["title"]!.GetValue<string>()));
            Assert.That(doc.QuerySelector(".type-badge")!.TextContent, Is.EqualTo("期刊"));
            var coins = doc.QuerySelector("span.Z3988")!.GetAttribute("title")!;
            Assert.That(coins, Does.StartWith("ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal"));
            Assert.That(coins, Does.Contain("&rft.atitle=" + Uri.EscapeDataString(record["title"]!.GetValue<string>())));
            Assert.That(doc.QuerySelectorAll(".record-holdings li"), Has.Length.EqualTo(record["sources"]!.AsArray().Count));
            Assert.That(doc.QuerySelector(".record-holdings h3")!.TextContent, Does.Contain("1 个来源"));
            Assert.That(doc.QuerySelectorAll(".record-cite a").Select(a => a.GetAttribute("href")),
                Has.Some.EqualTo($"/api/records/{id}/cite?style=gbt7714-2015&download=1"));
        });
    }

    [Test]
    public async Task The_full_text_state_follows_the_visitor()
    {
        var id = SearchApp.HitIds(await _app.SearchAsync("湖北"))[0];
        var (_, record) = await _app.GetJsonAsync($"/api/records/{id}");
        using var client = _app.CreateClient();
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync($"/records/{id}"));
        var state = doc.QuerySelector(".record-access [data-access]")!;
        Assert.Multiple(() =>
        {
            Assert.That(state.GetAttribute("data-access"), Is.EqualTo(record["access"]!["fulltext"]!.GetValue<string>()));
            Assert.That(doc.QuerySelector("meta[name='citation_pdf_url']"), state.GetAttribute("data-access") == "available" ? Is.Not.Null : Is.Null);
        });
    }

    [Test]
    public async Task An_unknown_record_is_a_404_page_and_partner_text_is_escaped()
    {
        using var client = _app.CreateClient();
        var missing = await client.GetAsync("/records/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        var body = await missing.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body, Does.Not.Contain("<script>"));
            Assert.That(body, Does.Contain("&lt;script&gt;"));
        });
    }
}

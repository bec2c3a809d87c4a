using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.SearchQueries;

/// <summary>Expert expressions, CQL, the advanced form, search within results, cursors and the explain view over the harvested CSL demo.</summary>
[TestFixture]
[NonParallelizable]
public class QueryLanguageApiTests
{
    private SearchApp _app = null!;

    [OneTimeSetUp]
    public async Task HarvestTheDemoDumps() => _app = await SearchApp.WithCslDemoAsync();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string pathAndQuery) => _app.GetJsonAsync(pathAndQuery);

    [Test]
    public async Task Expert_expression_narrows_like_the_box()
    {
        var box = await _app.SearchAsync("基于 模型");
        var expert = await _app.SearchAsync("SU=基于*SU=模型", "&syntax=expert");
        var titleOnly = await _app.SearchAsync("TI=基于*TI=模型", "&syntax=expert");
        Assert.That(titleOnly["total"]!.GetValue<long>(), Is.EqualTo(10), "the CSL titles with both");
        Assert.That(expert["total"]!.GetValue<long>(), Is.LessThanOrEqualTo(box["total"]!.GetValue<long>()));
        Assert.That(titleOnly["total"]!.GetValue<long>(), Is.LessThan(expert["total"]!.GetValue<long>()));
        Assert.That(SearchApp.HitTitles(titleOnly), Is.All.Contains("基于").And.All.Contains("模型"));
    }

    [Test]
    public async Task Malformed_expert_expression_is_a_400_naming_the_position()
    {
        var (status, body) = await GetAsync("/api/search?syntax=expert&q=" + Uri.EscapeDataString("SU=(大数据+云计算"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["position"]!.GetValue<int>(), Is.EqualTo(11));
        Assert.That(body["detail"]!.GetValue<string>(), Does.Contain("position 12"));
    }

    [Test]
    public async Task Cql_is_accepted_and_malformed_cql_is_a_400()
    {
        var cql = await _app.SearchAsync("dc.title = 基于 and dc.title = 模型", "&syntax=cql");
        Assert.That(cql["total"]!.GetValue<long>(), Is.EqualTo(10));
        Assert.That(SearchApp.HitTitles(cql), Is.All.Contains("模型"));
        var (status, body) = await GetAsync("/api/search?syntax=cql&q=" + Uri.EscapeDataString("(cat any dog or ())"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body["position"]!.GetValue<int>(), Is.EqualTo(17));
        var (unknownSyntax, _) = await GetAsync("/api/search?syntax=lucene&q=x");
        Assert.That(unknownSyntax, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Advanced_form_rows_combine_fields()
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/search/advanced", new
        {
            rows = new object[]
            {
                new { field = "TI", terms = "基于" },
                new { op = "NOT", field = "TI", terms = "模型" },
            },
            type = new[] { "journal-article" },
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(SearchApp.HitTitles(body), Is.Not.Empty.And.All.Contains("基于").And.None.Contains("模型"));
        Assert.That(body["total"]!.GetValue<long>(), Is.EqualTo(94), "the CSL titles with 基于 and without 模型");

        var bad = await client.PostAsJsonAsync("/api/search/advanced", new { rows = new[] { new { field = "XX", terms = "a" } } });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Search_within_results_narrows()
    {
        var first = await _app.SearchAsync("神经网络");
        var within = await _app.SearchAsync("预测", "&within=" + Uri.EscapeDataString("神经网络"));
        var both = await _app.SearchAsync("神经网络 预测");
        Assert.That(within["total"]!.GetValue<long>(), Is.LessThan(first["total"]!.GetValue<long>()));
        Assert.That(SearchApp.HitIds(within), Is.EquivalentTo(SearchApp.HitIds(both)));
    }

    [Test]
    public async Task Cursor_pages_walk_every_hit_once()
    {
        var all = await _app.SearchAsync("研究", "&size=100");
        var total = all["total"]!.GetValue<long>();
        Assert.That(total, Is.GreaterThan(30));
        var seen = new List<string>();
        string? after = null;
        for (var i = 0; i < 100 && (i == 0 || after is not null); i++)
        {
            var page = await _app.SearchAsync("研究", "&size=7" + (after is null ? "" : "&after=" + after));
            seen.AddRange(SearchApp.HitIds(page));
            after = page["next"]?.GetValue<string>();
        }

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(total));
        Assert.That(seen.Take(100), Is.EqualTo(SearchApp.HitIds(all)), "the same order as offset paging");
        var (status, _) = await GetAsync("/api/search?q=x&after=garbage");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Explain_is_for_librarians()
    {
        var hit = SearchApp.HitIds(await _app.SearchAsync("神经网络"))[2];
        using var anonymous = _app.CreateClient();
        var denied = await anonymous.GetAsync($"/api/admin/explain?id={hit}&q=神经网络");
        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var admin = _app.AdminClient();
        var explained = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/explain?id={hit}&q={Uri.EscapeDataString("神经网络")}");
        Assert.That(explained!["rank"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(explained["explanation"]!.GetValue<string>(), Does.Contain("title_bi:\"神经 经网 网络\""));
        var missing = await admin.GetAsync("/api/admin/explain?id=nope&q=x");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Facets_include_disciplines_and_subjects_fields()
    {
        var result = await _app.SearchAsync("研究");
        Assert.That(result["facets"]!["discipline"], Is.Not.Null);
        Assert.That(result["facets"]!["subject"], Is.Not.Null);
    }
}

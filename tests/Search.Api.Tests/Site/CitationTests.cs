using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Search.Api.Tests.Integration;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;
using Search.Tests.Support;

namespace Search.Api.Tests.Site;

/// <summary>
/// The engine's GB/T 7714 text against citeproc-js (npm citeproc, the reference CSL processor) running the
/// maintained GB/T 7714 CSL styles (zotero-chinese/styles, read from the shared data: CC BY-SA, not copied here)
/// on the engine's own CSL-JSON for the same record, for every document type the test partners give:
/// journal articles (CSL demo), patents (EPO documents), books and theses (MARC), standards (a standards site),
/// reports (a CSV achievements database).
/// Deliberate differences: a single record's citation carries no sequence number "[1]" (GB/T 7714—2015 §9.1 numbers
/// the list, not the entry; the marked-list export numbers it).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class CitationTests
{
    private static readonly string[] Styles = ["gbt7714-2015", "gbt7714-2015-author-date", "gbt7714-2025", "gbt7714-2025-author-date"];
    private static readonly string[] Types = ["journal-article", "patent", "book", "thesis", "standard", "report"];

    private SearchApp _app = null!;
    private StandardsSite _standards = null!;
    private FixtureHttpServer _server = null!;
    private string _epo = null!;

    [OneTimeSetUp]
    public async Task LoadPartners()
    {
        _app = await SearchApp.WithCslDemoAsync();
        _epo = Path.Combine(Path.GetTempPath(), "cite-epo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_epo);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "patent-xml-epo"), "*.xml"))
        {
            File.Copy(file, Path.Combine(_epo, Path.GetFileName(file)));
        }

        await _app.PutSourceAsync("epo", "file", new { path = _epo, format = "patent-xml" }, "欧洲专利");
        await _app.HarvestAsync("epo");
        await _app.PutSourceAsync("marc", "file", new { path = Path.Combine(RepoPaths.Root, "tests", "TestData", "marc"), format = "marcxml" }, "MARC 书目");
        await _app.HarvestAsync("marc");
        _standards = new StandardsSite();
        _server = FixtureHttpServer.Start(_standards.Root);
        await _app.PutSourceAsync("std", "standards-html", StandardsSite.Settings(_server.BaseUrl, new { politenessDelaySeconds = 0 }), "标准");
        await _app.HarvestAsync("std");
        await _app.PutSourceAsync("hubei", "file", new
        {
            path = Path.Combine(AppContext.BaseDirectory, "TestData", "csv", "hubei-achievements.csv"),
            format = "csv",
            idColumn = "编号",
            columns = new Dictionary<string, string>
            {
                ["title"] = "题名", ["alternativeTitles"] = "英文题名", ["authors"] = "作者", ["organizations"] = "完成单位",
                ["keywords"] = "关键词", ["year"] = "年份", ["type"] = "类型", ["abstract"] = "摘要",
            },
        }, "湖北科技成果");
        await _app.HarvestAsync("hubei");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _app.Dispose();
        await _server.DisposeAsync();
        _standards.Dispose();
        Directory.Delete(_epo, recursive: true);
    }

    [Test]
    public async Task Every_type_cites_in_gbt7714_as_citeproc_renders_the_reference_styles()
    {
        var styles = SharedData.Require(Path.Combine("citation", "zotero-chinese__styles", "head", "styles"));
        var locales = SharedData.Require(Path.Combine("citation", "citation-style-language__locales"));
        var renderer = Path.Combine(RepoPaths.Root, "tools", "citeproc", "render.js");
        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "tools", "citeproc", "node_modules", "citeproc")))
        {
            Assert.Ignore("citeproc-js is not installed (scripts/install-test-deps runs npm ci in tools/citeproc).");
        }

        var ids = new List<string>();
        foreach (var type in Types)
        {
            var found = SearchApp.HitIds(await _app.SearchAsync("", $"&type={type}&size=15"));
            Assert.That(found, Is.Not.Empty, $"the partners give no {type}");
            ids.AddRange(found);
        }

        using var client = _app.CreateClient();
        var items = new JsonArray();
        foreach (var id in ids)
        {
            var json = JsonNode.Parse(await client.GetStringAsync($"/api/records/{Uri.EscapeDataString(id)}/cite?style=csl-json"))!.AsArray();
            items.Add(json[0]!.DeepClone());
        }

        var misses = new List<string>();
        var compared = 0;
        foreach (var style in Styles)
        {
            var expected = Citeproc(renderer, Path.Combine(styles, style.Replace("gbt7714-2015", "gbt7714-2015-numeric").Replace("gbt7714-2025", "gbt7714-2025-numeric").Replace("-numeric-author-date", "-author-date") + ".csl"), locales, items);
            for (var i = 0; i < ids.Count; i++)
            {
                var ours = (await client.GetStringAsync($"/api/records/{Uri.EscapeDataString(ids[i])}/cite?style={style}")).TrimEnd('\n');
                var theirs = StripNumber(expected[i]);
                compared++;
                if (ours != theirs)
                {
                    misses.Add($"{style} {ids[i]}:\n  ours:     {ours}\n  citeproc: {theirs}");
                }
            }
        }

        Assert.That(misses, Is.Empty, $"{misses.Count} of {compared} differ:\n" + string.Join("\n", misses.Take(30)));
    }

    [Test]
    public async Task Every_export_format_answers_and_an_unknown_style_is_a_400_that_names_the_styles()
    {
        var id = SearchApp.HitIds(await _app.SearchAsync("", "&type=patent&size=1"))[0];
        using var client = _app.CreateClient();
        var ris = await client.GetStringAsync($"/api/records/{id}/cite?style=ris");
        var bib = await client.GetStringAsync($"/api/records/{id}/cite?style=bibtex");
        var enw = await client.GetStringAsync($"/api/records/{id}/cite?style=endnote");
        var ne = await client.GetStringAsync($"/api/records/{id}/cite?style=noteexpress");
        var bad = await client.GetAsync($"/api/records/{id}/cite?style=apa");
        var download = await client.GetAsync($"/api/records/{id}/cite?style=ris&download=1");
        Assert.Multiple(async () =>
        {
            Assert.That(ris, Does.StartWith("TY  - PAT\r\n").And.EndWith("ER  - \r\n"));
            Assert.That(bib, Does.StartWith("@patent{"));
            Assert.That(enw, Does.StartWith("%0 Patent\n"));
            Assert.That(ne, Does.StartWith("{Reference Type}: Patent\r\n"));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("gbt7714-2025-author-date"));
            Assert.That(download.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".ris"));
        });
    }

    [Test]
    public async Task A_marked_list_is_numbered_in_the_order_given()
    {
        var ids = SearchApp.HitIds(await _app.SearchAsync("", "&type=journal-article&size=3"));
        using var client = _app.CreateClient();
        var list = await client.GetStringAsync($"/api/cite?style=gbt7714-2015&id={ids[2]}&id={ids[0]},{ids[1]}");
        var lines = list.TrimEnd('\n').Split('\n');
        var first = (await client.GetStringAsync($"/api/records/{ids[2]}/cite?style=gbt7714-2015")).TrimEnd('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Is.EqualTo("[1] " + first));
            Assert.That(lines[2], Does.StartWith("[3] "));
        });
        var tooMany = await client.GetAsync("/api/cite?style=ris&id=" + string.Join(",", Enumerable.Range(0, 501).Select(i => "x" + i)));
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private static string StripNumber(string entry) =>
        entry.StartsWith('[') && entry.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end ? entry[(end + 2)..] : entry;

    private static List<string> Citeproc(string renderer, string style, string locales, JsonArray items)
    {
        var input = new JsonObject { ["style"] = style, ["locales"] = locales, ["lang"] = "zh-CN", ["items"] = items.DeepClone() };
        var start = new ProcessStartInfo("node", [renderer])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        node.StandardInput.Write(input.ToJsonString());
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        Assert.That(node.WaitForExit(TimeSpan.FromSeconds(120)), Is.True, "citeproc-js did not finish");
        Assert.That(node.ExitCode, Is.Zero, errors.Result);
        return JsonNode.Parse(output.Result)!.AsArray().Select(e => e!.GetValue<string>()).ToList();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Integration;

/// <summary>
/// Each partner connector through the librarian API against a local peer on 127.0.0.1 (a JSON API, a standards
/// catalogue web site, patent XML and CSV files): the records are then found by title, number and author.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class PartnersHarvestTests
{
    private const string KeyEnv = "SEARCH_TEST_NSTL_KEY";
    private const string Key = "nstl-test-key-7f3a9c";

    private static string TestData(string kind) => Path.Combine(AppContext.BaseDirectory, "TestData", kind);

    [Test]
    public async Task Json_api_records_are_found_and_records_the_api_stops_listing_are_retired()
    {
        Environment.SetEnvironmentVariable(KeyEnv, Key);
        var api = new NstlApi(ProviderRecords.Generate(120, idPrefix: "J"), Key);
        await using var server = FixtureHttpServer.Start();
        api.MapOn(server);
        using var app = new SearchApp();
        await app.PutSourceAsync("nstl", "json-api", NstlApi.Settings(server.BaseUrl, KeyEnv));

        var first = await app.HarvestAsync("nstl");
        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), first.ToJsonString());
            Assert.That(first["harvested"]!.GetValue<int>(), Is.EqualTo(120));
            Assert.That(first["new"]!.GetValue<int>(), Is.EqualTo(120));
            Assert.That(server.Requests.Select(r => r.Headers.GetValueOrDefault(NstlApi.KeyHeader)), Is.All.EqualTo(Key));
        });

        foreach (var record in api.Records.Where((_, i) => i % 20 == 7))
        {
            var id = RecordIds.For("nstl", NstlApi.ExternalId(record));
            Assert.That(SearchApp.HitIds(await app.SearchAsync(record.Titles[0])).FirstOrDefault(), Is.EqualTo(id), record.Titles[0]);
            Assert.That(SearchApp.HitIds(await app.SearchAsync(NstlApi.ExternalId(record))), Does.Contain(id), "by number");
            Assert.That(SearchApp.HitIds(await app.SearchAsync($"{record.Creators[0]} {record.Titles[0]}")), Does.Contain(id), "by author");
        }

        // The API stops listing ten records: it cannot say so, but the next complete pass no longer sees them.
        var withdrawn = api.Records.Skip(30).Take(10).ToList();
        api.Records = api.Records.Except(withdrawn).ToList();
        var second = await app.HarvestAsync("nstl");
        Assert.Multiple(() =>
        {
            Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), second.ToJsonString());
            Assert.That(second["deleted"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(second["new"]!.GetValue<int>(), Is.Zero);
        });
        Assert.That((await app.SearchAsync("", "&source=nstl"))["total"]!.GetValue<long>(), Is.EqualTo(110));
        using var client = app.CreateClient();
        Assert.That((await client.GetAsync($"/api/records/{RecordIds.For("nstl", NstlApi.ExternalId(withdrawn[0]))}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_json_api_harvest_without_its_key_fails_without_showing_the_key()
    {
        Environment.SetEnvironmentVariable(KeyEnv + "_WRONG", "wrong-key-a1b2c3");
        var api = new NstlApi(ProviderRecords.Generate(5, idPrefix: "K"), Key);
        await using var server = FixtureHttpServer.Start();
        api.MapOn(server);
        using var app = new SearchApp();
        await app.PutSourceAsync("nstl", "json-api", NstlApi.Settings(server.BaseUrl, KeyEnv + "_WRONG"));
        var run = await app.HarvestAsync("nstl");
        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(run["errors"]!.ToJsonString(), Does.Contain("401").And.Not.Contain("wrong-key-a1b2c3"));
        });
    }

    [Test]
    public async Task Standards_catalogue_pages_are_walked_and_a_withdrawn_standard_is_retired()
    {
        using var site = new StandardsSite();
        await using var server = FixtureHttpServer.Start(site.Root);
        using var app = new SearchApp();
        await app.PutSourceAsync("std", "standards-html", StandardsSite.Settings(server.BaseUrl));

        var first = await app.HarvestAsync("std");
        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), first.ToJsonString());
            Assert.That(first["new"]!.GetValue<int>(), Is.EqualTo(9));
            Assert.That(first["quarantined"]!.GetValue<int>(), Is.Zero);
        });

        var byTitle = await app.SearchAsync("参考文献著录规则");
        Assert.That(SearchApp.HitTitles(byTitle), Does.Contain("信息与文献 参考文献著录规则"));
        var byNumber = await app.SearchAsync("GB/T42354-2023");
        Assert.That(SearchApp.HitTitles(byNumber).FirstOrDefault(), Is.EqualTo("信息技术 区块链 存证应用指南"), byNumber.ToJsonString());
        var byVariant = await app.SearchAsync("\"GB/T 41889-2022\"");
        Assert.That(SearchApp.HitTitles(byVariant).FirstOrDefault(), Is.EqualTo("科技文献 元数据 第1部分：核心元素集"), "full-width slash in the page");
        var bySpacedNumber = await app.SearchAsync("GB/T 43012-2023");
        Assert.That(SearchApp.HitTitles(bySpacedNumber).FirstOrDefault(), Is.EqualTo("智能制造 工业数据 分级分类指南"), "no space in the page");
        var byIssuer = await app.SearchAsync("湖北省市场监督管理局");
        Assert.That(SearchApp.HitTitles(byIssuer), Does.Contain("磷石膏综合利用技术规范"));
        var standards = await app.SearchAsync("", "&type=standard");
        Assert.That(standards["total"]!.GetValue<long>(), Is.EqualTo(9));

        var hit = byTitle["hits"]!.AsArray().First(h => h!["title"]!.GetValue<string>() == "信息与文献 参考文献著录规则")!;
        using var client = app.CreateClient();
        var record = await client.GetFromJsonAsync<JsonObject>($"/api/records/{hit["id"]!.GetValue<string>()}");
        Assert.Multiple(() =>
        {
            Assert.That(record!["identifiers"]!["standardNumbers"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "GB/T 7714-2015" }));
            Assert.That(record["identifiers"]!["other"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "GB/T 7714-2005" }));
            Assert.That(record["subjects"]!.AsArray().Select(n => n!.GetValue<string>()), Does.Contain("状态:现行"));
        });

        site.Withdraw("list-3.html", "F8A2C5D14E.html");
        var second = await app.HarvestAsync("std");
        Assert.Multiple(() =>
        {
            Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), second.ToJsonString());
            Assert.That(second["deleted"]!.GetValue<int>(), Is.EqualTo(1));
        });
        Assert.That(SearchApp.HitTitles(await app.SearchAsync("量子通信 术语")), Does.Not.Contain("量子通信 术语"));
        Assert.That((await app.SearchAsync("", "&type=standard"))["total"]!.GetValue<long>(), Is.EqualTo(8));
    }

    [Test]
    public async Task Patent_xml_files_are_found_by_title_number_and_inventor()
    {
        using var app = new SearchApp();
        await app.PutSourceAsync("uspto", "file", new { path = TestData("patent-xml"), format = "patent-xml" });
        var run = await app.HarvestAsync("uspto");
        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
            Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(run["quarantined"]!.GetValue<int>(), Is.EqualTo(1), "the SGML-era grant");
        });

        var id = RecordIds.For("uspto", "US8930553B2");
        Assert.Multiple(async () =>
        {
            Assert.That(SearchApp.HitIds(await app.SearchAsync("mid-dialog session initiation protocol")).FirstOrDefault(), Is.EqualTo(id));
            Assert.That(SearchApp.HitIds(await app.SearchAsync("US8930553B2")).FirstOrDefault(), Is.EqualTo(id));
            Assert.That(SearchApp.HitIds(await app.SearchAsync("Nissim")), Does.Contain(id));
            Assert.That((await app.SearchAsync("", "&type=patent"))["total"]!.GetValue<long>(), Is.EqualTo(7));
        });

        using var client = app.AdminClient();
        var quarantine = await client.GetStringAsync("/api/admin/sources/uspto/quarantine");
        Assert.That(quarantine, Does.Contain("SGML-era grant"));
    }

    [Test]
    public async Task Csv_rows_are_found_and_broken_rows_are_quarantined_with_their_line()
    {
        using var app = new SearchApp();
        await app.PutSourceAsync("hubei", "file", new
        {
            path = Path.Combine(TestData("csv"), "hubei-achievements-gb18030.csv"),
            format = "csv",
            idColumn = "编号",
            columns = new Dictionary<string, string>
            {
                ["title"] = "题名", ["alternativeTitles"] = "英文题名", ["authors"] = "作者", ["organizations"] = "完成单位",
                ["keywords"] = "关键词", ["year"] = "年份", ["type"] = "类型", ["abstract"] = "摘要",
            },
        });
        var run = await app.HarvestAsync("hubei");
        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
            Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(run["quarantined"]!.GetValue<int>(), Is.EqualTo(2));
        });

        var id = RecordIds.For("hubei", "HBKJ-2023-0002");
        Assert.Multiple(async () =>
        {
            Assert.That(SearchApp.HitIds(await app.SearchAsync("磷酸铁锂正极材料")).FirstOrDefault(), Is.EqualTo(id));
            Assert.That(SearchApp.HitIds(await app.SearchAsync("HBKJ-2023-0002")).FirstOrDefault(), Is.EqualTo(id));
            Assert.That(SearchApp.HitIds(await app.SearchAsync("刘洋")), Does.Contain(id));
        });

        using var client = app.AdminClient();
        var quarantine = await client.GetStringAsync("/api/admin/sources/hubei/quarantine");
        Assert.That(quarantine, Does.Contain("line 8").And.Contain("line 9"));
    }
}

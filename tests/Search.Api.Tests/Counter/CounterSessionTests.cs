using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Search.Api.Tests.Entitlement;
using Search.Api.Usage;

namespace Search.Api.Tests.Counter;

/// <summary>
/// A scripted month of use (searches, views and downloads with double clicks, a declared robot and a
/// too-fast "human") whose COUNTER R5.1 numbers were computed by hand from the rules; JSON and TSV, and
/// the SUSHI checks.
/// </summary>
[TestFixture]
[NonParallelizable]
public class CounterSessionTests
{
    private AccessApp _app = null!;

    private static string A1 => AccessApp.AlphaOne;

    private static string A2 => AccessApp.AlphaTwo;

    private static string B1 => AccessApp.BetaOne;

    [OneTimeSetUp]
    public async Task PlayTheScript()
    {
        _app = new AccessApp(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), new()
        {
            ["Search:Counter:RobotMaxActions"] = "10",
            ["Search:Counter:RobotWindow"] = "00:01:00",
            ["Search:Counter:FederatedUserAgents:0"] = "Primo",
        });
        await _app.LoadRecordsAsync();
        using (var admin = _app.AdminClient())
        {
            await AccessApp.PutAsync(admin, "/api/admin/institutions/whu", new { name = "武汉大学", ipRanges = new[] { "202.114.0.0/16" } });
            await AccessApp.PutAsync(admin, "/api/admin/institutions/hubei", new { name = "湖北省科技信息共享联盟", ipRanges = new[] { "10.20.0.0/16" } });
            await AccessApp.PutAsync(admin, "/api/admin/institutions/member-a", new { name = "联盟成员A", ipRanges = new[] { "10.30.0.0/16" }, parent = "hubei" });
            await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-alpha", new { name = "Alpha", sources = new[] { "alpha" } });
            await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-beta", new { name = "Beta", sources = new[] { "beta" } });
            await AccessApp.PutAsync(admin, "/api/admin/subscriptions/whu-alpha", new { institution = "whu", package = "pkg-alpha", start = "2026-01-01", end = "2026-12-31" });
            await AccessApp.PutAsync(admin, "/api/admin/subscriptions/hubei-beta", new { institution = "hubei", package = "pkg-beta", start = "2026-01-01", end = "2026-12-31" });
            await AccessApp.PutAsync(admin, "/api/admin/institution-librarians/hubei-lib", new { password = "hubei-password", institution = "hubei" });
            await AccessApp.PutAsync(admin, "/api/admin/institution-librarians/member-lib", new { password = "member-password", institution = "member-a" });
        }

        // S1, a reader on campus.
        using var s1 = _app.Browser("202.114.1.1");
        await Expect(s1, "/api/search?q=湖北", HttpStatusCode.OK);                 // automated search (all databases)
        await After(10, s1, "/api/search?q=湖北&page=1", HttpStatusCode.OK);       // double click: the same search within 30 s
        await After(50, s1, "/api/search?q=湿地&source=alpha", HttpStatusCode.OK); // regular search of alpha
        await After(10, s1, $"/api/records/{A1}", HttpStatusCode.OK);
        await After(10, s1, $"/api/records/{A1}", HttpStatusCode.OK);             // double click
        await After(10, s1, $"/api/records/{A1}/fulltext", HttpStatusCode.Redirect);
        await After(10, s1, $"/api/records/{A1}/fulltext", HttpStatusCode.Redirect); // double click
        await After(100, s1, $"/api/records/{A1}/fulltext", HttpStatusCode.Redirect); // 100 s later: counts again
        await After(10, s1, $"/api/records/{A2}", HttpStatusCode.OK);
        await After(10, s1, $"/api/records/{B1}/fulltext", HttpStatusCode.Forbidden); // no licence

        // S2, a colleague.
        using var s2 = _app.Browser("202.114.2.2", "Mozilla/5.0 Chrome/140.0");
        await After(60, s2, $"/api/records/{A1}", HttpStatusCode.OK);
        await After(5, s2, $"/api/records/{A1}/fulltext", HttpStatusCode.Redirect);

        // A declared robot, and a session too fast to be human (11 actions in 20 s, the rule allows 10 a minute).
        using var robot = _app.Browser("202.114.3.3", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        await After(5, robot, "/api/search?q=湖北", HttpStatusCode.OK);
        await After(5, robot, $"/api/records/{A1}", HttpStatusCode.OK);
        await After(5, robot, $"/api/records/{A1}/fulltext", HttpStatusCode.Redirect);
        using var fast = _app.Browser("202.114.4.4");
        for (var i = 0; i < 11; i++)
        {
            await After(2, fast, $"/api/records/{A2}", HttpStatusCode.OK);
        }

        // A discovery system searching on a user's behalf.
        using var discovery = _app.Browser("202.114.6.6", "ExLibris Primo/1.0");
        await After(5, discovery, "/api/search?q=碳汇", HttpStatusCode.OK);

        // The consortium: its own site searches, a member reads.
        using var hubei = _app.Browser("10.20.1.1");
        await After(5, hubei, "/api/search?q=武汉", HttpStatusCode.OK);
        using var member = _app.Browser("10.30.1.1");
        await After(5, member, $"/api/records/{B1}", HttpStatusCode.OK);
        await After(5, member, $"/api/records/{B1}/fulltext", HttpStatusCode.Redirect);

        // April.
        _app.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero));
        using var s3 = _app.Browser("202.114.5.5");
        await Expect(s3, $"/api/records/{A1}", HttpStatusCode.OK);
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    public async Task Platform_report_json()
    {
        var report = await ReportAsync("pr", "whu");
        var header = report["Report_Header"]!;
        Assert.Multiple(() =>
        {
            Assert.That(header["Release"]!.GetValue<string>(), Is.EqualTo("5.1"));
            Assert.That(header["Report_ID"]!.GetValue<string>(), Is.EqualTo("PR"));
            Assert.That(header["Report_Name"]!.GetValue<string>(), Is.EqualTo("Platform Report"));
            Assert.That(header["Created"]!.GetValue<string>(), Is.EqualTo("2026-04-01T10:00:00Z"));
            Assert.That(header["Created_By"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(header["Institution_ID"]!["Proprietary"]![0]!.GetValue<string>(), Is.EqualTo("scitech:whu"));
            Assert.That(header["Institution_Name"]!.GetValue<string>(), Is.EqualTo("武汉大学"));
            Assert.That(header["Report_Filters"]!["Begin_Date"]!.GetValue<string>(), Is.EqualTo("2026-03-01"));
            Assert.That(header["Report_Filters"]!["End_Date"]!.GetValue<string>(), Is.EqualTo("2026-04-30"));
            Assert.That(header["Report_Attributes"]!["Attributes_To_Show"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { "Data_Type", "Access_Method" }));
            Assert.That(header["Exceptions"]!.AsArray(), Is.Empty);
        });

        var item = report["Report_Items"]!.AsArray().Single()!;
        Assert.That(item["Platform"]!.GetValue<string>(), Is.EqualTo("SciTechSearch"));
        Assert.Multiple(() =>
        {
            Assert.That(Metric(item, "Platform", "Searches_Platform"), Is.EqualTo("2026-03=3"));
            Assert.That(Metric(item, "Article", "Total_Item_Investigations"), Is.EqualTo("2026-03=6 2026-04=1"));
            Assert.That(Metric(item, "Article", "Unique_Item_Investigations"), Is.EqualTo("2026-03=3 2026-04=1"));
            Assert.That(Metric(item, "Article", "Total_Item_Requests"), Is.EqualTo("2026-03=3"));
            Assert.That(Metric(item, "Article", "Unique_Item_Requests"), Is.EqualTo("2026-03=2"));
        });
    }

    [Test]
    public async Task Platform_report_tsv()
    {
        using var admin = _app.AdminClient();
        var response = await admin.GetAsync("/r51/reports/pr?customer_id=whu&begin_date=2026-03&end_date=2026-04&format=tsv");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/tab-separated-values"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("Report_Name\tPlatform Report"));
            Assert.That(lines[1], Is.EqualTo("Report_ID\tPR"));
            Assert.That(lines[2], Is.EqualTo("Release\t5.1"));
            Assert.That(lines[4], Is.EqualTo("Institution_ID\tProprietary:scitech:whu"));
            Assert.That(lines[9], Is.EqualTo("Reporting_Period\tBegin_Date=2026-03-01; End_Date=2026-04-30"));
            Assert.That(lines[13], Is.Empty);
            Assert.That(lines[14], Is.EqualTo("Platform\tData_Type\tAccess_Method\tMetric_Type\tReporting_Period_Total\tMar-2026\tApr-2026"));
            Assert.That(lines.Skip(15).Where(l => l.Length > 0), Is.EqualTo(new[]
            {
                "SciTechSearch\tArticle\tRegular\tTotal_Item_Investigations\t7\t6\t1",
                "SciTechSearch\tArticle\tRegular\tTotal_Item_Requests\t3\t3\t0",
                "SciTechSearch\tArticle\tRegular\tUnique_Item_Investigations\t4\t3\t1",
                "SciTechSearch\tArticle\tRegular\tUnique_Item_Requests\t2\t2\t0",
                "SciTechSearch\tPlatform\tRegular\tSearches_Platform\t3\t3\t0",
            }));
        });
    }

    [Test]
    public async Task Database_report_counts_searches_per_database_and_denials()
    {
        var items = (await ReportAsync("dr", "whu"))["Report_Items"]!.AsArray();
        var alpha = items.Single(i => i!["Database"]!.GetValue<string>() == "Alpha 期刊库")!;
        var beta = items.Single(i => i!["Database"]!.GetValue<string>() == "Beta 期刊库")!;
        Assert.Multiple(() =>
        {
            Assert.That(alpha["Item_ID"]!["Proprietary"]!.GetValue<string>(), Is.EqualTo("scitech:alpha"));
            Assert.That(Metric(alpha, "Database_Aggregated", "Searches_Automated"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(alpha, "Database_Aggregated", "Searches_Regular"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(alpha, "Database_Aggregated", "Searches_Federated"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(beta, "Database_Aggregated", "Searches_Federated"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(alpha, "Article", "Total_Item_Investigations"), Is.EqualTo("2026-03=6 2026-04=1"));
            Assert.That(Metric(alpha, "Article", "Unique_Item_Requests"), Is.EqualTo("2026-03=2"));
            Assert.That(Metric(beta, "Database_Aggregated", "Searches_Automated"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(beta, "Database_Aggregated", "Searches_Regular"), Is.Null);
            Assert.That(Metric(beta, "Database_Aggregated", "No_License"), Is.EqualTo("2026-03=1"));
        });
    }

    [Test]
    public async Task Title_and_item_reports()
    {
        var titles = (await ReportAsync("tr", "whu"))["Report_Items"]!.AsArray();
        var journal = titles.Single(i => i!["Title"]!.GetValue<string>() == "农业工程学报")!;
        var denied = titles.Single(i => i!["Title"]!.GetValue<string>() == "地理学报")!;
        var items = (await ReportAsync("ir", "whu"))["Report_Items"]!.AsArray();
        var a1 = items.Single(i => i!["Item_ID"]!["Proprietary"]!.GetValue<string>() == "scitech:" + A1)!;
        var a2 = items.Single(i => i!["Item_ID"]!["Proprietary"]!.GetValue<string>() == "scitech:" + A2)!;
        Assert.Multiple(() =>
        {
            Assert.That(Metric(journal, "Journal", "Total_Item_Investigations"), Is.EqualTo("2026-03=5 2026-04=1"));
            Assert.That(Metric(journal, "Journal", "Unique_Item_Investigations"), Is.EqualTo("2026-03=2 2026-04=1"));
            Assert.That(Metric(journal, "Journal", "Total_Item_Requests"), Is.EqualTo("2026-03=3"));
            Assert.That(Metric(journal, "Journal", "Unique_Item_Requests"), Is.EqualTo("2026-03=2"));
            Assert.That(Metric(denied, "Journal", "No_License"), Is.EqualTo("2026-03=1"));
            Assert.That(a1["Item"]!.GetValue<string>(), Is.EqualTo("湖北水稻种植的节水灌溉研究"));
            Assert.That(Metric(a1, "Article", "Total_Item_Investigations"), Is.EqualTo("2026-03=5 2026-04=1"));
            Assert.That(Metric(a1, "Article", "Total_Item_Requests"), Is.EqualTo("2026-03=3"));
            Assert.That(Metric(a2, "Article", "Total_Item_Investigations"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(a2, "Article", "Total_Item_Requests"), Is.Null);
        });
    }

    [Test]
    public async Task The_consortium_view_adds_its_members()
    {
        var consortium = (await ReportAsync("pr", "hubei", "hubei-lib", "hubei-password"))["Report_Items"]![0]!;
        var member = (await ReportAsync("pr", "member-a", "hubei-lib", "hubei-password"))["Report_Items"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(Metric(consortium, "Platform", "Searches_Platform"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(consortium, "Article", "Total_Item_Investigations"), Is.EqualTo("2026-03=2"));
            Assert.That(Metric(consortium, "Article", "Unique_Item_Requests"), Is.EqualTo("2026-03=1"));
            Assert.That(Metric(member, "Platform", "Searches_Platform"), Is.Null);
            Assert.That(Metric(member, "Article", "Total_Item_Investigations"), Is.EqualTo("2026-03=2"));
        });
    }

    [Test]
    public async Task Every_action_is_logged_with_who_where_and_when()
    {
        var store = _app.Services.GetRequiredService<UsageStore>();
        await _app.Services.GetRequiredService<UsageRecorder>().FlushAsync(CancellationToken.None);
        var events = await store.ReadAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, CancellationToken.None);
        Assert.That(events, Has.Count.EqualTo(10 + 2 + 3 + 11 + 1 + 1 + 2 + 1), "robots are logged too; reports leave them out");
        var denial = events.Single(e => e.Kind == UsageKinds.Denied);
        Assert.Multiple(() =>
        {
            Assert.That(denial.Outcome, Is.EqualTo("no_license"));
            Assert.That(denial.Institution, Is.EqualTo("whu"));
            Assert.That(denial.Source, Is.EqualTo("beta"));
            Assert.That(denial.Record, Is.EqualTo(B1));
            Assert.That(denial.UserAgent, Does.Contain("Firefox"));
            Assert.That(denial.ClientAddress, Is.EqualTo("202.114.1.1"));
            Assert.That(denial.Session, Is.EqualTo(events[0].Session), "one browser, one session");
            Assert.That(events.Select(e => e.Session).Distinct().Count(), Is.EqualTo(8));
        });
    }

    [TestCase(null, null, "pr", "whu", "2026-03", "2026-04", HttpStatusCode.Unauthorized, 2000, TestName = "SUSHI without credentials: 2000")]
    [TestCase("member-lib", "member-password", "pr", "hubei", "2026-03", "2026-04", HttpStatusCode.Forbidden, 2010, TestName = "a member's librarian cannot see the consortium: 2010")]
    [TestCase("hubei-lib", "hubei-password", "pr", "whu", "2026-03", "2026-04", HttpStatusCode.Forbidden, 2010, TestName = "an institution librarian cannot see another institution: 2010")]
    [TestCase("hubei-lib", "wrong-password", "pr", "hubei", "2026-03", "2026-04", HttpStatusCode.Unauthorized, 2000, TestName = "wrong password: 2000")]
    [TestCase(null, null, "xr", "whu", "2026-03", "2026-04", HttpStatusCode.NotFound, 3000, TestName = "unknown report: 3000")]
    [TestCase(null, null, "pr", "whu", "2026-13", "2026-04", HttpStatusCode.BadRequest, 3020, TestName = "invalid date: 3020")]
    [TestCase(null, null, "pr", "whu", null, "2026-04", HttpStatusCode.BadRequest, 1030, TestName = "missing begin_date: 1030")]
    [TestCase(null, null, "pr", "", "2026-03", "2026-04", HttpStatusCode.BadRequest, 1030, TestName = "missing customer_id: 1030")]
    [TestCase(null, null, "pr", "nowhere", "2026-03", "2026-04", HttpStatusCode.Forbidden, 2010, TestName = "unknown customer: 2010")]
    public async Task Sushi_exceptions(string? user, string? password, string report, string customer, string? begin, string end, HttpStatusCode status, int code)
    {
        using var client = user is null && code != 2000 ? _app.AdminClient() : _app.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = AccessApp.Basic(user, password!);
        }

        var query = $"customer_id={customer}&end_date={end}" + (begin is null ? "" : $"&begin_date={begin}");
        var response = await client.GetAsync($"/r51/reports/{report}?{query}");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(status), body?.ToJsonString());
        Assert.That(body!["Code"]!.GetValue<int>(), Is.EqualTo(code));
    }

    [Test]
    public async Task With_no_trusted_proxy_configured_X_Forwarded_For_is_ignored()
    {
        using var outside = _app.Browser("8.8.8.8");
        outside.DefaultRequestHeaders.Add("X-Forwarded-For", "202.114.1.1");
        var me = await outside.GetFromJsonAsync<JsonObject>("/api/auth/me");
        Assert.That(me!["address"]!.GetValue<string>(), Is.EqualTo("8.8.8.8"));
        Assert.That(me["institution"], Is.Null);
    }

    [Test]
    public async Task Sushi_requestor_id_must_be_the_signed_in_requestor()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = AccessApp.Basic("hubei-lib", "hubei-password");
        var wrong = await client.GetAsync("/r51/reports/pr?customer_id=hubei&requestor_id=someone-else&begin_date=2026-03&end_date=2026-03");
        Assert.That((await wrong.Content.ReadFromJsonAsync<JsonObject>())!["Code"]!.GetValue<int>(), Is.EqualTo(2000));
        var right = await client.GetAsync("/r51/reports/pr?customer_id=hubei&requestor_id=hubei-lib&begin_date=2026-03&end_date=2026-03");
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Sushi_status_members_reports_and_no_usage()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = AccessApp.Basic("hubei-lib", "hubei-password");
        var status = await client.GetFromJsonAsync<JsonArray>("/r51/status");
        var members = await client.GetFromJsonAsync<JsonArray>("/r51/members?customer_id=hubei");
        var reports = await client.GetFromJsonAsync<JsonArray>("/r51/reports?customer_id=hubei");
        var empty = await client.GetFromJsonAsync<JsonObject>("/r51/reports/dr?customer_id=hubei&begin_date=2025-01&end_date=2025-02");
        Assert.Multiple(() =>
        {
            Assert.That(status![0]!["Service_Active"]!.GetValue<bool>(), Is.True);
            Assert.That(members!.Select(m => m!["Customer_ID"]!.GetValue<string>()), Is.EqualTo(new[] { "hubei", "member-a" }));
            Assert.That(reports!.Select(r => r!["Report_ID"]!.GetValue<string>()), Is.EquivalentTo(new[] { "PR", "DR", "TR", "IR" }));
            Assert.That(empty!["Report_Items"]!.AsArray(), Is.Empty);
            Assert.That(empty["Report_Header"]!["Exceptions"]![0]!["Code"]!.GetValue<int>(), Is.EqualTo(3030));
        });
    }

    private async Task<JsonObject> ReportAsync(string id, string customer, string? user = null, string? password = null)
    {
        using var client = user is null ? _app.AdminClient() : _app.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = AccessApp.Basic(user, password!);
        }

        var response = await client.GetAsync($"/r51/reports/{id}?customer_id={customer}&begin_date=2026-03&end_date=2026-04");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>"2026-03=6 2026-04=1" for the metric of the given data type, or null when absent.</summary>
    private static string? Metric(JsonNode item, string dataType, string metric)
    {
        var performance = item["Attribute_Performance"]!.AsArray().SingleOrDefault(a => a!["Data_Type"]!.GetValue<string>() == dataType)?["Performance"]?[metric];
        return performance is null ? null : string.Join(' ', performance.AsObject().Select(kv => $"{kv.Key}={kv.Value!.GetValue<long>()}"));
    }

    private async Task After(int seconds, HttpClient client, string path, HttpStatusCode expected)
    {
        _app.Time.Advance(TimeSpan.FromSeconds(seconds));
        await Expect(client, path, expected);
    }

    private static async Task Expect(HttpClient client, string path, HttpStatusCode expected)
    {
        var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}

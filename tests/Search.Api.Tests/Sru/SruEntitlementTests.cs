using System.Text.Json.Nodes;
using System.Xml.Linq;
using Search.Api.Tests.Entitlement;
using static Search.Api.Tests.Sru.SruResponses;

namespace Search.Api.Tests.Sru;

/// <summary>
/// SRU decides full text as the JSON API does: a campus address of an institution subscribed to alpha gets the
/// full-text link of alpha's record; an anonymous client gets the record and its landing page only.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SruEntitlementTests
{
    private const string FulltextUrl = "https://alpha.example.invalid/fulltext/1.pdf";
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Fulltext_links_only_for_the_entitled()
    {
        using var app = new AccessApp(Start);
        await app.LoadRecordsAsync();
        using (var admin = app.AdminClient())
        {
            await AccessApp.PutAsync(admin, "/api/admin/institutions/whu", new { name = "武汉大学", ipRanges = new[] { "202.114.0.0/16" } });
            await AccessApp.PutAsync(admin, "/api/admin/packages/pkg-alpha", new { name = "Alpha 包库", sources = new[] { "alpha" } });
            await AccessApp.PutAsync(admin, "/api/admin/subscriptions/whu-alpha", new { institution = "whu", package = "pkg-alpha", start = "2026-01-01", end = "2026-12-31" });
        }

        using var campus = app.Browser("202.114.1.1");
        using var outside = app.Browser("8.8.8.8");
        var query = Url(("query", "dc.title = 水稻"));

        var inside = await GetAsync(campus, query);
        var away = await GetAsync(outside, query);
        Assert.That(NumberOfRecords(inside), Is.EqualTo(1));
        Assert.That(NumberOfRecords(away), Is.EqualTo(1));
        Assert.That(Identifiers(inside), Does.Contain(FulltextUrl));
        Assert.That(Identifiers(away), Does.Not.Contain(FulltextUrl));
        Assert.That(Identifiers(away), Does.Contain(AccessApp.AlphaOne), "metadata is open");

        var marcAway = await GetAsync(outside, query + "&recordSchema=marcxml");
        Assert.That(marcAway.Descendants(Marc + "subfield").Select(s => s.Value), Does.Not.Contain(FulltextUrl));
        var marcInside = await GetAsync(campus, query + "&recordSchema=marcxml");
        Assert.That(marcInside.Descendants(Marc + "subfield").Select(s => s.Value), Does.Contain(FulltextUrl));

        foreach (var client in new[] { campus, outside })
        {
            var json = JsonNode.Parse(RecordData(Records(await GetAsync(client, query + "&recordSchema=json")).Single()).Value)!;
            Assert.That(json["access"]!["fulltext"]!.GetValue<string>(), Is.EqualTo(await AccessApp.DecisionAsync(client, AccessApp.AlphaOne)), "the JSON API's decision");
            var links = json["links"]!.AsArray().Select(l => l!["url"]!.GetValue<string>()).ToList();
            Assert.That(links.Contains(FulltextUrl), Is.EqualTo(ReferenceEquals(client, campus)));
        }
    }

    private static List<string> Identifiers(XDocument doc) => doc.Descendants(Dc + "identifier").Select(e => e.Value).ToList();
}

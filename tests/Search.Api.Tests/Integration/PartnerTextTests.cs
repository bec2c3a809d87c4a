using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Integration;

/// <summary>
/// A title with full-width digits, wave dashes and Roman numerals, harvested from a real OAI-PMH provider (Perl
/// Catmandu's, on 127.0.0.1), is shown by the API exactly as the partner sent it, and found by its folded and
/// unfolded forms alike; an ISBN-10 and a year range written with ～ find it through every query syntax; a
/// citation in dc:source is shown as the journal, volume, issue and page range.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class PartnerTextTests
{
    private const string Source = "partner";
    private const string Title = "２００２～２００５年湖北省Ⅰ～Ⅳ期水文监测报告（第２版）";

    [Test]
    public async Task The_partners_title_is_shown_as_sent_and_found_folded_or_not()
    {
        var record = new ProviderRecord
        {
            Id = "wide-1",
            Datestamp = ProviderRecords.DefaultFirstDatestamp,
            Titles = [Title],
            Creators = ["王伟"],
            Subjects = ["ＧＰＳ监测"],
            Date = "2012",
            Identifiers = ["ISBN 978-7-111-12345-3"],
        };
        var other = ProviderRecords.Generate(5, idPrefix: "other-");
        await using var provider = await OaiProvider.StartAsync([record, .. other], pageSize: 10);
        using var app = new SearchApp();
        await app.PutSourceAsync(Source, "oai-pmh", new { baseUrl = provider.BaseUrl.ToString(), metadataPrefix = "oai_dc" });
        var run = await app.HarvestAsync(Source);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        var id = RecordIds.For(Source, OaiProvider.OaiIdentifier(record.Id));

        using var client = app.CreateClient();
        var shown = (await client.GetFromJsonAsync<JsonObject>($"/api/records/{id}"))!;
        Assert.Multiple(() =>
        {
            Assert.That(shown["title"]!.GetValue<string>(), Is.EqualTo(Title));
            Assert.That(shown["keywords"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "ＧＰＳ监测" }));
            Assert.That(shown.ContainsKey("lastPage"), Is.True, "a new field beside firstPage");
        });

        foreach (var query in (string[])[Title, "2002~2005年湖北省", "２００２～２００５", "Ⅰ~Ⅳ期", "GPS监测", "ＧＰＳ"])
        {
            var hits = await app.SearchAsync(query);
            Assert.That(SearchApp.HitIds(hits).FirstOrDefault(), Is.EqualTo(id), query);
            Assert.That(SearchApp.HitTitles(hits)[0], Is.EqualTo(Title), query);
        }

        foreach (var expert in (string[])["ISBN=7-111-12345-X", "ISBN=9787111123453", "TI=水文监测*YE=2010～2015", "TI=水文监测*YE=２０１０-２０１５"])
        {
            Assert.That(SearchApp.HitIds(await app.SearchAsync(expert, "&syntax=expert")), Does.Contain(id), expert);
        }

        Assert.That(SearchApp.HitIds(await app.SearchAsync("水文监测", "&year=" + Uri.EscapeDataString("2010～2015"))), Does.Contain(id), "year= filter");
        Assert.That(SearchApp.HitIds(await app.SearchAsync("水文监测", "&year=2013-2015")), Does.Not.Contain(id));

        var advanced = await client.PostAsJsonAsync("/api/search/advanced", new
        {
            rows = new object[] { new { field = "TI", terms = "水文监测" }, new { field = "YE", terms = "2010～2015" } },
        });
        var body = (await advanced.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(SearchApp.HitIds(body), Does.Contain(id), body.ToJsonString());
    }

    [Test]
    public async Task A_citation_source_is_shown_as_journal_volume_issue_and_page_range()
    {
        var folder = Path.Combine(Path.GetTempPath(), "partner-text-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "ListRecords.xml"), $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                <responseDate>2024-06-01T00:00:00Z</responseDate>
                <request verb="ListRecords" metadataPrefix="oai_dc">https://partner.invalid/oai</request>
                <ListRecords><record>
                  <header><identifier>oai:partner:1</identifier><datestamp>2024-06-01T00:00:00Z</datestamp></header>
                  <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                    <dc:title>{Title}</dc:title>
                    <dc:source>Library Hi Tech News, 2011, 28(4): 5-7</dc:source>
                  </oai_dc:dc></metadata>
                </record></ListRecords>
                </OAI-PMH>
                """);
            using var app = new SearchApp();
            await app.PutSourceAsync("dump", "file", new { path = folder, format = "oai-pmh" });
            var run = await app.HarvestAsync("dump");
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());

            using var client = app.CreateClient();
            var id = RecordIds.For("dump", "oai:partner:1");
            var shown = (await client.GetFromJsonAsync<JsonObject>($"/api/records/{id}"))!;
            Assert.Multiple(() =>
            {
                Assert.That(shown["title"]!.GetValue<string>(), Is.EqualTo(Title));
                Assert.That(shown["sourceTitle"]!.GetValue<string>(), Is.EqualTo("Library Hi Tech News"));
                Assert.That(shown["year"]!.GetValue<int>(), Is.EqualTo(2011));
                Assert.That(
                    (shown["volume"]!.GetValue<string>(), shown["issue"]!.GetValue<string>(), shown["firstPage"]!.GetValue<string>(), shown["lastPage"]!.GetValue<string>()),
                    Is.EqualTo(("28", "4", "5", "7")));
            });
            Assert.That(SearchApp.HitIds(await app.SearchAsync("JN='Library Hi Tech News'", "&syntax=expert")), Does.Contain(id));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

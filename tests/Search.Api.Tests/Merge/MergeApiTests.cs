using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Merge;

/// <summary>
/// Three partners (oai_dc, MARCXML with 880 fields, traditional-character oai_dc: tests/TestData/dedup)
/// harvested through the librarian API: merged hits list every source, librarians see why records were
/// merged, and their splits and joins survive a full re-harvest of changed records.
/// </summary>
[TestFixture]
[NonParallelizable]
public class MergeApiTests
{
    private static readonly string[] Partners = ["calis", "nstl", "repo"];

    private string _data = "";

    [SetUp]
    public void CopyLabelledSet()
    {
        _data = Path.Combine(Path.GetTempPath(), "merge-api-" + Guid.NewGuid().ToString("N"));
        foreach (var partner in Partners)
        {
            Directory.CreateDirectory(Path.Combine(_data, partner));
            File.Copy(
                Path.Combine(AppContext.BaseDirectory, "TestData", "dedup", partner, "ListRecords.xml"),
                Path.Combine(_data, partner, "ListRecords.xml"));
        }
    }

    [TearDown]
    public void RemoveCopy() => Directory.Delete(_data, recursive: true);

    [Test]
    public async Task Every_merged_hit_lists_all_its_sources_and_the_record_page_lists_every_holding()
    {
        using var app = new SearchApp();
        await HarvestAllAsync(app);
        var labels = Labels();

        // Works of three holdings (w000: DOI in all three; its title in simplified characters).
        var holdings = labels.Where(l => l.Work == "w000").ToList();
        Assert.That(holdings.Select(h => h.Source), Is.EquivalentTo(Partners));
        using var client = app.CreateClient();
        var record = await client.GetFromJsonAsync<JsonObject>($"/api/records/{holdings[0].RecordId}");
        var workId = record!["id"]!.GetValue<string>();
        var sources = record["sources"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(sources.Select(s => s!["id"]!.GetValue<string>()), Is.EquivalentTo(Partners));
            Assert.That(sources.Select(s => s!["recordId"]!.GetValue<string>()), Is.EquivalentTo(holdings.Select(h => h.RecordId)));
            Assert.That(
                sources.Select(s => s!["fullText"]!.GetValue<string>()),
                Is.EquivalentTo(holdings.Select(h => $"/api/records/{h.RecordId}/fulltext")),
                "each holding keeps its own full-text route (the gate, for a visitor it does not entitle)");
        });

        // Every work the engine merged (looked up from the labelled works): its hit, found by its title,
        // lists exactly the sources of its holdings.
        var checkedWorks = 0;
        foreach (var work in labels.GroupBy(l => l.Work).Where(g => g.Count() > 1 && g.Key.StartsWith('w')).Take(60))
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/records/{work.First().RecordId}");
            var pageSources = page!["sources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Distinct().ToList();
            if (pageSources.Count < 2)
            {
                continue;
            }

            var title = page["title"]!.GetValue<string>();
            var result = await app.SearchAsync($"\"{title}\"");
            var hit = result["hits"]!.AsArray().Single(h => h!["id"]!.GetValue<string>() == page["id"]!.GetValue<string>());
            Assert.That(hit!["sources"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EquivalentTo(pageSources), $"{work.Key}: {title}");
            checkedWorks++;
        }

        Assert.That(checkedWorks, Is.GreaterThan(50));
        var facet = (await app.SearchAsync("\"" + record["title"]!.GetValue<string>() + "\""))["hits"]!.AsArray();
        Assert.That(facet.Count(h => h!["id"]!.GetValue<string>() == workId), Is.EqualTo(1), "one hit, not three");
    }

    [Test]
    public async Task Split_and_join_through_the_librarian_API_survive_a_full_re_harvest()
    {
        using var app = new SearchApp();
        await HarvestAllAsync(app);
        var labels = Labels();
        using var admin = app.AdminClient();

        // w000 is held by all three partners; the librarian decides the repository's copy is another work.
        var w000 = labels.Where(l => l.Work == "w000").ToList();
        var repoCopy = w000.Single(h => h.Source == "repo").RecordId;
        var explained = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/works/{w000[0].RecordId}");
        var workId = explained!["id"]!.GetValue<string>();
        var reasons = explained["holdings"]!.AsArray().Select(h => h!["reason"]).OfType<JsonNode>().ToList();
        Assert.That(reasons, Has.Count.EqualTo(2), explained.ToJsonString());
        Assert.That(reasons.Select(r => r["key"]!.GetValue<string>()), Has.Some.EqualTo("doi"), explained.ToJsonString());
        Assert.That(reasons.All(r => r["similarity"]!.GetValue<double>() > 0.9), explained.ToJsonString());

        var split = await admin.PostAsJsonAsync($"/api/admin/works/{workId}/split", new { records = new[] { repoCopy } });
        Assert.That(split.StatusCode, Is.EqualTo(HttpStatusCode.OK), await split.Content.ReadAsStringAsync());

        // And that the paper of 2011 and the same title three years later are one work after all (a reprint).
        var original = labels.First(l => l.Work == "w001").RecordId;
        var reprint = labels.Single(l => l.Work == "same-title-w001").RecordId;
        var join = await admin.PostAsJsonAsync("/api/admin/works/join", new { records = new[] { original, reprint } });
        Assert.That(join.StatusCode, Is.EqualTo(HttpStatusCode.OK), await join.Content.ReadAsStringAsync());
        var joinedWork = (await join.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        // Every partner sends every record again, changed (new datestamps), so that every holding is matched anew.
        foreach (var partner in Partners)
        {
            var file = Path.Combine(_data, partner, "ListRecords.xml");
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("2024-06-01T00:00:00Z", "2024-07-01T00:00:00Z", StringComparison.Ordinal));
        }

        foreach (var partner in Partners)
        {
            var run = await app.HarvestAsync(partner);
            Assert.That(run["updated"]!.GetValue<int>(), Is.EqualTo(labels.Count(l => l.Source == partner)), run.ToJsonString());
        }

        using var client = app.CreateClient();
        var after = await client.GetFromJsonAsync<JsonObject>($"/api/records/{w000[0].RecordId}");
        var repoAfter = await client.GetFromJsonAsync<JsonObject>($"/api/records/{repoCopy}");
        var reprintAfter = await client.GetFromJsonAsync<JsonObject>($"/api/records/{reprint}");
        Assert.Multiple(() =>
        {
            Assert.That(after!["id"]!.GetValue<string>(), Is.EqualTo(workId));
            Assert.That(after["sources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()), Is.EquivalentTo(new[] { "calis", "nstl" }));
            Assert.That(repoAfter!["id"]!.GetValue<string>(), Is.Not.EqualTo(workId));
            Assert.That(reprintAfter!["id"]!.GetValue<string>(), Is.EqualTo(joinedWork));
        });

        var hits = (await app.SearchAsync($"\"{after!["title"]!.GetValue<string>()}\""))["hits"]!.AsArray();
        var hitSources = hits.ToDictionary(h => h!["id"]!.GetValue<string>(), h => h!["sources"]!.AsArray().Select(s => s!.GetValue<string>()).ToList());
        Assert.That(hitSources[workId], Is.EquivalentTo(new[] { "calis", "nstl" }));
        var repoHits = (await app.SearchAsync($"\"{repoAfter!["title"]!.GetValue<string>()}\""))["hits"]!.AsArray();
        Assert.That(
            repoHits.Single(h => h!["id"]!.GetValue<string>() == repoAfter["id"]!.GetValue<string>())!["sources"]!.AsArray().Select(s => s!.GetValue<string>()),
            Is.EqualTo(new[] { "repo" }));
    }

    [Test]
    public async Task The_merge_API_needs_a_librarian_and_answers_unknown_ids_and_bad_splits_clearly()
    {
        using var app = new SearchApp();
        using var anonymous = app.CreateClient();
        using var admin = app.AdminClient();
        Assert.That((await anonymous.GetAsync("/api/admin/works/r1")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await admin.GetAsync("/api/admin/works/nothing")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var split = await admin.PostAsJsonAsync("/api/admin/works/nothing/split", new { records = new[] { "r1" } });
        Assert.That(split.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var join = await admin.PostAsJsonAsync("/api/admin/works/join", new { records = new[] { "r1" } });
        Assert.That(join.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task HarvestAllAsync(SearchApp app)
    {
        foreach (var partner in Partners)
        {
            await app.PutSourceAsync(partner, "file", new { path = Path.Combine(_data, partner), format = "oai-pmh" });
            var run = await app.HarvestAsync(partner);
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        }
    }

    private sealed record Label(string Source, string RecordId, string Work);

    private static List<Label> Labels() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "dedup", "labels.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Select(p => new Label(p[0], RecordIds.For(p[0], p[1]), p[2]))
            .ToList();
}

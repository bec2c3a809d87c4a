using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Search.Api.Tests.Support;

namespace Search.Api.Tests;

/// <summary>Librarians' cron schedules start harvests by themselves.</summary>
[TestFixture]
[NonParallelizable]
public class SchedulingTests
{
    [Test]
    public async Task A_source_with_a_schedule_is_harvested_without_being_asked()
    {
        using var app = new SearchApp();
        using var client = app.AdminClient();
        var put = await client.PutAsJsonAsync("/api/admin/sources/timed", new
        {
            name = "Timed",
            connector = "file",
            settings = new { path = RepoPaths.DemoCsl, format = "oai-pmh" },
            schedule = "0/1 * * * * ?",
        });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());

        var run = await Eventually.WaitAsync(
            async () =>
            {
                var runs = await client.GetFromJsonAsync<JsonArray>("/api/admin/sources/timed/harvests");
                return runs!.Count > 0 && runs[^1]!["status"]!.GetValue<string>() == "succeeded" ? runs[^1]!.AsObject() : null;
            },
            TimeSpan.FromSeconds(60),
            "a scheduled run");
        Assert.That(run["harvested"]!.GetValue<int>(), Is.EqualTo(1000));

        // Taking the schedule away is accepted and reported back.
        var off = await client.PutAsJsonAsync("/api/admin/sources/timed", new
        {
            name = "Timed",
            connector = "file",
            settings = new { path = RepoPaths.DemoCsl, format = "oai-pmh" },
            schedule = (string?)null,
        });
        var body = await off.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(body!["schedule"], Is.Null);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Search.Api.Hosting;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;
using Search.Ingestion.Tests.Storage;

namespace Search.Api.Tests;

/// <summary>
/// Scheduling on Quartz's persistent store (issue 11): schedules, missed fires and pauses survive a restart of the
/// engine on the same data folder; downtime is caught up with one run, not a burst; a running harvest can be
/// cancelled with its checkpoint kept; a source never has two runs at once; on PostgreSQL two engines share the
/// schedule and each fire time is fired by one of them.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SchedulerStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 8, 0, 30, TimeSpan.Zero);

    private string _root = null!;
    private string _emptyDumps = null!;

    [SetUp]
    public void MakeFolders()
    {
        _root = Directory.CreateTempSubdirectory("scheduler-store-").FullName;
        _emptyDumps = Directory.CreateTempSubdirectory("scheduler-dumps-").FullName;
    }

    [TearDown]
    public void RemoveFolders()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_emptyDumps, recursive: true);
    }

    /// <summary>A source that harvests nothing (an empty folder of dumps), quickly, on <paramref name="schedule"/>.</summary>
    private async Task<JsonObject> PutScheduledAsync(HttpClient client, string id, string? schedule, string? zone = "UTC")
    {
        var response = await client.PutAsJsonAsync($"/api/admin/sources/{id}", new
        {
            name = id,
            connector = "file",
            settings = new { path = _emptyDumps, format = "oai-pmh" },
            schedule,
            scheduleTimeZone = zone,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<JsonObject> GetSourceAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/admin/sources/{id}"))!;

    private static DateTimeOffset? NextHarvest(JsonObject source) =>
        source["nextHarvestAt"] is { } next ? DateTimeOffset.Parse(next.GetValue<string>(), CultureInfo.InvariantCulture) : null;

    [Test]
    public async Task A_schedule_survives_a_restart_in_the_store()
    {
        DateTimeOffset? next;
        using (var first = new SearchApp(root: _root, time: new FakeTimeProvider(Start)))
        using (var client = first.AdminClient())
        {
            var source = await PutScheduledAsync(client, "nightly", "0 0 2 * * ?", "Asia/Shanghai");
            Assert.That(source["scheduleTimeZone"]!.GetValue<string>(), Is.EqualTo("Asia/Shanghai"));
            next = NextHarvest(source);
            Assert.That(next, Is.EqualTo(new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero)), "02:00 in Shanghai is 18:00 UTC");
        }

        // The trigger is a row of Quartz's tables in the engine's own database.
        SqliteConnection.ClearAllPools();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_root, "data", "catalog.db")}"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT CRON_EXPRESSION || ' ' || TIME_ZONE_ID FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = 'nightly'";
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("0 0 2 * * ? Asia/Shanghai"));
        }

        using var second = new SearchApp(root: _root, time: new FakeTimeProvider(Start.AddMinutes(5)));
        using var again = second.AdminClient();
        Assert.That(NextHarvest(await GetSourceAsync(again, "nightly")), Is.EqualTo(next), "the stored trigger, not a new one");
        var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (ICronTrigger?)await scheduler.GetTrigger(HarvestScheduler.TriggerKeyOf("nightly"));
        Assert.That(trigger?.CronExpressionString, Is.EqualTo("0 0 2 * * ?"));
        Assert.That(trigger?.TimeZone.Id, Is.EqualTo("Asia/Shanghai"));
    }

    [Test]
    public async Task Fire_times_missed_while_the_engine_was_down_give_one_run_not_a_burst()
    {
        using (var first = new SearchApp(root: _root, time: new FakeTimeProvider(Start)))
        using (var client = first.AdminClient())
        {
            var source = await PutScheduledAsync(client, "hourly", "0 0 * * * ?");
            Assert.That(NextHarvest(source), Is.EqualTo(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero)));
            Assert.That(await client.GetFromJsonAsync<JsonArray>("/api/admin/sources/hourly/harvests"), Is.Empty);
        }

        // Down from 08:00 to 13:00: the fires of 09:00 to 13:00 were missed.
        using var second = new SearchApp(root: _root, time: new FakeTimeProvider(Start.AddHours(5)));
        using var again = second.AdminClient();
        var caughtUp = await Eventually.WaitAsync(
            async () =>
            {
                var source = await GetSourceAsync(again, "hourly");
                return NextHarvest(source) == new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero)
                    && source["lastRun"] is JsonObject { } last && last["status"]!.GetValue<string>() != "running"
                    ? source
                    : null;
            },
            TimeSpan.FromSeconds(60),
            "the missed fires to be caught up and the trigger to move on to 14:00");
        Assert.That(caughtUp["lastRun"]!["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        var runs = await again.GetFromJsonAsync<JsonArray>("/api/admin/sources/hourly/harvests");
        Assert.That(runs, Has.Count.EqualTo(1), "one run for five missed fire times");
    }

    [Test]
    public async Task A_pause_is_kept_across_restarts_and_resume_lifts_it()
    {
        using (var first = new SearchApp(root: _root, time: new FakeTimeProvider(Start)))
        using (var client = first.AdminClient())
        {
            await PutScheduledAsync(client, "paused", "0 0 2 * * ?");
            var pause = await client.PostAsync("/api/admin/sources/paused/pause", null);
            Assert.That(pause.StatusCode, Is.EqualTo(HttpStatusCode.OK), await pause.Content.ReadAsStringAsync());
            var paused = (await pause.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.That(paused["paused"]!.GetValue<bool>(), Is.True);
            Assert.That(NextHarvest(paused), Is.Null, "a paused schedule fires nothing");
            Assert.That((await client.PostAsync("/api/admin/sources/missing/pause", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

            // Replacing the definition keeps the pause.
            Assert.That((await PutScheduledAsync(client, "paused", "0 0 3 * * ?"))["paused"]!.GetValue<bool>(), Is.True);
        }

        using (var second = new SearchApp(root: _root, time: new FakeTimeProvider(Start.AddMinutes(1))))
        using (var client = second.AdminClient())
        {
            var source = await GetSourceAsync(client, "paused");
            Assert.That(source["paused"]!.GetValue<bool>(), Is.True);
            Assert.That(NextHarvest(source), Is.Null);
            var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.That(await scheduler.GetTriggerState(HarvestScheduler.TriggerKeyOf("paused")), Is.EqualTo(TriggerState.Paused));

            var resume = await client.PostAsync("/api/admin/sources/paused/resume", null);
            var resumed = (await resume.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.That(resumed["paused"]!.GetValue<bool>(), Is.False);
            Assert.That(NextHarvest(resumed), Is.EqualTo(new DateTimeOffset(2026, 3, 10, 3, 0, 0, TimeSpan.Zero).AddDays(1)));
        }

        using var third = new SearchApp(root: _root, time: new FakeTimeProvider(Start.AddMinutes(2)));
        using var last = third.AdminClient();
        Assert.That((await GetSourceAsync(last, "paused"))["paused"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task An_unknown_time_zone_is_refused_with_a_message()
    {
        using var app = new SearchApp(root: _root);
        using var client = app.AdminClient();
        var response = await client.PutAsJsonAsync("/api/admin/sources/zoned", new
        {
            name = "Zoned",
            connector = "file",
            settings = new { path = _emptyDumps, format = "oai-pmh" },
            schedule = "0 0 2 * * ?",
            scheduleTimeZone = "Mars/Olympus_Mons",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("scheduleTimeZone").And.Contain("Mars/Olympus_Mons").And.Contain("not a known time zone"));
        Assert.That((await client.GetAsync("/api/admin/sources/zoned")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // Without a zone of its own, the schedule is read in Search:ScheduleTimeZone.
        var defaulted = await PutScheduledAsync(client, "zoned", "0 0 2 * * ?", zone: null);
        Assert.That(defaulted["scheduleTimeZone"]!.GetValue<string>(), Is.EqualTo("Asia/Shanghai"));
    }

    [Test]
    public void An_unknown_default_time_zone_stops_the_engine_at_start()
    {
        using var app = new SearchApp(root: _root, settings: new Dictionary<string, string?> { ["Search:ScheduleTimeZone"] = "Nowhere/Atlantis" });
        var failure = Assert.Catch(() => app.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("Search:ScheduleTimeZone"));
    }

    /// <summary>A JSON API of two pages: the first answers at once, the second waits for <see cref="Release"/>.</summary>
    private sealed class GatedApi : IAsyncDisposable
    {
        private readonly ManualResetEventSlim _gate = new(false);

        private GatedApi(FixtureHttpServer server)
        {
            Server = server;
            server.Map("/items", request =>
            {
                var page = request.QueryString["page"];
                if (page == "2" && !_gate.Wait(TimeSpan.FromSeconds(30)))
                {
                    return FixtureResponse.Text("{}", "application/json", 503);
                }

                var ids = page == "1" ? new[] { "a", "b" } : ["c"];
                var items = string.Join(",", ids.Select(id => $$"""{"id": "{{id}}", "title": "题名 {{id}}"}"""));
                return FixtureResponse.Text($$"""{"items": [{{items}}]}""", "application/json");
            });
        }

        public FixtureHttpServer Server { get; }

        public static GatedApi Start() => new(FixtureHttpServer.Start());

        public object Settings => new
        {
            url = Server.Url("/items").ToString(),
            paging = new { mode = "page", pageParam = "page", sizeParam = "pageSize", pageSize = 2, firstPage = 1 },
            recordsPath = "items",
            idPath = "id",
            fields = new Dictionary<string, string> { ["title"] = "title" },
            http = new { timeoutSeconds = 60, maxAttempts = 1, politenessDelaySeconds = 0 },
        };

        /// <summary>The pages asked for, in order.</summary>
        public IReadOnlyList<string?> Pages => [.. Server.Requests.Select(r => System.Web.HttpUtility.ParseQueryString(new Uri(Server.BaseUrl, r.Url).Query)["page"])];

        public void Release() => _gate.Set();

        public async ValueTask DisposeAsync()
        {
            Release();
            await Server.DisposeAsync();
            _gate.Dispose();
        }
    }

    /// <summary>Starts a harvest of the gated source and waits until its first page is committed and the second asked for.</summary>
    private static async Task<long> StartBlockedRunAsync(SearchApp app, HttpClient client, GatedApi api)
    {
        await app.PutSourceAsync("gated", "json-api", api.Settings);
        var started = await client.PostAsync("/api/admin/sources/gated/harvests", null);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
        await Eventually.WaitAsync(
            async () =>
            {
                var run = await client.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                return run!["harvested"]!.GetValue<int>() == 2 && api.Pages.Contains("2") ? run : null;
            },
            TimeSpan.FromSeconds(60),
            "the first page committed and the second asked for");
        return runId;
    }

    [Test]
    public async Task A_cancelled_run_ends_cancelled_and_the_next_run_resumes_from_its_checkpoint()
    {
        await using var api = GatedApi.Start();
        using var app = new SearchApp(root: _root);
        using var client = app.AdminClient();
        var runId = await StartBlockedRunAsync(app, client, api);

        var cancel = await client.DeleteAsync($"/api/admin/harvests/{runId}");
        var body = await cancel.Content.ReadAsStringAsync();
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var cancelled = JsonNode.Parse(body)!.AsObject();
        Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That(cancelled["harvested"]!.GetValue<int>(), Is.EqualTo(2), "the committed page stays");
        Assert.That(cancelled["finishedAt"], Is.Not.Null);

        // Cancelling again, or a run that is over, is a conflict; no such run is a 404.
        Assert.That((await client.DeleteAsync($"/api/admin/harvests/{runId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still cancelled");
        Assert.That((await client.DeleteAsync("/api/admin/harvests/999999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        api.Release();
        var asked = api.Pages.Count;
        var next = await app.HarvestAsync("gated");
        Assert.That(next["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        Assert.That(api.Pages.Skip(asked).First(), Is.EqualTo("2"), "the next run starts at the page after the checkpoint");
        Assert.That(next["harvested"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await GetSourceAsync(client, "gated"))["records"]!.GetValue<long>(), Is.EqualTo(3));

        var over = await client.DeleteAsync($"/api/admin/harvests/{next["runId"]!.GetValue<long>()}");
        Assert.That(over.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await over.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_source_never_has_two_runs_at_once()
    {
        await using var api = GatedApi.Start();
        using var app = new SearchApp(root: _root);
        using var client = app.AdminClient();
        var runId = await StartBlockedRunAsync(app, client, api);

        var second = await client.PostAsync("/api/admin/sources/gated/harvests", null);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await second.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>(), Is.EqualTo(runId));

        // The store refuses too, whoever asks (a scheduled fire, another process): one running run per source.
        var store = app.Services.GetRequiredService<Search.Ingestion.Storage.CatalogStore>();
        Assert.ThrowsAsync<Search.Ingestion.Storage.RunAlreadyActiveException>(() => store.StartRunAsync("gated"));

        api.Release();
        Assert.That((await app.WaitForRunAsync(runId))["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        Assert.That(await client.GetFromJsonAsync<JsonArray>("/api/admin/sources/gated/harvests"), Has.Count.EqualTo(1));
    }

    /// <summary>Which node fired which scheduled time.</summary>
    private sealed class FireLog(string node, ConcurrentQueue<(string Node, DateTimeOffset Scheduled)> fires) : IJobListener
    {
        public string Name => "fire-log-" + node;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (context.ScheduledFireTimeUtc is { } scheduled)
            {
                fires.Enqueue((node, scheduled));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;
    }

    [Test]
    [Category("Integration")]
    public async Task On_PostgreSQL_two_engines_fire_each_scheduled_time_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Search:Database:Provider"] = "Postgres",
            ["Search:Database:ConnectionString"] = PostgresServer.Shared.CreateDatabase(),
        };
        var fires = new ConcurrentQueue<(string Node, DateTimeOffset Scheduled)>();
        using var one = new SearchApp(root: Path.Combine(_root, "one"), settings: settings);
        using var client = one.AdminClient();
        using var two = new SearchApp(root: Path.Combine(_root, "two"), settings: settings);
        using var other = two.AdminClient();
        foreach (var (app, node) in new[] { (one, "one"), (two, "two") })
        {
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.That((await scheduler.GetMetadata()).JobStoreClustered, Is.True);
            scheduler.ListenerManager.AddJobListener(new FireLog(node, fires), [Quartz.GroupMatcher<JobKey>.GroupEquals(HarvestScheduler.Group)]);
        }

        await PutScheduledAsync(client, "every-second", "0/1 * * * * ?");
        Assert.That(NextHarvest(await GetSourceAsync(other, "every-second")), Is.Not.Null, "the other engine sees the schedule");

        await Eventually.WaitAsync(
            () => Task.FromResult(fires.Select(f => f.Scheduled).Distinct().Count() >= 6 ? (object?)true : null),
            TimeSpan.FromSeconds(60),
            "six scheduled times fired");
        var twice = fires.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => $"{g.Key:HH:mm:ss.fff} by {string.Join(" and ", g.Select(f => f.Node))}").ToList();
        Assert.That(twice, Is.Empty, "scheduled times fired by more than one engine");
    }
}

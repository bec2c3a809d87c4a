using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Search.Api.Tests.Support;

/// <summary>
/// The engine in-process, with its own temporary data and config folders, and intent methods for tests:
/// define a source, harvest it and wait for the run, search. Each test owns its instance.
/// </summary>
public sealed class SearchApp : WebApplicationFactory<Program>
{
    public const string AdminUser = "librarian";
    public const string AdminPassword = "test-password-正确";

    private readonly string _root;
    private readonly bool _ownsRoot;
    private readonly TimeProvider? _time;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="harvestConfiguredSources">Harvest the sources of the config folder at start.</param>
    /// <param name="root">
    /// The data and config folders' parent, for an engine started again on another's folders (the caller deletes
    /// it); null for a new temporary one this instance deletes.
    /// </param>
    /// <param name="time">The engine's clock (and its scheduler's); null for the system clock.</param>
    /// <param name="settings">More configuration, e.g. <c>Search:Database:Provider</c>.</param>
    public SearchApp(
        bool harvestConfiguredSources = false,
        string? root = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        HarvestConfiguredSources = harvestConfiguredSources;
        _ownsRoot = root is null;
        _root = root ?? Path.Combine(Path.GetTempPath(), "search-app-" + Guid.NewGuid().ToString("N"));
        _time = time;
        _settings = settings ?? new Dictionary<string, string?>();
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(Path.Combine(ConfigDirectory, "sources"));
    }

    public bool HarvestConfiguredSources { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    public string ConfigDirectory => Path.Combine(_root, "config");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Search:DataDirectory", DataDirectory);
        builder.UseSetting("Search:ConfigDirectory", ConfigDirectory);
        builder.UseSetting("Search:FileSources:AllowedFolders:0", RepoPaths.Root);
        builder.UseSetting("Search:FileSources:AllowedFolders:1", Path.GetTempPath());
        builder.UseSetting("Search:Admin:User", AdminUser);
        builder.UseSetting("Search:Admin:Password", AdminPassword);
        builder.UseSetting("Search:HarvestNewConfiguredSources", HarvestConfiguredSources ? "true" : "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
        if (_time is not null)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_time);
            });
        }
    }

    /// <summary>A client that signs in as the first librarian with HTTP Basic.</summary>
    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
        return client;
    }

    /// <summary>An engine that holds the CSL demo dumps (1,000 records) as source <c>csl</c>, harvested and indexed.</summary>
    public static async Task<SearchApp> WithCslDemoAsync()
    {
        var app = new SearchApp();
        await app.PutSourceAsync("csl", "file", new { path = RepoPaths.DemoCsl, format = "oai-pmh" }, "CSL 样本");
        await app.HarvestAsync("csl");
        return app;
    }

    /// <summary>A GET by an anonymous client: the status and the JSON body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> GetJsonAsync(string pathAndQuery)
    {
        using var client = CreateClient();
        var response = await client.GetAsync(pathAndQuery);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    public async Task PutSourceAsync(string id, string connector, object settings, string? name = null)
    {
        using var client = AdminClient();
        var response = await client.PutAsJsonAsync($"/api/admin/sources/{id}", new { name = name ?? id, connector, settings, schedule = (string?)null });
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"PUT source {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Starts a harvest through the API and waits (bounded) until the run ends and the index has caught up.</summary>
    public async Task<JsonObject> HarvestAsync(string sourceId, TimeSpan? timeout = null)
    {
        using var client = AdminClient();
        var started = await client.PostAsync($"/api/admin/sources/{sourceId}/harvests", null);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
        return await WaitForRunAsync(runId, timeout);
    }

    public async Task<JsonObject> WaitForRunAsync(long runId, TimeSpan? timeout = null)
    {
        using var client = AdminClient();
        var run = await Eventually.WaitAsync(
            async () =>
            {
                var r = await client.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                return r!["status"]!.GetValue<string>() == "running" ? null : r;
            },
            timeout ?? TimeSpan.FromSeconds(120),
            $"harvest run {runId} to finish");
        await WaitForIndexAsync();
        return run;
    }

    /// <summary>Waits until the index has applied every change the catalogue has logged.</summary>
    public async Task WaitForIndexAsync()
    {
        var store = (Search.Ingestion.Storage.CatalogStore)Services.GetService(typeof(Search.Ingestion.Storage.CatalogStore))!;
        var index = (Search.Indexer.Writing.CatalogIndex)Services.GetService(typeof(Search.Indexer.Writing.CatalogIndex))!;
        var last = (await store.ReadChangesAsync(0, int.MaxValue, CancellationToken.None)).LastOrDefault()?.ChangeId ?? 0;
        await Eventually.WaitAsync(
            () => Task.FromResult(index.LastAppliedChangeId >= last ? (object?)true : null),
            TimeSpan.FromSeconds(60),
            $"the index to apply change {last}");
    }

    public async Task<JsonObject> SearchAsync(string query, string extra = "")
    {
        using var client = CreateClient();
        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}{extra}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static IReadOnlyList<string> HitIds(JsonObject result) =>
        result["hits"]!.AsArray().Select(h => h!["id"]!.GetValue<string>()).ToList();

    public static IReadOnlyList<string> HitTitles(JsonObject result) =>
        result["hits"]!.AsArray().Select(h => h!["title"]!.GetValue<string>()).ToList();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!_ownsRoot)
        {
            return;
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Waits for a condition with a bounded number of polls; the timeout is a failure, never a pass.</summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}.");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Search.Api.Api;
using Search.Api.Entitlement;
using Search.Api.Storage;
using Search.Indexer.Search;
using Search.Ingestion.Storage;

// What entitlement adds to one search: the session and the requester's seats and budgets from the database
// (once per search), a decision per hit (20 hits) against a realistic customer base (700 institutions with
// IPv4 and IPv6 ranges, 60 packages, 2,100 institution and 5,000 account subscriptions), plus re-writing the
// response with the "access" objects. Compare with the search itself.
var folder = Path.Combine(Path.GetTempPath(), "entitlement-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var time = TimeProvider.System;
var database = Database.SqliteFile(Path.Combine(folder, "bench.db"));
await new CatalogStore(database, time).MigrateAsync();
await ApiMigrations.MigrateAsync(database, time, default);
var store = new EntitlementStore(database, time);
var random = new Random(42);
for (var i = 0; i < 700; i++)
{
    var ranges = new List<string>
    {
        string.Create(CultureInfo.InvariantCulture, $"{20 + (i / 250)}.{i % 250}.0.0/17"),
        string.Create(CultureInfo.InvariantCulture, $"{20 + (i / 250)}.{i % 250}.128.0/18"),
        string.Create(CultureInfo.InvariantCulture, $"2001:da8:{i:x}::/48"),
    };
    await store.UpsertInstitutionAsync(new Institution($"inst-{i}", $"Institution {i}", i % 10 == 0 || i < 10 ? null : $"inst-{i % 10}", ranges), default);
}

var sources = Enumerable.Range(0, 120).Select(i => $"src-{i}").ToArray();
for (var p = 0; p < 60; p++)
{
    await store.UpsertPackageAsync(new Package($"pkg-{p}", $"Package {p}", sources.OrderBy(_ => random.Next()).Take(10).ToList()), default);
}

var now = time.GetUtcNow();
for (var s = 0; s < 2100; s++)
{
    await store.UpsertSubscriptionAsync(new Subscription($"sub-{s}", $"inst-{s % 700}", null, $"pkg-{random.Next(60)}", now.AddDays(-100), now.AddDays(random.Next(-50, 300)), s % 7 == 0 ? 5 : null), default);
}

for (var a = 0; a < 5000; a++)
{
    await store.UpsertAccountAsync(new Account($"user-{a}", "unused", now.AddDays(-10), now.AddDays(300), false), default);
    await store.UpsertSubscriptionAsync(new Subscription($"acc-sub-{a}", null, $"user-{a}", $"pkg-{random.Next(60)}", now.AddDays(-10), now.AddDays(300), null), default);
}

var options = Options.Create(new AccessOptions());
using var entitlement = new EntitlementCatalog(store, database);
await entitlement.ReloadAsync(default);
var sessions = new SessionStore(database, time, options);
var downloads = new DownloadEvents(database, time);
var decider = new AccessDecider(entitlement, sessions, downloads, time, options);
var snapshot = entitlement.Current;
var requesters = new Requester[1000];
for (var i = 0; i < requesters.Length; i++)
{
    var address = IPAddress.Parse(i % 3 == 0 ? $"2001:da8:{random.Next(800):x}::1" : $"{20 + random.Next(3)}.{random.Next(256)}.{random.Next(256)}.9");
    snapshot.Accounts.TryGetValue($"user-{random.Next(6000)}", out var account);
    requesters[i] = new Requester(address, snapshot.InstitutionAt(IpRange.ToNumber(address)), account, await sessions.StartAsync(account?.Id, default), "bench");
}

// Some seats in use and some downloads spent, so the view's queries find rows.
for (var i = 0; i < 200; i++)
{
    var who = requesters[i];
    if (who.Institution is not null)
    {
        await downloads.TryAddAsync("institution:" + who.Institution, options.Value.DownloadBudget.Window, 0, default);
    }
}

var views = new AccessView[requesters.Length];
for (var i = 0; i < requesters.Length; i++)
{
    views[i] = await decider.ViewAsync(requesters[i], default);
}
var hits = Enumerable.Range(0, 20).Select(i => new SearchHit($"r{i}", "标题", ["作者"], 2020, "journal-article", [sources[random.Next(sources.Length)]], new Dictionary<string, string>())).ToList();
var response = new SearchApi.SearchResponse(1000, 1, 20, hits, new SearchFacets([], [], [], []));
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

async Task<double> MeasureAsync(int rounds, Func<int, Task> action)
{
    for (var i = 0; i < rounds / 10; i++)
    {
        await action(i);
    }

    var watch = Stopwatch.StartNew();
    for (var i = 0; i < rounds; i++)
    {
        await action(i);
    }

    return watch.Elapsed.TotalMicroseconds / rounds;
}

double Measure(int rounds, Action<int> action)
{
    for (var i = 0; i < rounds / 10; i++)
    {
        action(i);
    }

    var watch = Stopwatch.StartNew();
    for (var i = 0; i < rounds; i++)
    {
        action(i);
    }

    return watch.Elapsed.TotalMicroseconds / rounds;
}

var resolve = Measure(200_000, i => snapshot.InstitutionAt(IpRange.ToNumber(requesters[i % requesters.Length].Address!)));
var touch = await MeasureAsync(5_000, i => sessions.TouchAsync(requesters[i % requesters.Length].Session.Token, default));
var view = await MeasureAsync(5_000, i => decider.ViewAsync(requesters[i % requesters.Length], default));
var perSearch = Measure(20_000, i =>
{
    var v = views[i % views.Length];
    foreach (var hit in hits)
    {
        decider.Peek(v, hit.Sources);
    }
});
var oneSource = hits.Select(h => h with { Sources = [sources[0]] }).ToList();
var perSearchOneSource = Measure(20_000, i =>
{
    var v = views[i % views.Length];
    var memo = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var hit in oneSource)
    {
        var key = string.Join('\u001f', hit.Sources);
        if (!memo.ContainsKey(key))
        {
            memo[key] = decider.Peek(v, hit.Sources).Fulltext;
        }
    }
});
var withAccess = new JsonSerializerOptions(json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(AccessJson.AddAccessProperty) };
var rewrite = Measure(20_000, _ =>
{
    foreach (var hit in hits)
    {
        AccessJson.Attach(hit, "available");
    }

    JsonSerializer.SerializeToUtf8Bytes(response, withAccess);
});
var plain = Measure(20_000, _ => JsonSerializer.Serialize(response, json));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"institution by address: {resolve:0.00} µs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"session by cookie (SQLite): {touch:0.0} µs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the requester's seats and budgets (SQLite, once per search): {view:0.0} µs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"20 decisions (one search page): {perSearch:0.0} µs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"20 hits of one source, decisions memoised as the search filter does: {perSearchOneSource:0.0} µs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"response with access objects: {rewrite:0.0} µs (plain serialisation {plain:0.0} µs)"));
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

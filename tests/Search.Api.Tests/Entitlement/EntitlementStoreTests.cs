using Microsoft.Data.Sqlite;
using Search.Api.Entitlement;
using Search.Api.Storage;
using Search.Api.Usage;
using Search.Ingestion.Storage;
using Search.Ingestion.Tests.Storage;

namespace Search.Api.Tests.Entitlement;

/// <summary>The entitlement and usage tables of Search.Api's migrations, on SQLite and on PostgreSQL.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[NonParallelizable]
public class EntitlementStoreTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private string? _folder;
    private Database _database = null!;

    [SetUp]
    public async Task Open()
    {
        Database database;
        if (provider == DatabaseProvider.Postgres)
        {
            database = new Database(DatabaseProvider.Postgres, PostgresServer.Shared.CreateDatabase());
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("entitlement-store-").FullName;
            database = Database.SqliteFile(Path.Combine(_folder, "catalog.db"));
        }

        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        await new CatalogStore(database, time).MigrateAsync();
        await ApiMigrations.MigrateAsync(database, time, default);
        _database = database;
    }

    [TearDown]
    public void Close()
    {
        SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Everything_stored_reads_back()
    {
        var store = new EntitlementStore(_database, TimeProvider.System);
        Assert.That(await store.UpsertInstitutionAsync(new Institution("whu", "武汉大学", null, ["202.114.0.0/16", "2001:da8:2000::/48"]), default), Is.True);
        Assert.That(await store.UpsertInstitutionAsync(new Institution("whu", "武汉大学图书馆", null, ["202.114.0.0/16"]), default), Is.False);
        await store.UpsertInstitutionAsync(new Institution("member", "成员", "whu", []), default);
        await store.UpsertPackageAsync(new Package("p", "包库", ["alpha", "beta"]), default);
        await store.UpsertAccountAsync(new Account("reader", "hash", Now.AddDays(-1), Now.AddDays(365), true), default);
        await store.UpsertSubscriptionAsync(new Subscription("s1", "whu", null, "p", Now.AddDays(-1), Now.AddDays(30), 3), default);
        await store.UpsertSubscriptionAsync(new Subscription("s2", null, "reader", "p", Now, Now.AddDays(1), null), default);
        await store.UpsertInstitutionLibrarianAsync("lib", "lib-hash", "whu", default);

        var institutions = await store.ListInstitutionsAsync(default);
        var account = await store.GetAccountAsync("reader", default);
        var subscriptions = await store.ListSubscriptionsAsync(default);
        Assert.Multiple(async () =>
        {
            Assert.That(institutions, Has.Count.EqualTo(2));
            Assert.That(institutions[1] with { IpRanges = [] }, Is.EqualTo(new Institution("whu", "武汉大学图书馆", null, [])));
            Assert.That(institutions[1].IpRanges, Is.EqualTo(new[] { "202.114.0.0/16" }));
            Assert.That(institutions[0].Parent, Is.EqualTo("whu"));
            Assert.That((await store.ListPackagesAsync(default)).Single().Sources, Is.EqualTo(new[] { "alpha", "beta" }));
            Assert.That(account, Is.EqualTo(new Account("reader", "hash", Now.AddDays(-1), Now.AddDays(365), true)));
            Assert.That(subscriptions, Is.EqualTo(new[]
            {
                new Subscription("s1", "whu", null, "p", Now.AddDays(-1), Now.AddDays(30), 3),
                new Subscription("s2", null, "reader", "p", Now, Now.AddDays(1), null),
            }));
            Assert.That(await store.GetInstitutionLibrarianAsync("lib", default), Is.EqualTo(("lib-hash", "whu")));
            Assert.That(await store.GetInstitutionLibrarianAsync("nobody", default), Is.Null);
        });
    }

    [Test]
    public async Task Usage_events_are_appended_and_read_by_period_and_institution()
    {
        var usage = new UsageStore(_database);
        UsageEvent E(int minutes, string? institution) =>
            new(Now.AddMinutes(minutes), UsageKinds.Search, SearchModes.Regular, institution, "acc", null, null, null, ["alpha", "beta"], "k", "s", "UA", "202.114.1.1");
        await usage.AppendAsync([E(0, "whu"), E(1, "hust"), E(2, null), E(60, "whu")], default);
        var read = await usage.ReadAsync(Now, Now.AddMinutes(59), ["whu", "member"], default);
        Assert.That(read, Has.Count.EqualTo(1));
        Assert.That(read[0] with { SearchedSources = [] }, Is.EqualTo(E(0, "whu") with { SearchedSources = [] }));
        Assert.That(read[0].SearchedSources, Is.EqualTo(new[] { "alpha", "beta" }));
        Assert.That(await usage.ReadAsync(Now, Now.AddHours(2), null, default), Has.Count.EqualTo(4));
        Assert.That(await usage.CountAsync(default), Is.EqualTo(4));
    }
}

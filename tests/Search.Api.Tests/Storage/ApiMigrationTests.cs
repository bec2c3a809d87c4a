using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Search.Api.Admin;
using Search.Api.Entitlement;
using Search.Api.Storage;
using Search.Api.Tests.Support;
using Search.Api.Usage;
using Search.Ingestion.Storage;

namespace Search.Api.Tests.Storage;

/// <summary>
/// Search.Api's own migrations beside Ingestion's, on SQLite and PostgreSQL: a new database gets the user,
/// entitlement and usage tables from Search.Api only; a database made before Search.Api owned them (those
/// tables from Ingestion's old 001 and 003, built from <c>PreOwnership/*.sql</c>) keeps its rows and ends with
/// the very same tables; processes migrating together apply each script once.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
[NonParallelizable]
public class ApiMigrationTests(DatabaseProvider provider)
{
    private static readonly string[] OwnedTables =
        ["librarians", "institutions", "packages", "accounts", "subscriptions", "institution_librarians", "usage_events"];

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Test]
    public async Task Ingestion_alone_creates_no_users_entitlement_or_usage()
    {
        using var db = TestDatabase.Create(provider);
        await new CatalogStore(db.Database, _time).MigrateAsync();
        await using var c = await db.Database.OpenAsync();
        foreach (var table in OwnedTables)
        {
            Assert.That(await TableExistsAsync(c, table), Is.False, table);
        }

        Assert.That(await TableExistsAsync(c, "records"), Is.True, "the catalogue itself");
    }

    [Test]
    public async Task An_existing_database_keeps_its_users_and_usage_and_gains_the_new_tables()
    {
        using var db = await OldDatabaseAsync();
        await using (var c = await db.Database.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO librarians (user_name, password_hash, created_at) VALUES ('admin', 'old-hash', '2025-01-01T00:00:00.0000000Z')");
            await c.ExecuteAsync("INSERT INTO institutions (id, name, parent_id, ip_ranges, created_at, updated_at) VALUES ('whu', '武汉大学', NULL, '[\"202.114.0.0/16\"]', 'x', 'x')");
            await c.ExecuteAsync("INSERT INTO packages (id, name, sources, created_at, updated_at) VALUES ('p', '包', '[\"alpha\"]', 'x', 'x')");
            await c.ExecuteAsync("INSERT INTO subscriptions (id, institution_id, account_id, package_id, starts_at, ends_at, seats, created_at, updated_at) VALUES ('s', 'whu', NULL, 'p', '2026-01-01T00:00:00.0000000Z', '2026-12-31T23:59:59.0000000Z', 2, 'x', 'x')");
            await c.ExecuteAsync("INSERT INTO institution_librarians (user_name, password_hash, institution_id, created_at) VALUES ('lib', 'lib-hash', 'whu', 'x')");
            await c.ExecuteAsync("INSERT INTO usage_events (occurred_at, kind, session_id) VALUES ('2026-05-01T00:00:00.0000000Z', 'search', 'old-1'), ('2026-05-01T00:00:01.0000000Z', 'view', 'old-2')");
        }

        Assert.That(await ApiMigrations.MigrateAsync(db.Database, _time, default), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(await ApiMigrations.MigrateAsync(db.Database, _time, default), Is.Empty, "the journal lists them all");

        var entitlement = new EntitlementStore(db.Database, _time);
        var usage = new UsageStore(db.Database);
        await usage.AppendAsync([new UsageEvent(Now, UsageKinds.Search, null, "whu", null, null, null, null, [], null, "new-1", null, null)], default);
        var sessions = new SessionStore(db.Database, _time, Options.Create(new AccessOptions()));
        var session = await sessions.StartAsync(null, default);
        Assert.Multiple(async () =>
        {
            Assert.That(await new LibrarianStore(db.Database, _time).GetPasswordHashAsync("admin", default), Is.EqualTo("old-hash"));
            Assert.That((await entitlement.ListInstitutionsAsync(default)).Single().IpRanges, Is.EqualTo(new[] { "202.114.0.0/16" }));
            Assert.That((await entitlement.ListSubscriptionsAsync(default)).Single().Seats, Is.EqualTo(2));
            Assert.That(await entitlement.GetInstitutionLibrarianAsync("lib", default), Is.EqualTo(("lib-hash", "whu")));
            Assert.That(await usage.CountAsync(default), Is.EqualTo(3), "the old events and a new one");
            Assert.That(await sessions.TryTakeSeatAsync("s", 2, session, default), Is.True, "the new tables work");
            await using var c = await db.Database.OpenAsync();
            Assert.That(await c.QueryAsync<long>("SELECT id FROM usage_events ORDER BY id"), Is.EqualTo(new long[] { 1, 2, 3 }), "ids go on from the old ones");
            Assert.That(await c.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"), Is.EqualTo(IngestionVersions().Select(v => (long)v)), "Ingestion's journal is as it was");
        });

        using var fresh = await TestDatabase.MigratedAsync(provider, _time);
        await using var upgraded = await db.Database.OpenAsync();
        await using var created = await fresh.Database.OpenAsync();
        foreach (var table in OwnedTables)
        {
            Assert.That(await ColumnsAsync(upgraded, table), Is.EqualTo(await ColumnsAsync(created, table)), $"{table}: an upgraded database has the table a new one gets");
        }
    }

    [Test]
    public async Task Processes_migrating_one_database_together_apply_each_script_once()
    {
        using var db = TestDatabase.Create(provider);
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var catalog = await Migrator.MigrateAsync(db.Database, _time);
            var api = await ApiMigrations.MigrateAsync(db.Database, _time, default);
            return (Catalog: catalog, Api: api);
        })));
        Assert.Multiple(async () =>
        {
            Assert.That(runs.SelectMany(r => r.Catalog).Order(), Is.EqualTo(IngestionVersions()), "Ingestion's scripts, once each");
            Assert.That(runs.SelectMany(r => r.Api).Order(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), "Search.Api's scripts, once each");
            await using var c = await db.Database.OpenAsync();
            Assert.That(await c.QueryAsync<long>("SELECT version FROM search_api_migrations ORDER BY version"), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entitlement_version"), Is.EqualTo(1));
        });
    }

    /// <summary>A database as the engine left it before Search.Api had migrations: Ingestion's journal 1-4, the user tables from its old scripts.</summary>
    private async Task<TestDatabase> OldDatabaseAsync()
    {
        var db = TestDatabase.Create(provider);
        await new CatalogStore(db.Database, _time).MigrateAsync();
        var script = await File.ReadAllTextAsync(Path.Combine(
            TestContext.CurrentContext.TestDirectory, "Storage", "PreOwnership", provider == DatabaseProvider.Sqlite ? "sqlite.sql" : "postgres.sql"));
        await using var c = await db.Database.OpenAsync();
        await c.ExecuteAsync(script);
        return db;
    }

    private async Task<bool> TableExistsAsync(DbConnection c, string table) =>
        await c.ExecuteScalarAsync<long>(
            provider == DatabaseProvider.Sqlite
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = @table",
            new { table }) > 0;

    /// <summary>Each column as "name type null/not null default primary-key", in order, plus the table's indexes.</summary>
    private async Task<List<string>> ColumnsAsync(DbConnection c, string table)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var columns = await c.QueryAsync<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>($"PRAGMA table_info('{table}')");
            var indexes = await c.QueryAsync<string>(
                "SELECT name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' AND tbl_name = @table ORDER BY name", new { table });
            return [.. columns.Select(x => $"{x.Name} {x.Type} {x.NotNull} {x.Default} {x.Pk}"), .. indexes];
        }

        var pgColumns = await c.QueryAsync<(string Name, string Type, string Nullable, string? Default)>(
            "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position",
            new { table });
        var pgIndexes = await c.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = @table ORDER BY indexname", new { table });
        return [.. pgColumns.Select(x => $"{x.Name} {x.Type} {x.Nullable} {x.Default}"), .. pgIndexes];
    }

    /// <summary>The versions of Ingestion's own migration scripts (the SQLite set names the same versions as PostgreSQL's).</summary>
    private static int[] IngestionVersions() =>
    [
        .. typeof(Search.Ingestion.Storage.CatalogStore).Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Migrations.sqlite.", StringComparison.Ordinal))
            .Select(n => int.Parse(n[(n.IndexOf(".Migrations.sqlite.", StringComparison.Ordinal) + ".Migrations.sqlite.".Length)..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Order(),
    ];
}

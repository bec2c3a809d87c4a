using Microsoft.Data.Sqlite;
using Search.Api.Storage;
using Search.Ingestion.Storage;
using Search.Ingestion.Tests.Storage;

namespace Search.Api.Tests.Support;

/// <summary>An empty database of one provider for a store test: a SQLite file in a folder of its own, or a new database on the private PostgreSQL cluster.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _folder;

    private TestDatabase(Database database, string? folder)
    {
        Database = database;
        _folder = folder;
    }

    public Database Database { get; }

    public static TestDatabase Create(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return new TestDatabase(new Database(DatabaseProvider.Postgres, PostgresServer.Shared.CreateDatabase()), null);
        }

        var folder = Directory.CreateTempSubdirectory("api-store-").FullName;
        return new TestDatabase(Database.SqliteFile(Path.Combine(folder, "catalog.db")), folder);
    }

    /// <summary>A new database with the catalogue's and Search.Api's migrations applied, as the engine starts it.</summary>
    public static async Task<TestDatabase> MigratedAsync(DatabaseProvider provider, TimeProvider time)
    {
        var db = Create(provider);
        await new CatalogStore(db.Database, time).MigrateAsync();
        await ApiMigrations.MigrateAsync(db.Database, time, default);
        return db;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

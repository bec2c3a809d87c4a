using Search.Ingestion.Storage;

namespace Search.Api.Storage;

/// <summary>
/// Search.Api's own tables (librarians, institutions, packages, accounts, subscriptions, institution librarians,
/// usage events, sessions, seats, download and login windows), embedded under <c>Storage/Migrations</c> and
/// journalled in <c>search_api_migrations</c>, apart from Ingestion's catalogue.
/// </summary>
public static class ApiMigrations
{
    public static MigrationSet Set { get; } = new("search-api", typeof(ApiMigrations).Assembly, "Storage.Migrations", "search_api_migrations");

    public static Task<IReadOnlyList<int>> MigrateAsync(Database database, TimeProvider time, CancellationToken ct) =>
        Migrator.MigrateAsync(database, Set, time, ct);
}

using System.Reflection;
using Dapper;

namespace Search.Ingestion.Storage;

/// <summary>
/// Applies the numbered SQL scripts embedded under <c>Storage/Migrations/{provider}/</c> that the
/// journal table <c>schema_migrations</c> does not list yet, each in its own transaction, in order.
/// </summary>
public static class Migrator
{
    public static async Task<IReadOnlyList<int>> MigrateAsync(Database database, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets searches read while a harvest writes; it is a property of the file, set once.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        }

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToHashSet();

        var done = new List<int>();
        foreach (var script in Scripts(database.Provider))
        {
            if (applied.Contains(script.Version))
            {
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(script.Sql, transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { script.Version, script.Name, At = Clock.Format(time.GetUtcNow()) },
                tx);
            await tx.CommitAsync(cancellationToken);
            done.Add(script.Version);
        }

        return done;
    }

    private sealed record Script(int Version, string Name, string Sql);

    private static List<Script> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var prefix = $"{assembly.GetName().Name}.Storage.Migrations.{folder}.";
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), out var version))
            {
                throw new InvalidOperationException($"Migration '{name}' is not named NNN_description.sql.");
            }

            scripts.Add(new Script(version, name, Read(assembly, resource)));
        }

        return scripts.OrderBy(s => s.Version).ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing resource {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Timestamps are stored as ISO 8601 UTC text, which sorts correctly on every provider.</summary>
public static class Clock
{
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}

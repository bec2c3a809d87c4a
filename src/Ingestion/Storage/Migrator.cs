using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Search.Ingestion.Storage;

/// <summary>
/// One project's numbered SQL scripts, embedded under <c>{folder}/{sqlite|postgres}/NNN_name.sql</c>, and the
/// journal table that lists which of them a database has. Each project that owns tables has its own set and its
/// own journal, so their version numbers never meet.
/// </summary>
public sealed partial record MigrationSet
{
    public MigrationSet(string scope, Assembly assembly, string folder, string journal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Identifier().IsMatch(journal ?? ""))
        {
            throw new ArgumentException($"The journal '{journal}' is not a plain table name.", nameof(journal));
        }

        Scope = scope;
        Assembly = assembly;
        Folder = folder;
        Journal = journal!;
    }

    /// <summary>Whose tables these are (for logs).</summary>
    public string Scope { get; }

    public Assembly Assembly { get; }

    /// <summary>The resource folder below the assembly's name, dotted: <c>Storage.Migrations</c>.</summary>
    public string Folder { get; }

    /// <summary>The journal table (version, name, applied_at).</summary>
    public string Journal { get; }

    /// <summary>Ingestion's catalogue: sources, runs, records, works, the change log (journal <c>schema_migrations</c>).</summary>
    public static MigrationSet Catalog { get; } = new("catalog", typeof(Migrator).Assembly, "Storage.Migrations", "schema_migrations");

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}

/// <summary>
/// Applies the scripts of a <see cref="MigrationSet"/> that its journal does not list yet, each in its own
/// transaction, in order. Processes starting together on one database take turns: PostgreSQL through an
/// advisory lock held while migrating, SQLite through its write lock, and each script is checked against the
/// journal again inside its transaction.
/// </summary>
public static class Migrator
{
    /// <summary>Advisory lock key of migrations on PostgreSQL (any constant shared by every set).</summary>
    private const long PostgresLock = 0x5343_4D49_4752; // "SCMIGR"

    public static Task<IReadOnlyList<int>> MigrateAsync(Database database, TimeProvider time, CancellationToken cancellationToken = default) =>
        MigrateAsync(database, MigrationSet.Catalog, time, cancellationToken);

    public static async Task<IReadOnlyList<int>> MigrateAsync(Database database, MigrationSet set, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(time);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets searches read while a harvest writes; it is a property of the file, set once.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        }
        else
        {
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@PostgresLock)", new { PostgresLock });
        }

        try
        {
            return await ApplyAsync(connection, set, database.Provider, time, cancellationToken);
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@PostgresLock)", new { PostgresLock });
            }
        }
    }

    private static async Task<IReadOnlyList<int>> ApplyAsync(DbConnection connection, MigrationSet set, DatabaseProvider provider, TimeProvider time, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {set.Journal} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = (await connection.QueryAsync<long>($"SELECT version FROM {set.Journal}")).ToHashSet();

        var done = new List<int>();
        foreach (var script in Scripts(set, provider))
        {
            if (applied.Contains(script.Version))
            {
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {set.Journal} WHERE version = @Version", new { script.Version }, tx) > 0)
            {
                continue; // another process applied it meanwhile
            }

            await connection.ExecuteAsync(script.Sql, transaction: tx);
            await connection.ExecuteAsync(
                $"INSERT INTO {set.Journal} (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { script.Version, script.Name, At = Clock.Format(time.GetUtcNow()) },
                tx);
            await tx.CommitAsync(cancellationToken);
            done.Add(script.Version);
        }

        return done;
    }

    private sealed record Script(int Version, string Name, string Sql);

    private static List<Script> Scripts(MigrationSet set, DatabaseProvider provider)
    {
        var assembly = set.Assembly;
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var prefix = $"{assembly.GetName().Name}.{set.Folder}.{folder}.";
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), out var version))
            {
                throw new InvalidOperationException($"Migration '{name}' of {set.Scope} is not named NNN_description.sql.");
            }

            scripts.Add(new Script(version, name, Read(assembly, resource)));
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No migrations of {set.Scope} under {prefix}.");
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

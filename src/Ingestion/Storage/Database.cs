using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Search.Ingestion.Storage;

/// <summary>Which database holds the catalogue.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, WAL journal.</summary>
    Sqlite,

    /// <summary>Production.</summary>
    Postgres,
}

/// <summary>
/// Opens connections to the catalogue database. The SQL the store runs is written to work on both
/// providers; the few differences (DDL, mostly) live in the per-provider migration folders.
/// </summary>
public sealed class Database
{
    /// <summary>
    /// Set on every SQLite connection (they are per connection). In WAL mode synchronous=NORMAL loses no
    /// committed transaction when the process is killed; a power cut may lose the last ones, all of a batch
    /// with its checkpoint, so a harvest resumes without loss or duplicates. 32 MB of page cache instead of 2.
    /// </summary>
    private const string SqlitePragmas = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;";

    public Database(DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>An embedded SQLite database in a file.</summary>
    public static Database SqliteFile(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new Database(DatabaseProvider.Sqlite, builder.ToString());
    }

    /// <summary>
    /// "column is one of the values of list parameter <paramref name="parameter"/>": Dapper expands a list
    /// for SQLite, while Npgsql takes it as one array parameter.
    /// </summary>
    public string AnyOf(string column, string parameter) =>
        Provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>
    /// "column is one of the values of parameter <paramref name="parameter"/>" with one parameter whatever the
    /// number of values, so the statement's text stays the same (and prepared) for any list: a JSON array read
    /// with <c>json_each</c> on SQLite, an array on PostgreSQL. Give the value with <see cref="ListValue"/>.
    /// </summary>
    public string InList(string column, string parameter) =>
        Provider == DatabaseProvider.Postgres
            ? $"{column} = ANY(@{parameter})"
            : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    /// <summary>The value of an <see cref="InList"/> parameter.</summary>
    public object ListValue(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Provider == DatabaseProvider.Postgres ? values.ToArray() : JsonSerializer.Serialize(values);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
            DatabaseProvider.Postgres => new NpgsqlConnection(ConnectionString),
            _ => throw new InvalidOperationException($"Unknown provider {Provider}."),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == DatabaseProvider.Sqlite)
            {
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = SqlitePragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

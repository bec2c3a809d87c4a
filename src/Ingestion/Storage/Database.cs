using System.Data.Common;
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
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

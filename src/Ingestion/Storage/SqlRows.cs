using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;

namespace Search.Ingestion.Storage;

/// <summary>
/// Writes many rows with few statements on both providers: <c>head VALUES (@p0, @p1), (@p2, @p3) tail</c>,
/// in chunks of a power of two rows (at most <see cref="MaxRows"/>), so that a batch of any size needs a handful
/// of statements whose texts repeat and stay prepared. The head names the columns (an INSERT, or
/// <c>UPDATE t SET ... FROM (</c> for an update from a VALUES list, whose columns are column1, column2, ...).
/// </summary>
internal static class SqlRows
{
    public const int MaxRows = 256;

    /// <summary>
    /// Rows per statement on SQLite (see <see cref="ExecuteAsync"/>). First harvest of 9,900 records (bench/ingest):
    /// 1 row 1,002 rec/s, 8 rows 843, 32 rows 714; 256 rows made 50,000 records go at 224 rec/s (binding by name
    /// is quadratic in the parameters of a statement).
    /// </summary>
    private const int SqliteMaxRows = 1;

    private static readonly ConcurrentDictionary<(string Head, string Tail, int Columns, int Rows), string> Texts = new();

    /// <summary>Executes <paramref name="head"/> VALUES (...)... <paramref name="tail"/> for every row; returns the rows affected.</summary>
    public static async Task<int> ExecuteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string head,
        string tail,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        // SQLite looks a parameter up by name in a list (a statement of n parameters binds in n² steps) and
        // has no round trips to save: one prepared row at a time is its fastest. PostgreSQL: many rows a statement.
        var maxRows = connection is Microsoft.Data.Sqlite.SqliteConnection ? SqliteMaxRows : MaxRows;
        var columns = rows[0].Length;
        var commands = new Dictionary<int, DbCommand>();
        try
        {
            var affected = 0;
            var done = 0;
            while (done < rows.Count)
            {
                var size = ChunkSize(rows.Count - done, maxRows);
                if (!commands.TryGetValue(size, out var command))
                {
                    command = connection.CreateCommand();
                    commands[size] = command;
                    command.Transaction = transaction;
                    command.CommandText = Texts.GetOrAdd((head, tail, columns, size), key => Build(key.Head, key.Tail, key.Columns, key.Rows));
                    for (var p = 0; p < size * columns; p++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        command.Parameters.Add(parameter);
                    }
                }

                for (var r = 0; r < size; r++)
                {
                    var row = rows[done + r];
                    if (row.Length != columns)
                    {
                        throw new ArgumentException("Every row must have the same number of values.", nameof(rows));
                    }

                    for (var c = 0; c < columns; c++)
                    {
                        command.Parameters[(r * columns) + c].Value = row[c] ?? DBNull.Value;
                    }
                }

                affected += await command.ExecuteNonQueryAsync(cancellationToken);
                done += size;
            }

            return affected;
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>The largest power of two not above <paramref name="remaining"/> nor <see cref="MaxRows"/>.</summary>
    private static int ChunkSize(int remaining, int maxRows)
    {
        var size = 1;
        while (size * 2 <= remaining && size * 2 <= maxRows)
        {
            size *= 2;
        }

        return size;
    }

    private static string Build(string head, string tail, int columns, int rows)
    {
        var text = new StringBuilder(head.Length + tail.Length + (rows * columns * 6));
        text.Append(head).Append(" VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns; c++)
            {
                text.Append(c == 0 ? "@p" : ", @p").Append((r * columns) + c);
            }

            text.Append(')');
        }

        return text.Append(' ').Append(tail).ToString();
    }
}

using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Search.Ingestion.Storage;

/// <summary>A work as the OAI-PMH provider lists it: its last change (whole seconds, UTC), whether it left the catalogue, its set specs.</summary>
public sealed record WorkStamp(string WorkId, DateTimeOffset Datestamp, bool Deleted, IReadOnlyList<string> Sets);

/// <summary>
/// Which works a harvest asks for: changed from <see cref="From"/> to <see cref="Until"/> (both inclusive, null for
/// open), in the set <see cref="Set"/> (a set spec: <c>source:x</c>, or a parent such as <c>source</c>; null for all).
/// </summary>
public sealed record WorkStampFilter(DateTimeOffset? From, DateTimeOffset? Until, string? Set);

/// <summary>Where a page of works ends: the last (datestamp, work id) delivered; the next page starts after it.</summary>
public readonly record struct WorkStampCursor(DateTimeOffset Datestamp, string WorkId);

/// <summary>
/// The works' datestamps and tombstones (table <c>work_stamps</c>), read for the OAI-PMH provider: the work store
/// writes a stamp in the transaction that writes a work's change-log entry (<see cref="WorkStampWriter"/>); this
/// reads them in (datestamp, work id) order, a page at a time after a cursor, on the table's index.
/// </summary>
public sealed class WorkStamps
{
    private readonly Database _database;

    internal WorkStamps(Database database) => _database = database;

    /// <summary>The oldest datestamp in the catalogue (deleted works included), null when no work was ever stored.</summary>
    public async Task<DateTimeOffset?> EarliestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var text = await connection.ExecuteScalarAsync<string?>("SELECT MIN(datestamp) FROM work_stamps");
        return text is null ? null : WorkStampWriter.Parse(text);
    }

    /// <summary>The stamp of a work id, live or deleted; null when the catalogue never held it.</summary>
    public async Task<WorkStamp?> GetAsync(string workId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StampRow>(
            "SELECT work_id AS WorkId, datestamp AS Datestamp, deleted AS Deleted, sets AS Sets FROM work_stamps WHERE work_id = @workId",
            new { workId });
        return row?.ToStamp();
    }

    /// <summary>Up to <paramref name="limit"/> works of the filter after <paramref name="after"/>, in (datestamp, work id) order.</summary>
    public async Task<IReadOnlyList<WorkStamp>> ListAsync(WorkStampFilter filter, WorkStampCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (where, parameters) = Where(filter);
        if (after is { } cursor)
        {
            where += " AND (datestamp, work_id) > (@afterDatestamp, @afterWork)";
            parameters.Add("afterDatestamp", WorkStampWriter.Format(cursor.Datestamp));
            parameters.Add("afterWork", cursor.WorkId);
        }

        parameters.Add("limit", limit);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StampRow>(
            "SELECT work_id AS WorkId, datestamp AS Datestamp, deleted AS Deleted, sets AS Sets FROM work_stamps WHERE "
            + where + " ORDER BY datestamp, work_id LIMIT @limit",
            parameters);
        return rows.Select(r => r.ToStamp()).ToList();
    }

    /// <summary>How many works the filter selects (once per harvest: the first page's count travels in its resumption token).</summary>
    public async Task<long> CountAsync(WorkStampFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Where(filter);
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_stamps WHERE " + where, parameters);
    }

    private (string Where, DynamicParameters Parameters) Where(WorkStampFilter filter)
    {
        var clauses = new List<string> { "1 = 1" };
        var parameters = new DynamicParameters();
        if (filter.From is { } from)
        {
            clauses.Add("datestamp >= @from");
            parameters.Add("from", WorkStampWriter.Format(from));
        }

        if (filter.Until is { } until)
        {
            clauses.Add("datestamp <= @until");
            parameters.Add("until", WorkStampWriter.Format(until));
        }

        if (filter.Set is { } set)
        {
            // The set itself, or any set below it (source:x is in source): specs are whole words of the padded list.
            var position = _database.Provider == DatabaseProvider.Postgres ? "strpos" : "instr";
            clauses.Add($"({position}(' ' || sets || ' ', @exactSet) > 0 OR {position}(' ' || sets, @parentSet) > 0)");
            parameters.Add("exactSet", " " + set + " ");
            parameters.Add("parentSet", " " + set + ":");
        }

        return (string.Join(" AND ", clauses), parameters);
    }

    private sealed class StampRow
    {
        public string WorkId { get; init; } = "";

        public string Datestamp { get; init; } = "";

        public long Deleted { get; init; }

        public string Sets { get; init; } = "";

        public WorkStamp ToStamp() =>
            new(WorkId, WorkStampWriter.Parse(Datestamp), Deleted != 0, Sets.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>
/// Writes the stamps of works whose holdings changed, in the caller's transaction: a live work gets the moment of
/// the change and its sets now; a work left without holdings becomes a tombstone with that moment, keeping the sets
/// it had. One read of the works' holdings (source and type) per thousand works, one row statement per work.
/// </summary>
internal static class WorkStampWriter
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// Stamps <paramref name="works"/> changed at <paramref name="changedAt"/>; with null, each live work gets its
    /// holdings' newest update (works stored before stamps existed) and deleted ones are left alone.
    /// </summary>
    public static async Task WriteAsync(DbConnection connection, DbTransaction tx, Database database, IEnumerable<string> works, DateTimeOffset? changedAt)
    {
        var type = database.Provider == DatabaseProvider.Postgres ? "(record_json::jsonb ->> 'type')" : "json_extract(record_json, '$.type')";
        var stamp = changedAt is { } at ? Format(at) : null;
        foreach (var chunk in works.Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var holdings = (await connection.QueryAsync<(string WorkId, string SourceId, string? Type, string UpdatedAt)>(
                    $"SELECT work_id, source_id, {type}, updated_at FROM records WHERE " + database.InList("work_id", "works"),
                    new { works = database.ListValue(chunk) },
                    tx))
                .ToLookup(h => h.WorkId, StringComparer.Ordinal);
            var live = chunk.Where(w => holdings[w].Any())
                .Select(w => new object?[]
                {
                    w,
                    stamp ?? Format(holdings[w].Max(h => Clock.Parse(h.UpdatedAt))),
                    string.Join(' ', SetsOf(holdings[w].Select(h => (h.SourceId, h.Type)))),
                    0,
                })
                .ToList();
            await SqlRows.ExecuteAsync(
                connection,
                tx,
                "INSERT INTO work_stamps (work_id, datestamp, sets, deleted)",
                "ON CONFLICT (work_id) DO UPDATE SET datestamp = excluded.datestamp, sets = excluded.sets, deleted = 0",
                live);
            if (stamp is not null)
            {
                await SqlRows.ExecuteAsync(
                    connection,
                    tx,
                    "INSERT INTO work_stamps (work_id, datestamp, sets, deleted)",
                    "ON CONFLICT (work_id) DO UPDATE SET datestamp = excluded.datestamp, deleted = 1 WHERE work_stamps.deleted = 0",
                    chunk.Where(w => !holdings[w].Any()).Select(w => new object?[] { w, stamp, "", 1 }).ToList());
            }
        }
    }

    /// <summary>Stamps every live work that has none yet, and a tombstone for each work the change log deleted before (start-up after the migration).</summary>
    public static async Task BackfillAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var works = (await connection.QueryAsync<string>(
            "SELECT DISTINCT work_id FROM records WHERE work_id IS NOT NULL AND work_id NOT IN (SELECT work_id FROM work_stamps)")).ToList();
        foreach (var chunk in works.Chunk(5000))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await WriteAsync(connection, tx, database, chunk, null);
            await tx.CommitAsync(cancellationToken);
        }

        var gone = (await connection.QueryAsync<(string WorkId, string At)>(
            """
            SELECT record_id, MAX(created_at) FROM changes
            WHERE record_id NOT IN (SELECT work_id FROM work_stamps) GROUP BY record_id
            """)).ToList();
        await using var last = await connection.BeginTransactionAsync(cancellationToken);
        await SqlRows.ExecuteAsync(
            connection,
            last,
            "INSERT INTO work_stamps (work_id, datestamp, sets, deleted)",
            "ON CONFLICT (work_id) DO NOTHING",
            gone.Select(g => new object?[] { g.WorkId, Format(Clock.Parse(g.At)), "", 1 }).ToList(),
            cancellationToken);
        await last.CommitAsync(cancellationToken);
    }

    /// <summary><c>source:&lt;id&gt;</c> of every holding and <c>type:&lt;type&gt;</c> of every holding's type, ordinal order.</summary>
    private static IEnumerable<string> SetsOf(IEnumerable<(string SourceId, string? Type)> holdings) =>
        holdings.Select(h => "source:" + h.SourceId)
            .Concat(holdings.Where(h => !string.IsNullOrEmpty(h.Type)).Select(h => "type:" + h.Type))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
}

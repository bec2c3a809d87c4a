using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Search.Connectors.Harvesting;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>
/// Commits a harvested batch: raw records, mapped records, deletions, quarantine entries, work assignment,
/// change-log entries, the run's counters and the source's checkpoint, all in one transaction, with a few
/// set-based statements per table (the rows a batch touches are read up front in one query per table, and
/// written with multi-row statements), never a statement per record.
/// </summary>
internal sealed class BatchWriter(Database database, TimeProvider time, MatchRules rules, MergeOptions merge, MatchProfileCache profiles)
{
    private const string RawUpsertHead =
        "INSERT INTO raw_records (source_id, external_id, record_id, datestamp, deleted, metadata_format, payload, sets, run_id, harvested_at, seen_pass, payload_hash)";

    private const string RawUpsertTail =
        """
        ON CONFLICT (source_id, external_id) DO UPDATE SET datestamp = excluded.datestamp, deleted = excluded.deleted,
            metadata_format = excluded.metadata_format, payload = excluded.payload, sets = excluded.sets,
            run_id = excluded.run_id, harvested_at = excluded.harvested_at, seen_pass = excluded.seen_pass,
            payload_hash = excluded.payload_hash
        """;

    /// <summary>The external ids among <paramref name="records"/> whose raw record the store holds with the same hash, and whose
    /// catalogue record exists (or, for a deletion, does not).</summary>
    public async Task<IReadOnlySet<string>> FindUnchangedAsync(
        string sourceId, IReadOnlyList<(string ExternalId, string Hash, bool Deleted)> records, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindUnchangedAsync(connection, null, sourceId, records);
    }

    public async Task<BatchCounts> CommitAsync(
        string sourceId,
        long runId,
        IReadOnlyList<PreparedRecord> records,
        IReadOnlyList<HarvestProblem> problems,
        string? checkpoint,
        bool endsCompletePass,
        CancellationToken cancellationToken)
    {
        var now = Clock.Format(time.GetUtcNow());
        int added = 0, updated = 0, deleted = 0, quarantined = 0;

        var phase = Stopwatch.GetTimestamp();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var works = await WorkAssigner.BeginAsync(connection, tx, database, rules, merge, profiles);
        var pass = await connection.ExecuteScalarAsync<long?>(
            "SELECT current_pass FROM sources WHERE id = @sourceId", new { sourceId }, tx);
        if (pass is null)
        {
            pass = runId;
            await connection.ExecuteAsync(
                "UPDATE sources SET current_pass = @runId WHERE id = @sourceId", new { runId, sourceId }, tx);
        }

        await CheckUnchangedAsync(connection, tx, sourceId, records);
        IngestionMetrics.Record("store.lookup", phase);
        phase = Stopwatch.GetTimestamp();
        await WriteRawAsync(connection, tx, sourceId, runId, pass.Value, now, records);
        IngestionMetrics.Record("store.raw", phase);
        phase = Stopwatch.GetTimestamp();

        // Read what the batch touches, then go through it in order, as the partner sent it.
        var ids = records.Select(p => RecordIds.For(sourceId, p.Raw.ExternalId)).ToList();
        await works.LoadRowsAsync(ids.Where((_, i) => !records[i].Unchanged));
        var json = records.Select(p => p.Mapped is { } mapped && !p.Raw.Deleted && !p.Unchanged ? RecordJson.Serialize(mapped) : null).ToList();
        var assigning = new List<(string Id, CatalogRecord Record)>();
        var removing = new List<string>();
        for (var i = 0; i < records.Count; i++)
        {
            if (records[i].Unchanged)
            {
                continue;
            }

            var existing = works.Find(ids[i]);
            if (records[i].Raw.Deleted)
            {
                removing.Add(ids[i]);
            }
            else if (records[i].Mapped is { } mapped && existing?.Json != json[i])
            {
                assigning.Add((ids[i], mapped));
            }
        }

        await works.PrepareAsync(assigning, removing);
        IngestionMetrics.Record("store.prepare", phase);
        phase = Stopwatch.GetTimestamp();
        var quarantine = new List<object?[]>();
        for (var i = 0; i < records.Count; i++)
        {
            var prepared = records[i];
            var raw = prepared.Raw;
            if (prepared.Unchanged)
            {
                continue;
            }

            var existing = works.Find(ids[i]);
            if (raw.Deleted)
            {
                if (existing is not null)
                {
                    works.Delete(ids[i]);
                    deleted++;
                }

                continue;
            }

            if (prepared.Mapped is null)
            {
                quarantine.Add([sourceId, runId, raw.ExternalId, prepared.QuarantineReason ?? "The record could not be mapped.", raw.Payload, now]);
                quarantined++;
                continue;
            }

            if (existing is null)
            {
                works.Insert(ids[i], sourceId, raw.ExternalId, json[i]!, prepared.Mapped, prepared.PayloadHash, now);
                await works.AssignAsync(ids[i], prepared.Mapped);
                added++;
            }
            else if (!string.Equals(existing.Value.Json, json[i], StringComparison.Ordinal))
            {
                works.Update(ids[i], json[i]!, prepared.Mapped, prepared.PayloadHash, now);
                await works.AssignAsync(ids[i], prepared.Mapped);
                updated++;
            }
        }

        IngestionMetrics.Record("store.assign", phase);
        phase = Stopwatch.GetTimestamp();
        foreach (var problem in problems)
        {
            quarantine.Add([sourceId, runId, problem.ExternalId, problem.Reason, problem.RawPayload, now]);
            quarantined++;
        }

        await SqlRows.ExecuteAsync(
            connection, tx, "INSERT INTO quarantine (source_id, run_id, external_id, reason, payload, created_at)", "", quarantine, cancellationToken);

        if (endsCompletePass)
        {
            deleted += await RetireUnseenAsync(connection, tx, works, sourceId, pass.Value);
        }

        await works.WriteChangesAsync(now);
        IngestionMetrics.Record("store.write", phase);
        phase = Stopwatch.GetTimestamp();
        var counts = new BatchCounts(records.Count, added, updated, deleted, quarantined);
        await connection.ExecuteAsync(
            """
            UPDATE harvest_runs SET harvested = harvested + @Harvested, new_count = new_count + @New,
                updated_count = updated_count + @Updated, deleted_count = deleted_count + @Deleted,
                quarantined = quarantined + @Quarantined
            WHERE id = @runId
            """,
            new { counts.Harvested, counts.New, counts.Updated, counts.Deleted, counts.Quarantined, runId },
            tx);
        if (checkpoint is not null)
        {
            await connection.ExecuteAsync(
                "UPDATE sources SET checkpoint = @checkpoint WHERE id = @sourceId", new { checkpoint, sourceId }, tx);
        }

        await tx.CommitAsync(cancellationToken);
        IngestionMetrics.Record("store.commit", phase);
        return counts;
    }

    /// <summary>Fails the batch when a record it calls unchanged is not (any more) held as it was.</summary>
    private async Task CheckUnchangedAsync(DbConnection connection, DbTransaction tx, string sourceId, IReadOnlyList<PreparedRecord> records)
    {
        var unchanged = records.Where(r => r.Unchanged).ToList();
        if (unchanged.Count == 0)
        {
            return;
        }

        if (unchanged.Any(u => u.PayloadHash is null)
            || records.GroupBy(r => r.Raw.ExternalId, StringComparer.Ordinal).Any(g => g.Count() > 1 && g.Any(r => r.Unchanged)))
        {
            throw new ArgumentException("An unchanged record needs its hash, and its external id may occur only once in the batch.", nameof(records));
        }

        var still = await FindUnchangedAsync(
            connection, tx, sourceId, unchanged.Select(u => (u.Raw.ExternalId, u.PayloadHash!, u.Raw.Deleted)).ToList());
        if (unchanged.Any(u => !still.Contains(u.Raw.ExternalId)))
        {
            throw new StaleBatchException($"A record of source '{sourceId}' changed after its batch was prepared.");
        }
    }

    private async Task<IReadOnlySet<string>> FindUnchangedAsync(
        DbConnection connection, DbTransaction? tx, string sourceId, IReadOnlyList<(string ExternalId, string Hash, bool Deleted)> records)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var wanted = records.GroupBy(r => r.ExternalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (var chunk in wanted.Keys.Chunk(5000))
        {
            var rows = await connection.QueryAsync<(string ExternalId, string? Hash, long Present)>(
                """
                SELECT rr.external_id, rr.payload_hash, CASE WHEN r.id IS NULL THEN 0 ELSE 1 END
                FROM raw_records rr LEFT JOIN records r ON r.id = rr.record_id
                WHERE rr.source_id = @sourceId AND
                """ + " " + database.InList("rr.external_id", "ids"),
                new { sourceId, ids = database.ListValue(chunk) },
                tx);
            foreach (var (externalId, hash, present) in rows)
            {
                var record = wanted[externalId];
                if (hash is not null && hash == record.Hash && (present != 0) != record.Deleted)
                {
                    result.Add(externalId);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Upserts the raw records that changed (the last one of an external id sent twice wins, as it would
    /// record by record), and moves the unchanged ones to this run and pass with one statement.
    /// </summary>
    private async Task WriteRawAsync(DbConnection connection, DbTransaction tx, string sourceId, long runId, long pass, string now, IReadOnlyList<PreparedRecord> records)
    {
        var rows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        var unchanged = new List<string>();
        foreach (var prepared in records)
        {
            var raw = prepared.Raw;
            if (prepared.Unchanged)
            {
                unchanged.Add(raw.ExternalId);
                continue;
            }

            rows.Remove(raw.ExternalId);
            rows[raw.ExternalId] =
            [
                sourceId,
                raw.ExternalId,
                RecordIds.For(sourceId, raw.ExternalId),
                raw.Datestamp is { } d ? Clock.Format(d) : null,
                raw.Deleted ? 1 : 0,
                raw.MetadataFormat,
                raw.Payload,
                JsonSerializer.Serialize(raw.Sets),
                runId,
                now,
                pass,
                prepared.PayloadHash,
            ];
        }

        await SqlRows.ExecuteAsync(connection, tx, RawUpsertHead, RawUpsertTail, rows.Values.ToList());
        foreach (var chunk in unchanged.Chunk(5000))
        {
            await connection.ExecuteAsync(
                "UPDATE raw_records SET run_id = @runId, harvested_at = @now, seen_pass = @pass WHERE source_id = @sourceId AND "
                + database.InList("external_id", "ids"),
                new { runId, now, pass, sourceId, ids = database.ListValue(chunk) },
                tx);
        }
    }

    /// <summary>
    /// Retires the source's records the complete pass <paramref name="pass"/> did not see and ends the pass.
    /// A pass that saw nothing at all retires nothing: an empty answer is more likely a partner's fault than
    /// a catalogue emptied overnight.
    /// </summary>
    private async Task<int> RetireUnseenAsync(DbConnection connection, DbTransaction tx, WorkAssigner works, string sourceId, long pass)
    {
        await connection.ExecuteAsync("UPDATE sources SET current_pass = NULL WHERE id = @sourceId", new { sourceId }, tx);
        var seen = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM raw_records WHERE source_id = @sourceId AND seen_pass = @pass", new { sourceId, pass }, tx);
        if (seen == 0)
        {
            return 0;
        }

        // The records table as this batch leaves it, so that records it stored count as seen.
        await works.FlushAsync();
        var unseen = (await connection.QueryAsync<(string Id, string ExternalId, string? WorkId)>(
            """
            SELECT r.id, r.external_id, r.work_id FROM records r
            LEFT JOIN raw_records rr ON rr.source_id = r.source_id AND rr.external_id = r.external_id
            WHERE r.source_id = @sourceId AND (rr.seen_pass IS NULL OR rr.seen_pass <> @pass)
            """,
            new { sourceId, pass },
            tx)).ToList();
        foreach (var chunk in unseen.Select(u => u.ExternalId).Chunk(5000))
        {
            await connection.ExecuteAsync(
                "UPDATE raw_records SET deleted = 1, payload = NULL, payload_hash = NULL WHERE source_id = @sourceId AND "
                + database.InList("external_id", "ids"),
                new { sourceId, ids = database.ListValue(chunk) },
                tx);
        }

        foreach (var (id, _, workId) in unseen)
        {
            works.Known(id, workId);
            works.DeleteKnown(id);
        }

        return unseen.Count;
    }
}

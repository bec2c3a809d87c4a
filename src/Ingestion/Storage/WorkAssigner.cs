using System.Data.Common;
using System.Text.Json;
using Dapper;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>
/// Puts records into works inside the transaction of a batch (or of a librarian's decision): keeps the
/// record's match keys, looks up candidates by key in SQL, compares them (<see cref="MatchRules"/>),
/// respects must-link and cannot-link decisions, and remembers which works changed so that the change
/// log gets one entry per work (a delete when a work has no holding left).
/// </summary>
internal sealed class WorkAssigner
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _tx;
    private readonly Database _database;
    private readonly MatchRules _rules;
    private readonly MergeOptions _options;

    // Any constant: the key of the PostgreSQL advisory lock that serializes merging across transactions.
    private const long MergeLockKey = 0x5EA2C4_0005;

    /// <summary>
    /// Starts assigning in <paramref name="tx"/>. On PostgreSQL it first takes a transaction-scoped advisory
    /// lock, so that two harvests committing at once cannot both miss the other's matching record; SQLite
    /// serializes writing transactions by itself.
    /// </summary>
    public static async Task<WorkAssigner> BeginAsync(DbConnection connection, DbTransaction tx, Database database, MatchRules rules, MergeOptions options)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@MergeLockKey)", new { MergeLockKey }, tx);
        }

        return new WorkAssigner(connection, tx, database, rules, options);
    }

    private WorkAssigner(DbConnection connection, DbTransaction tx, Database database, MatchRules rules, MergeOptions options)
    {
        _connection = connection;
        _tx = tx;
        _database = database;
        _rules = rules;
        _options = options;
    }

    /// <summary>Works whose holdings changed in this transaction.</summary>
    public HashSet<string> Affected { get; } = new(StringComparer.Ordinal);

    /// <summary>Stores the record's keys and moves it into the work it belongs to (new, kept or another).</summary>
    public async Task AssignAsync(string recordId, CatalogRecord record)
    {
        var keys = MatchKeys.For(record);
        await _connection.ExecuteAsync("DELETE FROM match_keys WHERE record_id = @recordId", new { recordId }, _tx);
        if (keys.Count > 0)
        {
            await _connection.ExecuteAsync(
                "INSERT INTO match_keys (match_key, record_id) VALUES (@Key, @RecordId)",
                keys.Select(k => new { Key = k, RecordId = recordId }),
                _tx);
        }

        var oldWork = await _connection.ExecuteScalarAsync<string?>(
            "SELECT work_id FROM records WHERE id = @recordId", new { recordId }, _tx);
        var decisions = await DecisionsAsync(recordId);
        var cannot = decisions.Where(d => d.Decision == MergeReason.CannotLink).Select(d => d.Other).ToList();
        var must = decisions.Where(d => d.Decision == MergeReason.MustLink).Select(d => d.Other).ToList();

        var target = await MustLinkTargetAsync(recordId, must, cannot)
            ?? await MatchTargetAsync(recordId, record, keys, oldWork, cannot);
        var work = target?.Work ?? await NewWorkIdAsync(recordId, oldWork);
        await _connection.ExecuteAsync(
            "UPDATE records SET work_id = @work, merge_reason = @reason WHERE id = @recordId",
            new { work, reason = target is null ? null : JsonSerializer.Serialize(target.Value.Reason, RecordJson.Options), recordId },
            _tx);
        Affected.Add(work);
        if (oldWork is not null)
        {
            Affected.Add(oldWork);
        }
    }

    /// <summary>After the record's row is deleted: drops its keys and marks its work changed.</summary>
    public async Task RemoveAsync(string recordId, string? oldWork)
    {
        await _connection.ExecuteAsync("DELETE FROM match_keys WHERE record_id = @recordId", new { recordId }, _tx);
        if (oldWork is not null)
        {
            Affected.Add(oldWork);
        }
    }

    /// <summary>Moves records into a work without matching (a librarian's split or join).</summary>
    public async Task MoveAsync(IReadOnlyCollection<string> recordIds, string work, MergeReason reason)
    {
        var olds = await _connection.QueryAsync<string?>(
            "SELECT DISTINCT work_id FROM records WHERE " + _database.AnyOf("id", "recordIds"), new { recordIds = recordIds.ToArray() }, _tx);
        foreach (var old in olds.OfType<string>())
        {
            Affected.Add(old);
        }

        await _connection.ExecuteAsync(
            "UPDATE records SET work_id = @work, merge_reason = @reason WHERE " + _database.AnyOf("id", "recordIds"),
            new { work, reason = JsonSerializer.Serialize(reason, RecordJson.Options), recordIds = recordIds.ToArray() },
            _tx);
        Affected.Add(work);
    }

    /// <summary>Records a decision between two records (replacing an earlier one about the same pair).</summary>
    public async Task DecideAsync(string recordA, string recordB, string decision, string? decidedBy, string now)
    {
        var (a, b) = string.CompareOrdinal(recordA, recordB) < 0 ? (recordA, recordB) : (recordB, recordA);
        await _connection.ExecuteAsync(
            """
            INSERT INTO merge_decisions (record_a, record_b, decision, decided_by, decided_at)
            VALUES (@a, @b, @decision, @decidedBy, @now)
            ON CONFLICT (record_a, record_b) DO UPDATE SET decision = excluded.decision,
                decided_by = excluded.decided_by, decided_at = excluded.decided_at
            """,
            new { a, b, decision, decidedBy, now },
            _tx);
    }

    /// <summary>Appends one change per affected work: an update, or a delete when it has no holding left.</summary>
    public async Task WriteChangesAsync(string now)
    {
        foreach (var work in Affected.Order(StringComparer.Ordinal))
        {
            var holdings = await _connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM records WHERE work_id = @work", new { work }, _tx);
            await _connection.ExecuteAsync(
                "INSERT INTO changes (record_id, deleted, created_at) VALUES (@work, @Deleted, @now)",
                new { work, Deleted = holdings == 0 ? 1 : 0, now },
                _tx);
        }

        Affected.Clear();
    }

    /// <summary>A work id for a record that matches nothing: its own id when free (stable links), else a fresh one.</summary>
    public async Task<string> NewWorkIdAsync(string recordId, string? oldWork)
    {
        if (oldWork is not null && await _connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM records WHERE work_id = @oldWork AND id <> @recordId", new { oldWork, recordId }, _tx) == 0)
        {
            return oldWork;
        }

        var taken = await _connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM records WHERE work_id = @recordId AND id <> @recordId", new { recordId }, _tx);
        return taken == 0 ? recordId : "w" + Guid.NewGuid().ToString("N")[..20];
    }

    private async Task<List<(string Other, string Decision)>> DecisionsAsync(string recordId)
    {
        var rows = await _connection.QueryAsync<(string A, string B, string Decision)>(
            "SELECT record_a, record_b, decision FROM merge_decisions WHERE record_a = @recordId OR record_b = @recordId",
            new { recordId },
            _tx);
        return rows.Select(r => (r.A == recordId ? r.B : r.A, r.Decision)).ToList();
    }

    private async Task<(string Work, MergeReason Reason)?> MustLinkTargetAsync(string recordId, List<string> must, List<string> cannot)
    {
        if (must.Count == 0)
        {
            return null;
        }

        var partners = await _connection.QueryAsync<(string Id, string? WorkId)>(
            "SELECT id, work_id FROM records WHERE " + _database.AnyOf("id", "must") + " ORDER BY id", new { must = must.ToArray() }, _tx);
        foreach (var partner in partners)
        {
            if (partner.WorkId is { } work && !await WorkHoldsAnyAsync(work, recordId, cannot))
            {
                return (work, new MergeReason(MergeReason.Decision, MergeReason.MustLink, null, partner.Id));
            }
        }

        return null;
    }

    private async Task<(string Work, MergeReason Reason)?> MatchTargetAsync(
        string recordId, CatalogRecord record, IReadOnlyList<string> keys, string? oldWork, List<string> cannot)
    {
        if (keys.Count == 0)
        {
            return null;
        }

        var candidates = await _connection.QueryAsync<(string Id, string? WorkId, string Json)>(
            """
            SELECT r.id, r.work_id, r.record_json FROM records r
            WHERE r.id <> @recordId AND r.id IN (SELECT k.record_id FROM match_keys k WHERE
            """ + " " + _database.AnyOf("k.match_key", "keys") + ") ORDER BY r.id LIMIT @max",
            new { recordId, keys = keys.ToArray(), max = _options.MaxCandidates },
            _tx);

        var options = new List<(string Work, MatchEvidence Evidence, string Matched)>();
        foreach (var candidate in candidates)
        {
            if (candidate.WorkId is null || cannot.Contains(candidate.Id, StringComparer.Ordinal))
            {
                continue;
            }

            if (_rules.Compare(record, RecordJson.Deserialize(candidate.Json)) is { } evidence)
            {
                options.Add((candidate.WorkId, evidence, candidate.Id));
            }
        }

        // Stay in the present work while the record still matches one of its holdings; else the strongest match.
        foreach (var option in options
                     .OrderBy(o => o.Work == oldWork ? 0 : 1)
                     .ThenByDescending(o => o.Evidence.Strength)
                     .ThenByDescending(o => o.Evidence.Similarity)
                     .ThenBy(o => o.Work, StringComparer.Ordinal))
        {
            if (!await WorkHoldsAnyAsync(option.Work, recordId, cannot) && !await ConflictsWithWorkAsync(option.Work, recordId, record))
            {
                var e = option.Evidence;
                return (option.Work, new MergeReason(e.Key, e.Value, e.Similarity, option.Matched));
            }
        }

        return null;
    }

    /// <summary>True when a holding of the work has an identifier that contradicts the record's (<see cref="MatchRules.Conflicts"/>).</summary>
    private async Task<bool> ConflictsWithWorkAsync(string work, string recordId, CatalogRecord record)
    {
        var members = await _connection.QueryAsync<string>(
            "SELECT record_json FROM records WHERE work_id = @work AND id <> @recordId", new { work, recordId }, _tx);
        return members.Any(json => MatchRules.Conflicts(record, RecordJson.Deserialize(json)));
    }

    /// <summary>True when the work holds one of <paramref name="recordIds"/> (other than the record itself).</summary>
    private async Task<bool> WorkHoldsAnyAsync(string work, string recordId, List<string> recordIds)
    {
        if (recordIds.Count == 0)
        {
            return false;
        }

        return await _connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM records WHERE work_id = @work AND id <> @recordId AND " + _database.AnyOf("id", "recordIds"),
            new { work, recordId, recordIds = recordIds.ToArray() },
            _tx) > 0;
    }
}

using System.Text.Json;
using Dapper;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>A work with each of its holdings and why that holding is in it.</summary>
public sealed record WorkView(CatalogRecord Work, DateTimeOffset UpdatedAt, IReadOnlyList<WorkMember> Members, IReadOnlyList<MergeDecision> Decisions);

/// <summary>One holding of a work: the partner's record and the reason it joined (null for the first).</summary>
public sealed record WorkMember(CatalogRecord Record, MergeReason? Reason, IReadOnlyList<string> MatchKeys, DateTimeOffset UpdatedAt);

/// <summary>A librarian's decision about two records: <see cref="MergeReason.MustLink"/> or <see cref="MergeReason.CannotLink"/>.</summary>
public sealed record MergeDecision(string RecordA, string RecordB, string Decision, string? DecidedBy, DateTimeOffset DecidedAt);

/// <summary>A split or join the store refuses (unknown ids, a split that would leave nothing).</summary>
public sealed class MergeRequestException : Exception
{
    public MergeRequestException()
    {
    }

    public MergeRequestException(string message)
        : base(message)
    {
    }

    public MergeRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Works: a librarian's look at one (holdings, reasons, decisions), splits and joins, and matching everything
/// again. Harvested records are put into works by the batches (<see cref="BatchWriter"/>, <see cref="WorkAssigner"/>).
/// </summary>
public sealed class WorkStore
{
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly MergeOptions _merge;
    private readonly MatchRules _rules;
    private readonly WorkComposer _composer;
    private readonly MatchProfileCache _profiles;

    internal WorkStore(Database database, TimeProvider time, MergeOptions merge, MatchProfileCache profiles)
    {
        _database = database;
        _time = time;
        _merge = merge;
        _rules = new MatchRules(merge);
        _composer = new WorkComposer(merge);
        _profiles = profiles;
    }

    /// <summary>The work with id <paramref name="id"/>, or the work that holds the record <paramref name="id"/>; null when neither exists.</summary>
    public async Task<WorkView?> GetWorkAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var workId = await connection.ExecuteScalarAsync<string?>(
            "SELECT work_id FROM records WHERE work_id = @id LIMIT 1", new { id })
            ?? await connection.ExecuteScalarAsync<string?>("SELECT work_id FROM records WHERE id = @id", new { id });
        if (workId is null)
        {
            return null;
        }

        var rows = (await connection.QueryAsync<(string Id, string Json, string? Reason, string UpdatedAt)>(
            "SELECT id, record_json, merge_reason, updated_at FROM records WHERE work_id = @workId ORDER BY id", new { workId })).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var recordIds = rows.Select(r => r.Id).ToArray();
        var keys = (await connection.QueryAsync<(string RecordId, string Key)>(
                "SELECT record_id, match_key FROM match_keys WHERE " + _database.AnyOf("record_id", "recordIds") + " ORDER BY match_key",
                new { recordIds }))
            .ToLookup(k => k.RecordId, k => k.Key, StringComparer.Ordinal);
        var decisions = await connection.QueryAsync<(string A, string B, string Decision, string? DecidedBy, string DecidedAt)>(
            "SELECT record_a, record_b, decision, decided_by, decided_at FROM merge_decisions WHERE "
            + _database.AnyOf("record_a", "recordIds") + " OR " + _database.AnyOf("record_b", "recordIds") + " ORDER BY record_a, record_b",
            new { recordIds });

        var members = rows.Select(r => new WorkMember(
                RecordJson.Deserialize(r.Json),
                r.Reason is null ? null : JsonSerializer.Deserialize<MergeReason>(r.Reason, RecordJson.Options),
                keys[r.Id].ToList(),
                Clock.Parse(r.UpdatedAt)))
            .ToList();
        var work = _composer.Compose(workId, members.Select(m => m.Record).ToList());
        return new WorkView(
            work,
            members.Max(m => m.UpdatedAt),
            members,
            decisions.Select(d => new MergeDecision(d.A, d.B, d.Decision, d.DecidedBy, Clock.Parse(d.DecidedAt))).ToList());
    }

    /// <summary>
    /// Moves <paramref name="recordIds"/> out of work <paramref name="workId"/> into a new work of their own,
    /// and records that they cannot be linked with the holdings left behind (and must stay with each other),
    /// so that the next harvest does not merge them back. Returns the new work's id.
    /// </summary>
    /// <exception cref="MergeRequestException">A record is not in the work, or none would be left.</exception>
    public async Task<string> SplitWorkAsync(string workId, IReadOnlyCollection<string> recordIds, string? decidedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var moving = recordIds.Distinct(StringComparer.Ordinal).ToList();
        if (moving.Count == 0)
        {
            throw new MergeRequestException("Name at least one record to move out of the work.");
        }

        var now = Clock.Format(_time.GetUtcNow());
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var members = (await connection.QueryAsync<string>(
            "SELECT id FROM records WHERE work_id = @workId ORDER BY id", new { workId }, tx)).ToList();
        var strangers = moving.Where(id => !members.Contains(id, StringComparer.Ordinal)).ToList();
        if (members.Count == 0)
        {
            throw new MergeRequestException($"No work '{workId}'.");
        }

        if (strangers.Count > 0)
        {
            throw new MergeRequestException($"Not holdings of work '{workId}': {string.Join(", ", strangers)}.");
        }

        var staying = members.Except(moving, StringComparer.Ordinal).ToList();
        if (staying.Count == 0)
        {
            throw new MergeRequestException("A split must leave at least one holding in the work.");
        }

        var works = await WorkAssigner.BeginAsync(connection, tx, _database, _rules, _merge, _profiles);
        foreach (var a in moving)
        {
            foreach (var b in staying)
            {
                await works.DecideAsync(a, b, MergeReason.CannotLink, decidedBy, now);
            }

            foreach (var b in moving.Where(m => string.CompareOrdinal(m, a) > 0))
            {
                await works.DecideAsync(a, b, MergeReason.MustLink, decidedBy, now);
            }
        }

        // The work id stays with the holdings left; the moved ones take the first's id when it is free.
        var newWork = moving.Contains(workId, StringComparer.Ordinal) ? "w" + Guid.NewGuid().ToString("N")[..20] : await works.NewWorkIdAsync(moving[0], null);
        await works.MoveAsync(moving, newWork, new MergeReason(MergeReason.Decision, "split", null, null, decidedBy));
        await works.WriteChangesAsync(now);
        await tx.CommitAsync(cancellationToken);
        return newWork;
    }

    /// <summary>
    /// Joins works and records into one work (the first id's), records that they must stay together and
    /// removes earlier cannot-link decisions between them. Ids may name works or records. Returns the work id.
    /// </summary>
    /// <exception cref="MergeRequestException">Fewer than two distinct works, or an unknown id.</exception>
    public async Task<string> JoinWorksAsync(IReadOnlyCollection<string> ids, string? decidedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var now = Clock.Format(_time.GetUtcNow());
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var records = new List<string>();
        string? target = null;
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var members = (await connection.QueryAsync<(string Id, string WorkId)>(
                "SELECT id, work_id FROM records WHERE work_id = @id ORDER BY id", new { id }, tx)).ToList();
            if (members.Count == 0)
            {
                members = (await connection.QueryAsync<(string Id, string WorkId)>(
                    "SELECT id, work_id FROM records WHERE id = @id", new { id }, tx)).ToList();
            }

            if (members.Count == 0)
            {
                throw new MergeRequestException($"No work or record '{id}'.");
            }

            target ??= members[0].WorkId;
            records.AddRange(members.Select(m => m.Id).Where(m => !records.Contains(m, StringComparer.Ordinal)));
        }

        if (target is null || records.Count < 2)
        {
            throw new MergeRequestException("Name at least two records or works to join.");
        }

        var works = await WorkAssigner.BeginAsync(connection, tx, _database, _rules, _merge, _profiles);
        for (var i = 0; i < records.Count; i++)
        {
            for (var j = i + 1; j < records.Count; j++)
            {
                await works.DecideAsync(records[i], records[j], MergeReason.MustLink, decidedBy, now);
            }
        }

        await works.MoveAsync(records, target, new MergeReason(MergeReason.Decision, "join", null, null, decidedBy));
        await works.WriteChangesAsync(now);
        await tx.CommitAsync(cancellationToken);
        return target;
    }

    /// <summary>
    /// Matches every record again (after a change of the rules, or records stored before works existed),
    /// in transactions of <paramref name="chunkSize"/> records, respecting librarians' decisions. Returns
    /// how many records were matched.
    /// </summary>
    public async Task<int> RematchAllAsync(int chunkSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        List<string> ids;
        await using (var connection = await _database.OpenAsync(cancellationToken))
        {
            ids = (await connection.QueryAsync<string>("SELECT id FROM records ORDER BY id")).ToList();
        }

        foreach (var chunk in ids.Chunk(chunkSize))
        {
            var now = Clock.Format(_time.GetUtcNow());
            await using var connection = await _database.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var works = await WorkAssigner.BeginAsync(connection, tx, _database, _rules, _merge, _profiles);
            await works.LoadRowsAsync(chunk);
            var records = chunk.Select(id => (Id: id, Row: works.Find(id)))
                .Where(r => r.Row is not null)
                .Select(r => (r.Id, Record: RecordJson.Deserialize(r.Row!.Value.Json)))
                .ToList();
            await works.PrepareAsync(records, []);
            foreach (var (id, record) in records)
            {
                await works.AssignAsync(id, record);
            }

            await works.WriteChangesAsync(now);
            await tx.CommitAsync(cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>Record id -> work id of every record of a source (or of all), for reports and the dedup bench.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetWorkAssignmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string WorkId)>("SELECT id, work_id FROM records");
        return rows.ToDictionary(r => r.Id, r => r.WorkId, StringComparer.Ordinal);
    }
}

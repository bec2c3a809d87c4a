using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>
/// Puts records into works inside the transaction of a batch (or of a librarian's decision, or of a
/// rematch): keeps each record's match keys, finds candidates by key, compares them (<see cref="MatchRules"/>),
/// respects must-link and cannot-link decisions, and remembers which works changed so that the change log
/// gets one entry per work (a delete when a work has no holding left).
/// <para>
/// It holds the transaction's view of the rows it needs (records, their keys and works, decisions): what a
/// batch needs is read with a few set-based queries up front (<see cref="PrepareAsync"/>), records are then
/// inserted, changed, deleted and assigned one after the other in memory, exactly as if each statement had
/// been run at its turn, and <see cref="FlushAsync"/> writes the result with multi-row statements. Anything
/// a step needs that was not read up front is read when it is needed, with the writes not yet flushed laid
/// over it, so the outcome never depends on what was read ahead.
/// </para>
/// </summary>
internal sealed class WorkAssigner
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _tx;
    private readonly Database _database;
    private readonly MatchRules _rules;
    private readonly MergeOptions _options;
    private readonly CandidateCache? _cache;

    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);

    /// <summary>Existing rows of the view by their present work; complete for the works in <see cref="_loadedWorks"/>.</summary>
    private readonly Dictionary<string, HashSet<string>> _byWork = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loadedWorks = new(StringComparer.Ordinal);

    /// <summary>Match keys as the database held them when read (the smallest record ids first, maybe cut).</summary>
    private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);

    /// <summary>Records whose keys were replaced in this transaction, with their keys now (none once removed).</summary>
    private readonly Dictionary<string, IReadOnlyList<string>> _keysNow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _addedByKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keysToWrite = new(StringComparer.Ordinal);

    private readonly Dictionary<string, List<(string Other, string Decision)>> _decisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (CatalogRecord Record, IReadOnlyList<string> Keys, MatchProfile Profile)> _computedKeys = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Record, string Candidate), (MatchProfile A, MatchProfile B, MatchEvidence? Evidence)> _compared = new();

    /// <summary>How many records may lose keys in this transaction: posting lists are read this much longer than needed.</summary>
    private int _slack;

    // Any constant: the key of the PostgreSQL advisory lock that serializes merging across transactions.
    private const long MergeLockKey = 0x5EA2C4_0005;

    /// <summary>
    /// Starts assigning in <paramref name="tx"/>. On PostgreSQL it first takes a transaction-scoped advisory
    /// lock, so that two harvests committing at once cannot both miss the other's matching record; SQLite
    /// serializes writing transactions by itself (they begin IMMEDIATE).
    /// </summary>
    public static async Task<WorkAssigner> BeginAsync(
        DbConnection connection, DbTransaction tx, Database database, MatchRules rules, MergeOptions options, CandidateCache? cache = null)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@MergeLockKey)", new { MergeLockKey }, tx);
        }

        if (cache is not null)
        {
            await cache.SynchronizeAsync(connection, tx);
        }

        return new WorkAssigner(connection, tx, database, rules, options, cache);
    }

    private WorkAssigner(DbConnection connection, DbTransaction tx, Database database, MatchRules rules, MergeOptions options, CandidateCache? cache)
    {
        _connection = connection;
        _tx = tx;
        _database = database;
        _rules = rules;
        _options = options;
        _cache = cache;
    }

    /// <summary>Works whose holdings changed in this transaction.</summary>
    public HashSet<string> Affected { get; } = new(StringComparer.Ordinal);

    /// <summary>A record as this transaction sees it: null when it does not exist.</summary>
    public (string Json, string? WorkId)? Find(string recordId) =>
        _rows.TryGetValue(recordId, out var row) && row.Exists ? (row.Json ?? throw Unread(recordId), row.WorkId) : null;

    /// <summary>Reads the given records (those not read yet) with one query per few thousand ids.</summary>
    public async Task LoadRowsAsync(IEnumerable<string> recordIds)
    {
        var missing = recordIds.Where(id => !_rows.TryGetValue(id, out var row) || (row.Exists && row.Json is null))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in missing.Chunk(5000))
        {
            var found = await _connection.QueryAsync<(string Id, string? WorkId, string Json)>(
                "SELECT id, work_id, record_json FROM records WHERE " + _database.InList("id", "ids"),
                new { ids = _database.ListValue(chunk) },
                _tx);
            foreach (var (id, workId, json) in found)
            {
                Merge(id, workId, json);
            }

            foreach (var id in chunk.Where(id => !_rows.ContainsKey(id)))
            {
                _rows[id] = new Row(id);
            }
        }
    }

    /// <summary>
    /// Reads what assigning <paramref name="assigning"/> (in this order) and removing <paramref name="removing"/>
    /// will need: the records themselves, their decisions, the posting lists of their keys, the likely candidates
    /// and must-link partners, and every holding of the works involved.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<(string Id, CatalogRecord Record)> assigning, IReadOnlyCollection<string> removing)
    {
        ArgumentNullException.ThrowIfNull(assigning);
        ArgumentNullException.ThrowIfNull(removing);
        _slack = assigning.Count + removing.Count;
        var ids = assigning.Select(a => a.Id).Concat(removing).Distinct(StringComparer.Ordinal).ToList();
        var phase = Stopwatch.GetTimestamp();
        await LoadRowsAsync(ids);
        await LoadDecisionsAsync(ids);
        foreach (var (id, record) in assigning)
        {
            _computedKeys[id] = (record, MatchKeys.For(record), new MatchProfile(record));
        }

        IngestionMetrics.Record("store.prepare.rows", phase);
        phase = Stopwatch.GetTimestamp();
        await LoadPostingsAsync(_computedKeys.Values.SelectMany(k => k.Keys));
        IngestionMetrics.Record("store.prepare.postings", phase);
        phase = Stopwatch.GetTimestamp();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _) in assigning)
        {
            wanted.UnionWith(OrderedCandidates(id, _computedKeys[id].Keys).Take(_options.MaxCandidates));
            wanted.UnionWith(DecisionsOf(id).Where(d => d.Decision == MergeReason.MustLink).Select(d => d.Other));
        }

        await LoadCandidatesAsync(wanted, profiles: true);
        IngestionMetrics.Record("store.prepare.candidates", phase);
        phase = Stopwatch.GetTimestamp();

        // The works a record may join: those of the candidates it matches now (what the batch changes before its
        // turn may change that; a work not read here is read when it is needed), of its must-link partners, its own.
        var works = new HashSet<string>(ids, StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _) in assigning)
        {
            var profile = _computedKeys[id].Profile;
            foreach (var candidate in OrderedCandidates(id, _computedKeys[id].Keys).Take(_options.MaxCandidates))
            {
                if (_rows[candidate] is { Exists: true, WorkId: { } work } row && Compare(id, profile, row) is not null)
                {
                    matched.Add(work);
                }
            }

            foreach (var (partner, decision) in DecisionsOf(id))
            {
                if (decision == MergeReason.MustLink && _rows.TryGetValue(partner, out var row) && row is { Exists: true, WorkId: { } work })
                {
                    works.Add(work);
                }
            }
        }

        foreach (var id in ids)
        {
            if (_rows.TryGetValue(id, out var row) && row is { Exists: true, WorkId: { } work })
            {
                works.Add(work);
            }
        }

        works.UnionWith(matched);
        await LoadWorksAsync(works);

        // The holdings a match is checked against for conflicting identifiers.
        await EnsureProfilesAsync(matched.SelectMany(work => _byWork.TryGetValue(work, out var members) ? members : []));
        IngestionMetrics.Record("store.prepare.works", phase);
    }

    /// <summary>Adds a record to the view (as an INSERT with no work yet); assign it next.</summary>
    public void Insert(string recordId, string sourceId, string externalId, string json, CatalogRecord record, string now)
    {
        var row = GetOrAdd(recordId);
        if (row.Exists)
        {
            throw new InvalidOperationException($"Record {recordId} exists already.");
        }

        row.Exists = true;
        row.SourceId = sourceId;
        row.ExternalId = externalId;
        SetJson(row, json, record, now);
        Index(row, null);
        row.Reason = null;
        row.WorkDirty = true;
    }

    /// <summary>Changes a record's JSON (as an UPDATE); assign it next.</summary>
    public void Update(string recordId, string json, CatalogRecord record, string now)
    {
        var row = ExistingRow(recordId);
        SetJson(row, json, record, now);
    }

    /// <summary>Deletes a record with its keys and marks its work changed.</summary>
    public void Delete(string recordId)
    {
        var row = ExistingRow(recordId);
        if (row.WorkId is { } work)
        {
            Index(row, null);
            Affected.Add(work);
        }

        row.Exists = false;
        row.Record = null;
        row.Profile = null;
        row.Json = null;
        ReplaceKeys(recordId, []);
    }

    /// <summary>Stores the record's keys and moves it into the work it belongs to (new, kept or another).</summary>
    public async Task AssignAsync(string recordId, CatalogRecord record)
    {
        var (keys, profile) = _computedKeys.TryGetValue(recordId, out var computed) && ReferenceEquals(computed.Record, record)
            ? (computed.Keys, computed.Profile)
            : (MatchKeys.For(record), new MatchProfile(record));
        await LoadRowsAsync([recordId]);
        var row = ExistingRow(recordId);
        ReplaceKeys(recordId, keys);

        var oldWork = row.WorkId;
        await LoadDecisionsAsync([recordId]);
        var decisions = DecisionsOf(recordId);
        var cannot = decisions.Where(d => d.Decision == MergeReason.CannotLink).Select(d => d.Other).ToList();
        var must = decisions.Where(d => d.Decision == MergeReason.MustLink).Select(d => d.Other).ToList();

        var target = await MustLinkTargetAsync(recordId, must, cannot)
            ?? await MatchTargetAsync(recordId, profile, keys, oldWork, cannot);
        var work = target?.Work ?? await NewWorkIdAsync(recordId, oldWork);
        SetWork(row, work, target is null ? null : JsonSerializer.Serialize(target.Value.Reason, RecordJson.Options));
        Affected.Add(work);
        if (oldWork is not null)
        {
            Affected.Add(oldWork);
        }
    }

    /// <summary>Moves records into a work without matching (a librarian's split or join).</summary>
    public async Task MoveAsync(IReadOnlyCollection<string> recordIds, string work, MergeReason reason)
    {
        await LoadRowsAsync(recordIds);
        var reasonJson = JsonSerializer.Serialize(reason, RecordJson.Options);
        foreach (var id in recordIds)
        {
            if (_rows.TryGetValue(id, out var row) && row.Exists)
            {
                if (row.WorkId is { } old)
                {
                    Affected.Add(old);
                }

                SetWork(row, work, reasonJson);
            }
        }

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
        _decisions.Remove(a);
        _decisions.Remove(b);
    }

    /// <summary>A work id for a record that matches nothing: its own id when free (stable links), else a fresh one.</summary>
    public async Task<string> NewWorkIdAsync(string recordId, string? oldWork)
    {
        if (oldWork is not null && (await MembersAsync(oldWork)).All(id => id == recordId))
        {
            return oldWork;
        }

        return (await MembersAsync(recordId)).All(id => id == recordId) ? recordId : "w" + Guid.NewGuid().ToString("N")[..20];
    }

    /// <summary>Writes the records, keys and works changed so far with multi-row statements.</summary>
    public async Task FlushAsync()
    {
        var dirty = _rows.Values.Where(r => r.JsonDirty || r.WorkDirty || r.InDatabase != r.Exists).ToList();
        var deleted = dirty.Where(r => r.InDatabase && !r.Exists).Select(r => r.Id).ToList();
        foreach (var chunk in deleted.Chunk(5000))
        {
            await _connection.ExecuteAsync(
                "DELETE FROM records WHERE " + _database.InList("id", "ids"), new { ids = _database.ListValue(chunk) }, _tx);
        }

        await SqlRows.ExecuteAsync(
            _connection,
            _tx,
            "INSERT INTO records (id, source_id, external_id, record_json, updated_at, work_id, merge_reason)",
            "",
            dirty.Where(r => !r.InDatabase && r.Exists)
                .Select(r => new object?[] { r.Id, r.SourceId, r.ExternalId, r.Json, r.UpdatedAt, r.WorkId, r.Reason })
                .ToList());
        await SqlRows.ExecuteAsync(
            _connection,
            _tx,
            "UPDATE records SET record_json = v.column2, updated_at = v.column3, work_id = v.column4, merge_reason = v.column5 FROM (",
            ") AS v WHERE records.id = v.column1",
            dirty.Where(r => r.InDatabase && r.Exists && r.JsonDirty)
                .Select(r => new object?[] { r.Id, r.Json, r.UpdatedAt, r.WorkId, r.Reason })
                .ToList());
        await SqlRows.ExecuteAsync(
            _connection,
            _tx,
            "UPDATE records SET work_id = v.column2, merge_reason = v.column3 FROM (",
            ") AS v WHERE records.id = v.column1",
            dirty.Where(r => r.InDatabase && r.Exists && !r.JsonDirty && r.WorkDirty)
                .Select(r => new object?[] { r.Id, r.WorkId, r.Reason })
                .ToList());

        var rekeyed = _keysToWrite.ToList();
        foreach (var chunk in rekeyed.Where(id => _rows.TryGetValue(id, out var row) && row.InDatabase).Chunk(5000))
        {
            await _connection.ExecuteAsync(
                "DELETE FROM match_keys WHERE " + _database.InList("record_id", "ids"), new { ids = _database.ListValue(chunk) }, _tx);
        }

        await SqlRows.ExecuteAsync(
            _connection,
            _tx,
            "INSERT INTO match_keys (match_key, record_id)",
            "",
            rekeyed.Where(id => _rows.TryGetValue(id, out var row) && row.Exists)
                .SelectMany(id => _keysNow[id].Select(key => new object?[] { key, id }))
                .ToList());

        foreach (var row in dirty)
        {
            row.InDatabase = row.Exists;
            row.JsonDirty = false;
            row.WorkDirty = false;
        }

        _keysToWrite.Clear();
    }

    /// <summary>
    /// Flushes, then appends one change per affected work (an update, or a delete when it has no holding left) and
    /// stamps each for the OAI-PMH provider, a work without holdings as a tombstone (<see cref="WorkStampWriter"/>).
    /// </summary>
    public async Task WriteChangesAsync(string now)
    {
        await LoadWorksAsync(Affected);
        await FlushAsync();
        var changes = Affected.Order(StringComparer.Ordinal)
            .Select(work => new object?[] { work, _byWork.TryGetValue(work, out var members) && members.Count > 0 ? 0 : 1, now })
            .ToList();
        await SqlRows.ExecuteAsync(_connection, _tx, "INSERT INTO changes (record_id, deleted, created_at)", "", changes);
        await WorkStampWriter.WriteAsync(_connection, _tx, _database, Affected, Clock.Parse(now));
        Affected.Clear();
    }

    /// <summary>
    /// Records read outside the view (by the caller's own query) and about to be deleted: adds them to the view
    /// with the work the caller read, without their JSON.
    /// </summary>
    public void Known(string recordId, string? workId)
    {
        if (!_rows.ContainsKey(recordId))
        {
            var row = new Row(recordId) { InDatabase = true, Exists = true, WorkId = workId };
            _rows[recordId] = row;
            if (workId is not null)
            {
                AddToWork(workId, recordId);
            }
        }
    }

    /// <summary>Deletes a record the view may hold without its JSON (see <see cref="Known"/>).</summary>
    public void DeleteKnown(string recordId)
    {
        var row = ExistingRow(recordId, needJson: false);
        if (row.WorkId is { } work)
        {
            Index(row, null);
            Affected.Add(work);
        }

        row.Exists = false;
        row.Record = null;
        row.Profile = null;
        row.Json = null;
        ReplaceKeys(recordId, []);
    }

    private async Task<(string Work, MergeReason Reason)?> MustLinkTargetAsync(string recordId, List<string> must, List<string> cannot)
    {
        if (must.Count == 0)
        {
            return null;
        }

        await LoadCandidatesAsync(must, profiles: false);
        foreach (var partner in must.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (_rows.TryGetValue(partner, out var row) && row.Exists && row.WorkId is { } work && !await WorkHoldsAnyAsync(work, recordId, cannot))
            {
                return (work, new MergeReason(MergeReason.Decision, MergeReason.MustLink, null, partner));
            }
        }

        return null;
    }

    private async Task<(string Work, MergeReason Reason)?> MatchTargetAsync(
        string recordId, MatchProfile profile, IReadOnlyList<string> keys, string? oldWork, List<string> cannot)
    {
        if (keys.Count == 0)
        {
            return null;
        }

        var candidates = await CandidatesAsync(recordId, keys);
        var options = new List<(string Work, MatchEvidence Evidence, string Matched)>();
        foreach (var candidate in candidates)
        {
            if (candidate.WorkId is null || cannot.Contains(candidate.Id, StringComparer.Ordinal))
            {
                continue;
            }

            if (Compare(recordId, profile, candidate) is { } evidence)
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
            if (!await WorkHoldsAnyAsync(option.Work, recordId, cannot) && !await ConflictsWithWorkAsync(option.Work, recordId, profile))
            {
                var e = option.Evidence;
                return (option.Work, new MergeReason(e.Key, e.Value, e.Similarity, option.Matched));
            }
        }

        return null;
    }

    /// <summary>Compares a record with a candidate, once for the same two profiles (read ahead, then at the record's turn).</summary>
    private MatchEvidence? Compare(string recordId, MatchProfile profile, Row candidate)
    {
        var other = ProfileOf(candidate);
        if (_compared.TryGetValue((recordId, candidate.Id), out var known) && ReferenceEquals(known.A, profile) && ReferenceEquals(known.B, other))
        {
            return known.Evidence;
        }

        var evidence = _rules.Compare(profile, other);
        _compared[(recordId, candidate.Id)] = (profile, other, evidence);
        return evidence;
    }

    /// <summary>
    /// The existing records other than <paramref name="recordId"/> that have one of <paramref name="keys"/>, in
    /// ordinal order of id, at most <see cref="MergeOptions.MaxCandidates"/>.
    /// </summary>
    private async Task<List<Row>> CandidatesAsync(string recordId, IReadOnlyList<string> keys)
    {
        await LoadPostingsAsync(keys);
        var result = new List<Row>(Math.Min(_options.MaxCandidates, 64));
        var ordered = OrderedCandidates(recordId, keys).ToList();
        var next = 0;
        while (result.Count < _options.MaxCandidates && next < ordered.Count)
        {
            var take = ordered.Skip(next).Take(_options.MaxCandidates - result.Count).ToList();
            next += take.Count;
            await LoadCandidatesAsync(take, profiles: true);
            result.AddRange(take.Select(id => _rows[id]).Where(r => r.Exists));
        }

        return result;
    }

    /// <summary>The ids under the keys now (the database's lists with this transaction's changes laid over), ordinal order.</summary>
    private IEnumerable<string> OrderedCandidates(string recordId, IReadOnlyList<string> keys)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            foreach (var id in _postings[key].Ids)
            {
                if (!_keysNow.ContainsKey(id))
                {
                    ids.Add(id);
                }
            }

            if (_addedByKey.TryGetValue(key, out var added))
            {
                ids.UnionWith(added);
            }
        }

        ids.Remove(recordId);
        return ids.Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads the posting lists of <paramref name="keys"/>: for each key the smallest record ids, enough of them
    /// that the first <see cref="MergeOptions.MaxCandidates"/> stay right whatever this transaction removes; a
    /// list cut short that has lost too many is read again, longer.
    /// </summary>
    private async Task LoadPostingsAsync(IEnumerable<string> keys)
    {
        var needed = _options.MaxCandidates + 1;
        var limit = needed + _slack;
        var wanted = new List<string>();
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(key, out var postings))
            {
                wanted.Add(key);
            }
            else if (!postings.Complete && postings.Ids.Count(id => !_keysNow.ContainsKey(id)) < needed)
            {
                wanted.Add(key);
                limit = Math.Max(limit, postings.Ids.Count * 2);
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        var byKey = (await ReadPostingsAsync(wanted, limit)).ToLookup(r => r.Key, r => r.RecordId, StringComparer.Ordinal);
        foreach (var key in wanted)
        {
            var ids = byKey[key].Order(StringComparer.Ordinal).ToList();
            _postings[key] = new Postings(ids, ids.Count < limit);
        }
    }

    /// <summary>
    /// The first <paramref name="limit"/> record ids under each key, reading only those from the key's index range:
    /// on PostgreSQL one statement (a LATERAL join over the keys); on SQLite, which has no LATERAL and no round
    /// trips, one prepared statement run per key (a window function over all the keys' rows costs three times more).
    /// </summary>
    private async Task<List<(string Key, string RecordId)>> ReadPostingsAsync(List<string> keys, int limit)
    {
        if (_database.Provider == DatabaseProvider.Postgres)
        {
            var rows = new List<(string Key, string RecordId)>();
            foreach (var chunk in keys.Chunk(5000))
            {
                rows.AddRange(await _connection.QueryAsync<(string Key, string RecordId)>(
                    """
                    SELECT k.wanted, m.record_id FROM unnest(@keys) AS k(wanted)
                    CROSS JOIN LATERAL (SELECT record_id FROM match_keys WHERE match_key = k.wanted ORDER BY record_id LIMIT @limit) m
                    """,
                    new { keys = chunk, limit },
                    _tx));
            }

            return rows;
        }

        var result = new List<(string Key, string RecordId)>();
        await using var command = _connection.CreateCommand();
        command.Transaction = _tx;
        command.CommandText = "SELECT record_id FROM match_keys WHERE match_key = @key ORDER BY record_id LIMIT @limit";
        var keyParameter = command.CreateParameter();
        keyParameter.ParameterName = "@key";
        command.Parameters.Add(keyParameter);
        var limitParameter = command.CreateParameter();
        limitParameter.ParameterName = "@limit";
        limitParameter.Value = limit;
        command.Parameters.Add(limitParameter);
        foreach (var key in keys)
        {
            keyParameter.Value = key;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result.Add((key, reader.GetString(0)));
            }
        }

        return result;
    }

    private async Task LoadDecisionsAsync(IEnumerable<string> recordIds)
    {
        var missing = recordIds.Where(id => !_decisions.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in missing.Chunk(5000))
        {
            foreach (var id in chunk)
            {
                _decisions[id] = [];
            }

            var rows = await _connection.QueryAsync<(string A, string B, string Decision)>(
                "SELECT record_a, record_b, decision FROM merge_decisions WHERE "
                + _database.InList("record_a", "ids") + " OR " + _database.InList("record_b", "ids"),
                new { ids = _database.ListValue(chunk) },
                _tx);
            var asked = chunk.ToHashSet(StringComparer.Ordinal);
            foreach (var (a, b, decision) in rows)
            {
                if (asked.Contains(a))
                {
                    _decisions[a].Add((b, decision));
                }

                if (a != b && asked.Contains(b))
                {
                    _decisions[b].Add((a, decision));
                }
            }
        }
    }

    private List<(string Other, string Decision)> DecisionsOf(string recordId) =>
        _decisions.TryGetValue(recordId, out var decisions) ? decisions : [];

    /// <summary>Reads every holding of the works not read completely yet.</summary>
    private async Task LoadWorksAsync(IEnumerable<string> works)
    {
        var missing = works.Where(w => !_loadedWorks.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in missing.Chunk(5000))
        {
            // Without the JSON: most holdings of these works are read already, or never compared.
            var rows = await _connection.QueryAsync<(string Id, string? WorkId)>(
                "SELECT id, work_id FROM records WHERE " + _database.InList("work_id", "works"),
                new { works = _database.ListValue(chunk) },
                _tx);
            foreach (var (id, workId) in rows)
            {
                Merge(id, workId, null);
            }

            _loadedWorks.UnionWith(chunk);
        }
    }

    private async Task<IReadOnlyCollection<string>> MembersAsync(string work)
    {
        await LoadWorksAsync([work]);
        return _byWork.TryGetValue(work, out var members) ? members : [];
    }

    /// <summary>True when a holding of the work has an identifier that contradicts the record's (<see cref="MatchRules.Conflicts"/>).</summary>
    private async Task<bool> ConflictsWithWorkAsync(string work, string recordId, MatchProfile profile)
    {
        var members = (await MembersAsync(work)).Where(id => id != recordId).ToList();
        await EnsureProfilesAsync(members);
        return members.Any(id => MatchRules.Conflicts(profile, ProfileOf(_rows[id])));
    }

    /// <summary>True when the work holds one of <paramref name="recordIds"/> (other than the record itself).</summary>
    private async Task<bool> WorkHoldsAnyAsync(string work, string recordId, List<string> recordIds)
    {
        if (recordIds.Count == 0)
        {
            return false;
        }

        var members = await MembersAsync(work);
        return recordIds.Any(id => id != recordId && members.Contains(id));
    }

    private void ReplaceKeys(string recordId, IReadOnlyList<string> keys)
    {
        if (_keysNow.TryGetValue(recordId, out var previous))
        {
            foreach (var key in previous)
            {
                _addedByKey[key].Remove(recordId);
            }
        }

        _keysNow[recordId] = keys;
        foreach (var key in keys)
        {
            if (!_addedByKey.TryGetValue(key, out var added))
            {
                _addedByKey[key] = added = new HashSet<string>(StringComparer.Ordinal);
            }

            added.Add(recordId);
        }

        _keysToWrite.Add(recordId);
    }

    private static void SetJson(Row row, string json, CatalogRecord record, string now)
    {
        row.Json = json;
        row.Record = record;
        row.Profile = null;
        row.UpdatedAt = now;
        row.JsonDirty = true;
    }

    private void SetWork(Row row, string work, string? reason)
    {
        Index(row, work);
        row.Reason = reason;
        row.WorkDirty = true;
    }

    /// <summary>Moves an existing row to another work (or none) in <see cref="_byWork"/>.</summary>
    private void Index(Row row, string? work)
    {
        if (row.WorkId is { } old && _byWork.TryGetValue(old, out var members))
        {
            members.Remove(row.Id);
        }

        row.WorkId = work;
        if (work is not null)
        {
            AddToWork(work, row.Id);
        }
    }

    private void AddToWork(string work, string recordId)
    {
        if (!_byWork.TryGetValue(work, out var members))
        {
            _byWork[work] = members = new HashSet<string>(StringComparer.Ordinal);
        }

        members.Add(recordId);
    }

    /// <summary>A row read from the database; the view's own state wins for rows it holds already.</summary>
    private void Merge(string id, string? workId, string? json)
    {
        if (_rows.TryGetValue(id, out var row))
        {
            if (row.Exists && row.Json is null && !row.JsonDirty)
            {
                row.Json = json;
            }

            return;
        }

        _rows[id] = new Row(id) { InDatabase = true, Exists = true, WorkId = workId, Json = json };
        if (workId is not null)
        {
            AddToWork(workId, id);
        }
    }

    private Row GetOrAdd(string recordId)
    {
        if (!_rows.TryGetValue(recordId, out var row))
        {
            _rows[recordId] = row = new Row(recordId);
        }

        return row;
    }

    private Row ExistingRow(string recordId, bool needJson = true)
    {
        if (!_rows.TryGetValue(recordId, out var row) || !row.Exists)
        {
            throw new InvalidOperationException($"Record {recordId} is not in this transaction's view.");
        }

        if (needJson && row.Json is null)
        {
            throw Unread(recordId);
        }

        return row;
    }

    private static InvalidOperationException Unread(string recordId) => new($"Record {recordId} was not read with its JSON.");

    /// <summary>The record to compare with: what this transaction stored, or what matching reads of the stored JSON.</summary>
    private static MatchProfile ProfileOf(Row row) =>
        row.Profile ??= new MatchProfile(row.Record ??= RecordJson.DeserializeForMatching(row.Json ?? throw Unread(row.Id)));

    /// <summary>
    /// Adds the given records (those not in the view yet) to the view, with their match profiles when
    /// <paramref name="profiles"/>: from the candidate cache when it holds them, else read with their JSON in
    /// one query (and then cached).
    /// </summary>
    private async Task LoadCandidatesAsync(IEnumerable<string> recordIds, bool profiles)
    {
        var unread = new List<string>();
        foreach (var id in recordIds.Distinct(StringComparer.Ordinal))
        {
            if (_rows.ContainsKey(id))
            {
                continue;
            }

            if (_cache is not null && _cache.TryGet(id, out var work, out var profile))
            {
                _rows[id] = new Row(id) { InDatabase = true, Exists = true, WorkId = work, Profile = profile, Record = profile.Record };
                AddToWork(work, id);
            }
            else
            {
                unread.Add(id);
            }
        }

        foreach (var chunk in unread.Chunk(5000))
        {
            var found = await _connection.QueryAsync<(string Id, string? WorkId, string? Json)>(
                "SELECT id, work_id, " + (profiles ? "record_json" : "NULL") + " FROM records WHERE " + _database.InList("id", "ids"),
                new { ids = _database.ListValue(chunk) },
                _tx);
            foreach (var (id, workId, json) in found)
            {
                Merge(id, workId, json);
                if (json is not null)
                {
                    Remember(_rows[id]);
                }
            }

            foreach (var id in chunk.Where(id => !_rows.ContainsKey(id)))
            {
                _rows[id] = new Row(id);
            }
        }
    }

    /// <summary>Works out the match profiles of the given records in the view that have none yet.</summary>
    private async Task EnsureProfilesAsync(IEnumerable<string> recordIds)
    {
        var unread = new List<Row>();
        foreach (var id in recordIds)
        {
            if (!_rows.TryGetValue(id, out var row) || !row.Exists || row.Profile is not null || row.Record is not null || row.Json is not null)
            {
                continue;
            }

            if (_cache is not null && _cache.TryGet(id, out var work, out var cached) && work == row.WorkId && !row.WorkDirty)
            {
                row.Profile = cached;
                row.Record = cached.Record;
            }
            else
            {
                unread.Add(row);
            }
        }

        foreach (var chunk in unread.DistinctBy(r => r.Id).Chunk(5000))
        {
            var found = await _connection.QueryAsync<(string Id, string Json)>(
                "SELECT id, record_json FROM records WHERE " + _database.InList("id", "ids"),
                new { ids = _database.ListValue(chunk.Select(r => r.Id)) },
                _tx);
            foreach (var (id, json) in found)
            {
                var row = _rows[id];
                row.Json = json;
                Remember(row);
            }
        }
    }

    /// <summary>Caches a row read from the database that this transaction has not changed.</summary>
    private void Remember(Row row)
    {
        var profile = ProfileOf(row);
        if (_cache is not null && row is { InDatabase: true, Exists: true, JsonDirty: false, WorkDirty: false, WorkId: { } work })
        {
            _cache.Add(row.Id, work, profile);
        }
    }

    /// <summary>Record ids under one key as the database held them, ordinal order; <see cref="Complete"/> unless cut at the limit.</summary>
    private sealed record Postings(List<string> Ids, bool Complete);

    private sealed class Row(string id)
    {
        public string Id { get; } = id;

        /// <summary>The database holds the row (as of the last flush).</summary>
        public bool InDatabase { get; set; }

        /// <summary>The row exists in this transaction's view.</summary>
        public bool Exists { get; set; }

        public string? WorkId { get; set; }

        /// <summary>merge_reason as this transaction set it.</summary>
        public string? Reason { get; set; }

        public string? Json { get; set; }

        public CatalogRecord? Record { get; set; }

        public MatchProfile? Profile { get; set; }


        public string? SourceId { get; set; }

        public string? ExternalId { get; set; }

        public string? UpdatedAt { get; set; }

        public bool JsonDirty { get; set; }

        public bool WorkDirty { get; set; }
    }
}

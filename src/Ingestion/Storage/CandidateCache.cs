using System.Data.Common;
using Dapper;
using Search.Ingestion.Merge;

namespace Search.Ingestion.Storage;

/// <summary>
/// Stored records as work assignment compares them (their work and match profile), kept across transactions so
/// that a record that is a candidate again and again (the first records under a common title, a common name in
/// a year) is read and worked out once. It follows the change log: every change of a record's JSON or work
/// logs the work it was in, so each transaction that merges (all hold the merge lock, see
/// <see cref="WorkAssigner.BeginAsync"/>) first drops the entries of every work logged since the last one, and
/// what is left is what the database holds, whichever process wrote it. Bounded: emptied when full.
/// </summary>
internal sealed class CandidateCache
{
    public const int Capacity = 100_000;

    /// <summary>More new changes than this since the last look: start again rather than read them all.</summary>
    private const int MaxChangesToFollow = 20_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, (string Work, MatchProfile Profile)> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byWork = new(StringComparer.Ordinal);
    private long _changesSeen = -1;

    /// <summary>Brings the cache up to the change log, inside a transaction holding the merge lock.</summary>
    public async Task SynchronizeAsync(DbConnection connection, DbTransaction tx)
    {
        long seen;
        int count;
        lock (_gate)
        {
            seen = _changesSeen;
            count = _entries.Count;
        }

        if (seen < 0 || count == 0)
        {
            var last = await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM changes", transaction: tx) ?? 0;
            lock (_gate)
            {
                Clear();
                _changesSeen = last;
            }

            return;
        }

        var changes = (await connection.QueryAsync<(long Id, string Work)>(
            "SELECT id, record_id FROM changes WHERE id > @seen ORDER BY id LIMIT @limit",
            new { seen, limit = MaxChangesToFollow + 1 },
            tx)).ToList();
        if (changes.Count > MaxChangesToFollow)
        {
            var last = await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM changes", transaction: tx) ?? 0;
            lock (_gate)
            {
                Clear();
                _changesSeen = last;
            }

            return;
        }

        lock (_gate)
        {
            foreach (var (id, work) in changes)
            {
                if (_byWork.Remove(work, out var records))
                {
                    foreach (var record in records)
                    {
                        _entries.Remove(record);
                    }
                }

                _changesSeen = Math.Max(_changesSeen, id);
            }
        }
    }

    public bool TryGet(string recordId, out string work, out MatchProfile profile)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(recordId, out var entry))
            {
                (work, profile) = entry;
                return true;
            }
        }

        (work, profile) = (null!, null!);
        return false;
    }

    /// <summary>Keeps a record as the database holds it (read in a synchronized transaction, not changed by it).</summary>
    public void Add(string recordId, string work, MatchProfile profile)
    {
        lock (_gate)
        {
            if (_changesSeen < 0)
            {
                return;
            }

            if (_entries.Count >= Capacity)
            {
                Clear();
            }

            if (_entries.TryGetValue(recordId, out var old) && _byWork.TryGetValue(old.Work, out var oldMembers))
            {
                oldMembers.Remove(recordId);
            }

            _entries[recordId] = (work, profile);
            if (!_byWork.TryGetValue(work, out var members))
            {
                _byWork[work] = members = new HashSet<string>(StringComparer.Ordinal);
            }

            members.Add(recordId);
        }
    }

    /// <summary>Forgets everything (before a rematch: records' works may have been changed without the log).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clear();
            _changesSeen = -1;
        }
    }

    private void Clear()
    {
        _entries.Clear();
        _byWork.Clear();
    }
}

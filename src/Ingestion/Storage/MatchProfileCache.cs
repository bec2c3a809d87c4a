using Search.Ingestion.Merge;

namespace Search.Ingestion.Storage;

/// <summary>
/// Match profiles of stored records, kept across transactions, so that a record that is a candidate again and
/// again (the first records under a common title, a common name in a year) is read and worked out once. An
/// entry is the record's id with the hash of the raw record its JSON was mapped from (<c>records.source_hash</c>,
/// written with the JSON), so it can never describe JSON the record no longer has: changed JSON comes with
/// another hash. Records without a hash are not kept. Bounded: two generations of
/// <see cref="Capacity"/> / 2 entries, the older dropped when the newer is full.
/// </summary>
internal sealed class MatchProfileCache
{
    public const int Capacity = 50_000;

    private readonly object _gate = new();
    private Dictionary<string, (string Hash, MatchProfile Profile)> _current = new(StringComparer.Ordinal);
    private Dictionary<string, (string Hash, MatchProfile Profile)> _previous = new(StringComparer.Ordinal);

    public bool TryGet(string recordId, string hash, out MatchProfile profile)
    {
        lock (_gate)
        {
            if (_current.TryGetValue(recordId, out var entry) && entry.Hash == hash)
            {
                profile = entry.Profile;
                return true;
            }

            if (_previous.TryGetValue(recordId, out entry) && entry.Hash == hash)
            {
                Put(recordId, entry);
                profile = entry.Profile;
                return true;
            }
        }

        profile = null!;
        return false;
    }

    public void Add(string recordId, string hash, MatchProfile profile)
    {
        lock (_gate)
        {
            Put(recordId, (hash, profile));
        }
    }

    private void Put(string recordId, (string Hash, MatchProfile Profile) entry)
    {
        if (_current.Count >= Capacity / 2 && !_current.ContainsKey(recordId))
        {
            _previous = _current;
            _current = new Dictionary<string, (string Hash, MatchProfile Profile)>(StringComparer.Ordinal);
        }

        _current[recordId] = entry;
    }
}

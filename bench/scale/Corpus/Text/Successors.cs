using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// The observed continuations of many contexts in one flat array, each context's slice drawn in proportion to its
/// counts in constant time (Walker's alias method, built with integer arithmetic so every machine builds the same
/// tables). One array of small structs keeps a draw to one or two cache lines.
/// </summary>
internal sealed class SuccessorArena
{
    private readonly List<Entry> _building = [];
    private Entry[] _entries = [];

    public int Count => _entries.Length;

    /// <summary>Adds the continuations of one context (ordered by id, whatever order they were counted in).</summary>
    public Slice Add(Dictionary<int, int> counts)
    {
        var ids = counts.Keys.Order().ToArray();
        var n = ids.Length;
        var total = ids.Sum(id => (long)counts[id]);

        // Scaled weights: every column holds exactly `total` units; w[i] = count * n.
        var weight = ids.Select(id => (long)counts[id] * n).ToArray();
        var alias = new int[n];
        var threshold = new uint[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--)
        {
            (weight[i] < total ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            threshold[s] = (uint)(weight[s] * uint.MaxValue / total);
            alias[s] = l;
            weight[l] -= total - weight[s];
            (weight[l] < total ? small : large).Push(l);
        }

        foreach (var i in small.Concat(large))
        {
            threshold[i] = uint.MaxValue;
            alias[i] = i;
        }

        var offset = _building.Count;
        for (var i = 0; i < n; i++)
        {
            _building.Add(new Entry(ids[i], ids[alias[i]], threshold[i]));
        }

        return new Slice(offset, n);
    }

    /// <summary>Ends building; slices handed out stay valid.</summary>
    public void Freeze()
    {
        _entries = [.. _building];
        _building.Clear();
    }

    public int Pick(Rng rng, Slice slice)
    {
        var r = rng.NextUInt64();
        var column = slice.Offset + (int)(((r >> 32) * (ulong)slice.Length) >> 32);
        ref readonly var entry = ref _entries[column];
        return (uint)r < entry.Threshold ? entry.Id : entry.Alias;
    }

    private readonly record struct Entry(int Id, int Alias, uint Threshold);
}

/// <summary>A context's continuations in a <see cref="SuccessorArena"/>.</summary>
internal readonly record struct Slice(int Offset, int Length)
{
    public bool IsEmpty => Length == 0;
}

/// <summary>Counts continuations per context while training.</summary>
internal sealed class SuccessorCounts<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Dictionary<int, int>> _counts = [];

    public IReadOnlyDictionary<TKey, Dictionary<int, int>> Counts => _counts;

    public void Add(TKey context, int next)
    {
        if (!_counts.TryGetValue(context, out var row))
        {
            row = [];
            _counts[context] = row;
        }

        row[next] = row.GetValueOrDefault(next) + 1;
    }
}

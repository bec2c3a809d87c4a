namespace Search.Bench.Corpus.Randomness;

/// <summary>Items with integer weights, drawn in proportion to them (cumulative sums and a binary search).</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly long[] _cumulative;

    public Weighted(IEnumerable<(T Item, long Weight)> items)
    {
        var items2 = new List<T>();
        var sums = new List<long>();
        long total = 0;
        foreach (var (item, weight) in items)
        {
            if (weight <= 0)
            {
                continue;
            }

            total += weight;
            items2.Add(item);
            sums.Add(total);
        }

        if (items2.Count == 0)
        {
            throw new ArgumentException("no item has a positive weight", nameof(items));
        }

        _items = [.. items2];
        _cumulative = [.. sums];
    }

    public int Count => _items.Length;

    public long Total => _cumulative[^1];

    public IReadOnlyList<T> Items => _items;

    public T Pick(Rng rng) => _items[PickIndex(rng)];

    public int PickIndex(Rng rng)
    {
        var x = rng.NextLong(_cumulative[^1]);
        int lo = 0, hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_cumulative[mid] > x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexer.Search;

/// <summary>
/// Counts facet values of every matching document from doc values, in the same pass that collects the
/// page (wrap it with the top-docs collector in a MultiCollector). Per segment it counts ordinals in an
/// array and turns them into strings when the segment ends. Not thread-safe: one per search.
/// </summary>
public sealed class FacetCollector : ICollector
{
    private readonly SetFacet[] _sets;
    private readonly string _yearField;
    private readonly Dictionary<int, int> _years = [];
    private NumericDocValues? _yearValues;
    private IBits? _yearDocs;

    public FacetCollector(IReadOnlyList<string> sortedSetFields, string yearField)
    {
        ArgumentNullException.ThrowIfNull(sortedSetFields);
        _sets = sortedSetFields.Select(f => new SetFacet(f)).ToArray();
        _yearField = yearField;
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var set in _sets)
        {
            set.NextSegment(context.AtomicReader);
        }

        _yearValues = context.AtomicReader.GetNumericDocValues(_yearField);
        _yearDocs = _yearValues is null ? null : context.AtomicReader.GetDocsWithField(_yearField);
    }

    public void Collect(int doc)
    {
        foreach (var set in _sets)
        {
            set.Collect(doc);
        }

        if (_yearValues is not null && _yearDocs is not null && _yearDocs.Get(doc))
        {
            var year = (int)_yearValues.Get(doc);
            _years[year] = _years.GetValueOrDefault(year) + 1;
        }
    }

    /// <summary>Counts of a sorted-set field, by count descending then value.</summary>
    public IReadOnlyList<FacetValue> Counts(string field)
    {
        var set = _sets.First(s => s.Field == field);
        set.Flush();
        return set.Totals
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new FacetValue(p.Key, p.Value))
            .ToList();
    }

    /// <summary>Year counts, newest year first.</summary>
    public IReadOnlyList<FacetValue> YearCounts() =>
        _years.OrderByDescending(p => p.Key)
            .Select(p => new FacetValue(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value))
            .ToList();

    /// <summary>
    /// One sorted-set field: per segment, counts by ordinal in a pooled array (a subject facet can have hundreds
    /// of thousands of values: no large allocation per search) and the ordinals seen, so that turning counts into
    /// values visits only those.
    /// </summary>
    private sealed class SetFacet(string field)
    {
        private SortedSetDocValues? _values;
        private int[] _counts = [];
        private readonly List<int> _seen = [];

        public string Field { get; } = field;

        public Dictionary<string, int> Totals { get; } = new(StringComparer.Ordinal);

        public void NextSegment(AtomicReader reader)
        {
            Flush();
            _values = reader.GetSortedSetDocValues(Field);
            if (_values is not null && _values.ValueCount > 0)
            {
                _counts = System.Buffers.ArrayPool<int>.Shared.Rent(checked((int)_values.ValueCount));
                Array.Clear(_counts, 0, (int)_values.ValueCount);
            }
        }

        public void Collect(int doc)
        {
            if (_values is null)
            {
                return;
            }

            _values.SetDocument(doc);
            long ord;
            while ((ord = _values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                if (_counts[ord]++ == 0)
                {
                    _seen.Add((int)ord);
                }
            }
        }

        public void Flush()
        {
            if (_values is null)
            {
                return;
            }

            var bytes = new BytesRef();
            foreach (var ord in _seen)
            {
                _values.LookupOrd(ord, bytes);
                var value = bytes.Utf8ToString();
                Totals[value] = Totals.GetValueOrDefault(value) + _counts[ord];
            }

            if (_counts.Length > 0)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(_counts);
            }

            _seen.Clear();
            _values = null;
            _counts = [];
        }
    }
}

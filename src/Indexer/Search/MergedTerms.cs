using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Search.Indexer.Search;

/// <summary>
/// The terms of several fields as one ordered list: each step stands on the smallest term any field holds next,
/// with the fields that hold it. Forward only, like Lucene's own term enumerators.
/// </summary>
internal sealed class MergedTerms
{
    private readonly List<(string Field, TermsEnum Terms)> _fields = [];
    private readonly List<bool> _live = [];
    private bool _positioned;

    public MergedTerms(IndexReader reader, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            if (MultiFields.GetTerms(reader, field) is { } terms)
            {
                _fields.Add((field, terms.GetEnumerator()));
                _live.Add(false);
            }
        }
    }

    /// <summary>One term of the list: a copy of its bytes, the fields holding it and (for one field) its document frequency.</summary>
    public sealed record Entry(BytesRef Term, IReadOnlyList<string> Fields, int DocFreq);

    /// <summary>The term the list stands on (after a successful <see cref="SeekCeil"/> or <see cref="MoveNext"/>).</summary>
    public Entry Current { get; private set; } = new(new BytesRef(), [], 0);

    /// <summary>Stands on the first term at or after <paramref name="target"/>; false when there is none.</summary>
    public bool SeekCeil(BytesRef target)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            _live[i] = _fields[i].Terms.SeekCeil(target) != TermsEnum.SeekStatus.END;
        }

        _positioned = true;
        return Pick();
    }

    /// <summary>The next term (the first one on the first call); false at the end.</summary>
    public bool MoveNext()
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (!_positioned || (_live[i] && _fields[i].Terms.Term.Equals(Current.Term)))
            {
                _live[i] = _fields[i].Terms.MoveNext();
            }
        }

        _positioned = true;
        return Pick();
    }

    private bool Pick()
    {
        BytesRef? smallest = null;
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_live[i] && (smallest is null || _fields[i].Terms.Term.CompareTo(smallest) < 0))
            {
                smallest = _fields[i].Terms.Term;
            }
        }

        if (smallest is null)
        {
            return false;
        }

        var holders = new List<string>(_fields.Count);
        var docFreq = 0;
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_live[i] && _fields[i].Terms.Term.Equals(smallest))
            {
                holders.Add(_fields[i].Field);
                docFreq = _fields[i].Terms.DocFreq;
            }
        }

        Current = new Entry(BytesRef.DeepCopyOf(smallest), holders, docFreq);
        return true;
    }
}

using Search.Bench.Corpus.Output;
using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Measure;

/// <summary>
/// The words of one page of records as 64-bit hashes with record boundaries: written by the thread generating the
/// page, read in page order by the one <see cref="VocabularyMeter"/>, so the measurements are exact and the same
/// however many threads write.
/// </summary>
internal sealed class WordHashes : IRecordSink
{
    private readonly List<ulong> _hashes = new(1 << 18);
    private readonly List<int> _ends = new(4096);

    public void Add(string word) => _hashes.Add(Hashing.Of(word));

    public void EndRecord() => _ends.Add(_hashes.Count);

    public void Clear()
    {
        _hashes.Clear();
        _ends.Clear();
    }

    /// <summary>Feeds the page's words to the meter, calling back after each record.</summary>
    public void Replay(VocabularyMeter meter, Action afterRecord)
    {
        var start = 0;
        foreach (var end in _ends)
        {
            for (var i = start; i < end; i++)
            {
                meter.AddHash(_hashes[i]);
            }

            start = end;
            afterRecord();
        }
    }
}

/// <summary>Discards what it is told (for regenerating records when writing queries).</summary>
internal sealed class NullRecordSink : IRecordSink
{
    public static readonly NullRecordSink Instance = new();

    public void Add(string word)
    {
    }

    public void EndRecord()
    {
    }
}

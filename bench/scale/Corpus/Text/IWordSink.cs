namespace Search.Bench.Corpus.Text;

/// <summary>Receives every word the generator writes (for the vocabulary measurements).</summary>
internal interface IWordSink
{
    void Add(string word);
}

namespace Search.Bench.Corpus.Text;

/// <summary>What the text of one record is being written from.</summary>
internal sealed class TextContext
{
    public int Discipline { get; set; }

    /// <summary>The other disciplines of the record's category.</summary>
    public IReadOnlyList<int> Neighbours { get; set; } = [];

    public int DisciplineCount { get; set; }

    public List<string> Keywords { get; } = [];

    public List<long> KeywordRanks { get; } = [];

    public List<string> Used { get; } = [];

    /// <summary>Words of the text being written, passed on to the sink once the text is kept.</summary>
    public List<string> Pending { get; } = [];

    public int KeywordsInTitle { get; set; }

    public void Clear(int discipline, IReadOnlyList<int> neighbours, int disciplineCount)
    {
        Discipline = discipline;
        Neighbours = neighbours;
        DisciplineCount = disciplineCount;
        Keywords.Clear();
        KeywordRanks.Clear();
        Used.Clear();
        KeywordsInTitle = 0;
    }
}

namespace Search.Bench.Corpus.Generation;

/// <summary>One generated record, reused from record to record (the lists are cleared, not reallocated).</summary>
internal sealed class CorpusRecord
{
    public long Number { get; set; }

    /// <summary>The OAI identifier, <c>oai:scale.example:N</c> with N from 1.</summary>
    public string Identifier => "oai:scale.example:" + (Number + 1);

    public DateTime Datestamp { get; set; }

    public string Set { get; set; } = "";

    /// <summary>The engine's record type (journal-article, thesis...).</summary>
    public string Type { get; set; } = "";

    /// <summary>The dc:type word as a partner writes it.</summary>
    public string TypeWord { get; set; } = "";

    public bool English { get; set; }

    public string Language { get; set; } = "";

    public int Discipline { get; set; }

    public string Title { get; set; } = "";

    public string Abstract { get; set; } = "";

    public List<string> Keywords { get; } = [];

    /// <summary>The rank of each keyword in its discipline's lexicon (small = common).</summary>
    public List<long> KeywordRanks { get; } = [];

    public List<string> Authors { get; } = [];

    public List<string> Affiliations { get; } = [];

    public string? Publisher { get; set; }

    public string? Source { get; set; }

    public string? Journal { get; set; }

    public int Year { get; set; }

    public string Date { get; set; } = "";

    public string Clc { get; set; } = "";

    public string? Ipc { get; set; }

    public List<string> Identifiers { get; } = [];

    public string? Doi { get; set; }

    public void Clear()
    {
        Keywords.Clear();
        KeywordRanks.Clear();
        Authors.Clear();
        Affiliations.Clear();
        Identifiers.Clear();
        Publisher = null;
        Source = null;
        Journal = null;
        Ipc = null;
        Doi = null;
    }
}

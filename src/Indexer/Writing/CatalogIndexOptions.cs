using System.ComponentModel.DataAnnotations;

namespace Search.Indexer.Writing;

/// <summary>How the index writer works (<c>Search:Index</c>).</summary>
public sealed class CatalogIndexOptions
{
    public const string Section = "Search:Index";

    /// <summary>Memory the writer buffers documents in before it writes a segment.</summary>
    [Range(16, 2048)]
    public double RamBufferSizeMB { get; set; } = 96;

    /// <summary>Threads that analyze documents of one batch at once; 0 = one per processor.</summary>
    [Range(0, 64)]
    public int IndexingThreads { get; set; }

    /// <summary>
    /// During a rebuild or a long catch-up, the longest time between two commits (a killed process re-applies
    /// at most this much of the change log). When the index has caught up, every batch is committed at once.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Changes read from the change log at a time.</summary>
    [Range(1, 100_000)]
    public int ChunkSize { get; set; } = 2000;

    public int EffectiveIndexingThreads => IndexingThreads > 0 ? IndexingThreads : Environment.ProcessorCount;
}

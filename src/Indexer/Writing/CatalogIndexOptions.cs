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

    /// <summary>
    /// How index files are read. <see cref="IndexStorage.Mapped"/> is the default: Lucene.Net 4.8.0-beta00017's own
    /// memory-mapped directory registers every clone of an input in a weak map, which makes each term lookup of a
    /// query allocate and contend (Lucene.Net issue 1151); positional reads cost a system call per block.
    /// </summary>
    public IndexStorage Storage { get; set; } = IndexStorage.Mapped;

    /// <summary>
    /// Segments the index is merged down to after a large load (0 = leave merging to the merge policy alone).
    /// A query looks up each of its terms in every segment, so at this machine's scale that lookup, not the
    /// matching, is most of a search's cost: <c>bench/RESULTS.md</c> shows a search costing about three times
    /// as much on 13 segments as on 3.
    /// </summary>
    [Range(0, 100)]
    public int SettledSegments { get; set; } = 2;

    /// <summary>
    /// The index settles (is merged down to <see cref="SettledSegments"/>) when the documents written since it last
    /// settled reach this share of the index (and at least <see cref="SettleMinimumDocuments"/>): after a rebuild or
    /// a large harvest, not after every small one, since a settle rewrites the whole index.
    /// </summary>
    [Range(0.0, 10.0)]
    public double SettleAfterShare { get; set; } = 0.2;

    /// <summary>
    /// How long the change log must have brought nothing new before the index settles: a harvest in progress
    /// is not interrupted by merges that its next batches would undo.
    /// </summary>
    public TimeSpan SettleWhenQuietFor { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The fewest documents written since the last settle before the index settles again.</summary>
    [Range(0, int.MaxValue)]
    public int SettleMinimumDocuments { get; set; } = 10_000;

    /// <summary>
    /// Whether the merge policy may merge segments in the background as they are written (always, outside tests).
    /// Off, segments are merged only when the index settles, so a test can count them without racing a merge.
    /// </summary>
    internal bool BackgroundMerges { get; init; } = true;

    public int EffectiveIndexingThreads => IndexingThreads > 0 ? IndexingThreads : Environment.ProcessorCount;
}

/// <summary>The Lucene directory implementation an index is opened with.</summary>
public enum IndexStorage
{
    /// <summary>Memory-mapped files read through their address (<see cref="Storage.MappedFileDirectory"/>).</summary>
    Mapped,

    /// <summary>Positional file reads (<c>NIOFSDirectory</c>).</summary>
    NioFs,

    /// <summary>Memory-mapped files (<c>MMapDirectory</c>, what <c>FSDirectory.Open</c> picks on 64-bit).</summary>
    Mmap,

    /// <summary>Plain file reads (<c>SimpleFSDirectory</c>).</summary>
    SimpleFs,
}

using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Indexer.Analysis;
using Search.Indexer.Schema;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexer.Writing;

/// <summary>
/// The catalogue's Lucene index: one IndexWriter and a near-real-time SearcherManager over one directory.
/// Changes are applied in batches, each committed with the last change id it contains (commit user data
/// <c>lastChangeId</c>), so after a crash the synchronizer re-reads the change feed from the last
/// committed id and loses nothing. Thread-safe: <see cref="Apply"/> calls are serialized, searches may
/// run concurrently through <see cref="Searchers"/>. Create one per process and dispose it at shutdown.
/// </summary>
public sealed class CatalogIndex : IDisposable
{
    public const string LastChangeIdKey = "lastChangeId";

    /// <summary>Commit data naming the schema the documents were built with.</summary>
    public const string SchemaVersionKey = "schemaVersion";

    /// <summary>Commit user data: documents written since the index last settled (so a restart does not forget a due settle).</summary>
    public const string WrittenSinceSettleKey = "writtenSinceSettle";

    /// <summary>
    /// Raised whenever fields or analysis change: an index built with another version is emptied at open
    /// and rebuilt from the catalogue's change log (its cursor starts again at 0).
    /// </summary>
    public const string SchemaVersion = "8";

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly CatalogIndexOptions _options;
    private readonly TimeProvider _time;
    private readonly System.Threading.Lock _writeGate = new();
    private long _lastAppliedChangeId;
    private long _indexedChangeId;
    private long _committedChangeId;
    private long _lastCommitTicks;
    private long _writtenSinceSettle;
    private int _settling;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in a folder on disk.</summary>
    public CatalogIndex(string path, CatalogIndexOptions? options = null, TimeProvider? time = null)
        : this(OpenDirectory(path ?? throw new ArgumentNullException(nameof(path)), (options ?? new CatalogIndexOptions()).Storage), options, time)
    {
    }

    private static FSDirectory OpenDirectory(string path, IndexStorage storage)
    {
        var folder = new DirectoryInfo(path);
        return storage switch
        {
            IndexStorage.Mmap => new MMapDirectory(folder),
            IndexStorage.SimpleFs => new SimpleFSDirectory(folder),
            IndexStorage.Mapped => new Storage.MappedFileDirectory(folder),
            _ => new NIOFSDirectory(folder),
        };
    }

    private CatalogIndex(LuceneDirectory directory, CatalogIndexOptions? options, TimeProvider? time)
    {
        _directory = directory;
        _options = options ?? new CatalogIndexOptions();
        _time = time ?? TimeProvider.System;
        CatalogAnalyzer.Warm();
        Analyzer = new CatalogAnalyzer();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = _options.RamBufferSizeMB,
        };
        if (!_options.BackgroundMerges)
        {
            config.MergePolicy = new ForcedMergesOnly();
        }

        try
        {
            _writer = new IndexWriter(directory, config);
            var commitData = _writer.CommitData;
            var built = commitData is not null && commitData.TryGetValue(SchemaVersionKey, out var version) ? version : null;
            if (built != SchemaVersion && _writer.MaxDoc > 0)
            {
                // Documents of another schema: start again from an empty index and the whole change log.
                _writer.DeleteAll();
                commitData = null;
            }

            _lastAppliedChangeId = ReadLastChangeId(commitData);
            // An index committed before this was recorded: as written as it is large (a settle is due if it has many segments).
            _writtenSinceSettle = commitData is not null
                && commitData.TryGetValue(WrittenSinceSettleKey, out var written)
                && long.TryParse(written, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    ? count
                    : _writer.MaxDoc;
            _indexedChangeId = _lastAppliedChangeId;
            _committedChangeId = _lastAppliedChangeId;
            if (!DirectoryReader.IndexExists(directory) || built != SchemaVersion)
            {
                CommitLocked();
            }

            _lastCommitTicks = _time.GetTimestamp();
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new CatalogSearcherFactory());
        }
        catch
        {
            _writer?.Dispose();
            Analyzer.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>An index in memory, for tests and demos.</summary>
    public static CatalogIndex InMemory(CatalogIndexOptions? options = null) => new(new RAMDirectory(), options, null);

    /// <summary>The analyzer of the index (also the one queries are analyzed with).</summary>
    public CatalogAnalyzer Analyzer { get; }

    /// <summary>Near-real-time searchers: <c>Acquire</c> one, search, and <c>Release</c> it in a finally.</summary>
    public SearcherManager Searchers => _searchers;

    /// <summary>The highest change id whose effect searches see (0 for a new index); it is committed at the latest by the next <see cref="Publish"/>.</summary>
    public long LastAppliedChangeId => Interlocked.Read(ref _lastAppliedChangeId);

    /// <summary>The highest change id given to the writer, visible to searches or not yet.</summary>
    public long IndexedChangeId => Interlocked.Read(ref _indexedChangeId);

    /// <summary>The highest change id of the last commit: where a restarted process resumes the change log.</summary>
    public long CommittedChangeId => Interlocked.Read(ref _committedChangeId);

    /// <summary>Documents visible to searches now.</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// Applies a batch of changes and publishes them: an upsert whose record is in <paramref name="records"/>
    /// is (re)indexed, a deletion or an upsert whose record is missing is deleted. Changes with an id not above
    /// <see cref="IndexedChangeId"/> are skipped, so re-applying a batch is harmless. Then commits with the
    /// batch's highest change id and refreshes the searchers. Returns how many changes were applied.
    /// </summary>
    public int Apply(IReadOnlyList<RecordChange> changes, IReadOnlyList<CatalogRecord> records) => Apply(changes, records, publish: true);

    /// <summary>
    /// Applies a batch of changes. With <paramref name="publish"/> false (a rebuild or a catch-up in the middle
    /// of the change log), the documents go to the writer only: searches see them at the next publish, and a
    /// commit is made only when <see cref="CatalogIndexOptions.CommitInterval"/> has passed since the last one,
    /// so a long rebuild pays for neither a refresh nor a commit per chunk. Documents are analyzed on
    /// <see cref="CatalogIndexOptions.IndexingThreads"/> threads.
    /// </summary>
    public int Apply(IReadOnlyList<RecordChange> changes, IReadOnlyList<CatalogRecord> records, bool publish)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(records);
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var byId = new Dictionary<string, CatalogRecord>(records.Count, StringComparer.Ordinal);
            foreach (var record in records)
            {
                byId[record.Id] = record;
            }

            var last = IndexedChangeId;
            var pending = changes.Where(c => c.ChangeId > last).OrderBy(c => c.ChangeId).ToList();
            if (pending.Count == 0)
            {
                if (publish)
                {
                    PublishLocked();
                }

                return 0;
            }

            // Only the last change of a record counts within a batch, so the writes below are independent.
            var finalChange = new Dictionary<string, RecordChange>(StringComparer.Ordinal);
            foreach (var change in pending)
            {
                finalChange[change.RecordId] = change;
            }

            void Write(RecordChange change)
            {
                var key = new Term(IndexSchema.Id, change.RecordId);
                if (!change.Deleted && byId.TryGetValue(change.RecordId, out var record))
                {
                    _writer.UpdateDocument(key, IndexSchema.CreateDocument(record));
                }
                else
                {
                    _writer.DeleteDocuments(key);
                }

                Interlocked.Increment(ref _writtenSinceSettle);
            }

            var threads = _options.EffectiveIndexingThreads;
            if (threads <= 1 || finalChange.Count < 2 * threads)
            {
                foreach (var change in finalChange.Values)
                {
                    Write(change);
                }
            }
            else
            {
                // IndexWriter takes documents from several threads at once (a segment buffer per thread).
                Parallel.ForEach(finalChange.Values, new ParallelOptions { MaxDegreeOfParallelism = threads }, Write);
            }

            Interlocked.Exchange(ref _indexedChangeId, pending[^1].ChangeId);
            if (publish)
            {
                PublishLocked();
            }
            else if (_time.GetElapsedTime(_lastCommitTicks) >= _options.CommitInterval)
            {
                CommitLocked();
            }

            return pending.Count;
        }
    }

    /// <summary>Makes everything given to the writer visible to searches and commits it (nothing to do when nothing is pending).</summary>
    public void Publish()
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            PublishLocked();
        }
    }

    /// <summary>Indexes records directly (no change ids; for tests, demos and full rebuilds), commits and refreshes.</summary>
    public void Upsert(IEnumerable<CatalogRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var record in records)
            {
                _writer.UpdateDocument(new Term(IndexSchema.Id, record.Id), IndexSchema.CreateDocument(record));
                Interlocked.Increment(ref _writtenSinceSettle);
            }

            CommitLocked();
            _searchers.MaybeRefreshBlocking();
        }
    }

    /// <summary>Segments of the index searches see now.</summary>
    public int SegmentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Whether a merge down to <see cref="CatalogIndexOptions.SettledSegments"/> is running.</summary>
    public bool IsSettling => Volatile.Read(ref _settling) != 0;

    /// <summary>
    /// Whether enough has been written since the index last settled (see <see cref="CatalogIndexOptions.SettleAfterShare"/>)
    /// and it has more segments than <see cref="CatalogIndexOptions.SettledSegments"/>.
    /// </summary>
    public bool ShouldSettle
    {
        get
        {
            if (_options.SettledSegments <= 0 || IsSettling)
            {
                return false;
            }

            var written = Interlocked.Read(ref _writtenSinceSettle);
            var threshold = Math.Max(_options.SettleMinimumDocuments, _options.SettleAfterShare * _writer.MaxDoc);
            return written >= threshold && SegmentCount > _options.SettledSegments;
        }
    }

    /// <summary>
    /// Merges the index down to <see cref="CatalogIndexOptions.SettledSegments"/> segments, then commits and
    /// refreshes the searchers. Changes keep being applied meanwhile (the writer merges what it had when the
    /// settle began); searches use the old segments until the merge is done. Returns false when another settle
    /// runs or the index was disposed meanwhile.
    /// </summary>
    public bool Settle()
    {
        if (_options.SettledSegments <= 0 || Interlocked.Exchange(ref _settling, 1) != 0)
        {
            return false;
        }

        try
        {
            lock (_writeGate)
            {
                if (_disposed)
                {
                    return false;
                }

                Interlocked.Exchange(ref _writtenSinceSettle, 0);
            }

            try
            {
                _writer.ForceMerge(_options.SettledSegments, doWait: true);
            }
            catch (Exception) when (Volatile.Read(ref _disposed))
            {
                // Disposing the index aborts a running merge.
                return false;
            }

            lock (_writeGate)
            {
                if (_disposed)
                {
                    return false;
                }

                var indexed = IndexedChangeId;
                CommitLocked();
                _searchers.MaybeRefreshBlocking();
                Interlocked.Exchange(ref _lastAppliedChangeId, indexed);
                return true;
            }
        }
        finally
        {
            Interlocked.Exchange(ref _settling, 0);
        }
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (IndexedChangeId > CommittedChangeId)
            {
                CommitLocked();
            }

            _searchers.Dispose();
            // A running settle is aborted, not waited for: the index stays as it was last committed.
            _writer.Dispose(waitForMerges: !IsSettling);
            Analyzer.Dispose();
            _directory.Dispose();
        }
    }

    private void PublishLocked()
    {
        var indexed = IndexedChangeId;
        if (indexed > CommittedChangeId)
        {
            CommitLocked();
        }

        if (indexed > LastAppliedChangeId)
        {
            // Searchers first: whoever sees the new id must also find what it brought.
            _searchers.MaybeRefreshBlocking();
            Interlocked.Exchange(ref _lastAppliedChangeId, indexed);
        }
    }

    private void CommitLocked()
    {
        var indexed = IndexedChangeId;
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [LastChangeIdKey] = indexed.ToString(CultureInfo.InvariantCulture),
            [SchemaVersionKey] = SchemaVersion,
            [WrittenSinceSettleKey] = Interlocked.Read(ref _writtenSinceSettle).ToString(CultureInfo.InvariantCulture),
        });
        _writer.Commit();
        Interlocked.Exchange(ref _committedChangeId, indexed);
        _lastCommitTicks = _time.GetTimestamp();
    }

    private static long ReadLastChangeId(IDictionary<string, string>? commitData) =>
        commitData is not null
        && commitData.TryGetValue(LastChangeIdKey, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : 0;
}

/// <summary>Searchers that score with <see cref="Indexer.Search.CatalogSimilarity"/>.</summary>
internal sealed class CatalogSearcherFactory : SearcherFactory
{
    private static readonly Indexer.Search.CatalogSimilarity Similarity = new();

    public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
}

/// <summary>A tiered merge policy that merges only when asked to (a settle), never as segments are written.</summary>
internal sealed class ForcedMergesOnly : TieredMergePolicy
{
    public override MergeSpecification? FindMerges(MergeTrigger mergeTrigger, SegmentInfos infos) => null;
}

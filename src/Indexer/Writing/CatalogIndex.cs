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

    /// <summary>
    /// Raised whenever fields or analysis change: an index built with another version is emptied at open
    /// and rebuilt from the catalogue's change log (its cursor starts again at 0).
    /// </summary>
    public const string SchemaVersion = "3";

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly System.Threading.Lock _writeGate = new();
    private long _lastAppliedChangeId;
    private bool _disposed;

    /// <summary>Opens (or creates) the index in a folder on disk.</summary>
    public CatalogIndex(string path)
        : this(FSDirectory.Open(new DirectoryInfo(path ?? throw new ArgumentNullException(nameof(path)))))
    {
    }

    private CatalogIndex(LuceneDirectory directory)
    {
        _directory = directory;
        CatalogAnalyzer.Warm();
        Analyzer = new CatalogAnalyzer();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, Analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
        };
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
            if (!DirectoryReader.IndexExists(directory) || built != SchemaVersion)
            {
                _writer.SetCommitData(new Dictionary<string, string>
                {
                    [LastChangeIdKey] = _lastAppliedChangeId.ToString(CultureInfo.InvariantCulture),
                    [SchemaVersionKey] = SchemaVersion,
                });
                _writer.Commit();
            }

            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SearcherFactory());
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
    public static CatalogIndex InMemory() => new(new RAMDirectory());

    /// <summary>The analyzer of the index (also the one queries are analyzed with).</summary>
    public CatalogAnalyzer Analyzer { get; }

    /// <summary>Near-real-time searchers: <c>Acquire</c> one, search, and <c>Release</c> it in a finally.</summary>
    public SearcherManager Searchers => _searchers;

    /// <summary>The highest change id whose effect is committed (0 for a new index).</summary>
    public long LastAppliedChangeId => Interlocked.Read(ref _lastAppliedChangeId);

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
    /// Applies a batch of changes: an upsert whose record is in <paramref name="records"/> is (re)indexed,
    /// a deletion or an upsert whose record is missing is deleted. Changes with an id not above
    /// <see cref="LastAppliedChangeId"/> are skipped, so re-applying a batch is harmless. Then commits with
    /// the batch's highest change id and refreshes the searchers. Returns how many changes were applied.
    /// </summary>
    public int Apply(IReadOnlyList<RecordChange> changes, IReadOnlyList<CatalogRecord> records)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(records);
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var byId = new Dictionary<string, CatalogRecord>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                byId[record.Id] = record;
            }

            var last = LastAppliedChangeId;
            var pending = changes.Where(c => c.ChangeId > last).OrderBy(c => c.ChangeId).ToList();
            if (pending.Count == 0)
            {
                return 0;
            }

            // Only the last change of a record counts within a batch.
            var finalChange = new Dictionary<string, RecordChange>(StringComparer.Ordinal);
            foreach (var change in pending)
            {
                finalChange[change.RecordId] = change;
            }

            foreach (var change in finalChange.Values)
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
            }

            var maxId = pending[^1].ChangeId;
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [LastChangeIdKey] = maxId.ToString(CultureInfo.InvariantCulture),
                [SchemaVersionKey] = SchemaVersion,
            });
            _writer.Commit();

            // Searchers first: whoever sees the new id must also find what it brought.
            _searchers.MaybeRefreshBlocking();
            Interlocked.Exchange(ref _lastAppliedChangeId, maxId);
            return pending.Count;
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
            }

            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
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
            _searchers.Dispose();
            _writer.Dispose();
            Analyzer.Dispose();
            _directory.Dispose();
        }
    }

    private static long ReadLastChangeId(IDictionary<string, string>? commitData) =>
        commitData is not null
        && commitData.TryGetValue(LastChangeIdKey, out var text)
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : 0;
}

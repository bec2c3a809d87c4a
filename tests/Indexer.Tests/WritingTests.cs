using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Indexer.Tests;

public class WritingTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "indexer-tests-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long Count(CatalogIndex index, string query) =>
        new SearchService(index).Search(new SearchRequest { Query = query }).Total;

    [Test]
    public void Upserts_replace_and_deletions_leave_the_index()
    {
        using var index = CatalogIndex.InMemory();
        var a = TestRecords.Make("a", "湖北省农业科学");
        var b = TestRecords.Make("b", "武汉光谷");
        Assert.That(index.Apply([new RecordChange(1, a.Id, false), new RecordChange(2, b.Id, false)], [a, b]), Is.EqualTo(2));
        Assert.That(index.DocumentCount, Is.EqualTo(2));

        a.Title = "湖南省林业";
        index.Apply([new RecordChange(3, a.Id, false)], [a]);
        Assert.That(Count(index, "湖北"), Is.Zero);
        Assert.That(Count(index, "湖南"), Is.EqualTo(1));
        Assert.That(index.DocumentCount, Is.EqualTo(2));

        index.Apply([new RecordChange(4, b.Id, true), new RecordChange(5, "missing-record", false)], []);
        Assert.That(Count(index, "光谷"), Is.Zero);
        Assert.That(index.DocumentCount, Is.EqualTo(1));
        Assert.That(index.LastAppliedChangeId, Is.EqualTo(5));
    }

    [Test]
    public void An_upsert_whose_record_is_missing_deletes_it()
    {
        using var index = CatalogIndex.InMemory();
        var a = TestRecords.Make("a", "湖北省农业科学");
        index.Apply([new RecordChange(1, a.Id, false)], [a]);
        index.Apply([new RecordChange(2, a.Id, false)], []);
        Assert.That(index.DocumentCount, Is.Zero);
    }

    [Test]
    public void Reapplying_a_batch_is_idempotent()
    {
        using var index = CatalogIndex.InMemory();
        var a = TestRecords.Make("a", "湖北省农业科学");
        var changes = new[] { new RecordChange(7, a.Id, false) };
        Assert.That(index.Apply(changes, [a]), Is.EqualTo(1));
        Assert.That(index.Apply(changes, [a]), Is.Zero);
        index.Upsert([a]);
        Assert.That(index.DocumentCount, Is.EqualTo(1));
        Assert.That(Count(index, "农业"), Is.EqualTo(1));
        Assert.That(index.LastAppliedChangeId, Is.EqualTo(7));
    }

    [Test]
    public void Last_applied_change_id_survives_reopening()
    {
        var a = TestRecords.Make("a", "湖北省农业科学");
        using (var index = new CatalogIndex(_folder))
        {
            Assert.That(index.LastAppliedChangeId, Is.Zero);
            index.Apply([new RecordChange(41, a.Id, false), new RecordChange(42, "gone", true)], [a]);
        }

        using (var reopened = new CatalogIndex(_folder))
        {
            Assert.That(reopened.LastAppliedChangeId, Is.EqualTo(42));
            Assert.That(reopened.DocumentCount, Is.EqualTo(1));
            Assert.That(new SearchService(reopened).GetRecord(a.Id)?.Title, Is.EqualTo(a.Title));
        }
    }

    [Test]
    public void An_index_built_with_another_schema_is_emptied_and_rebuilt_from_the_start_of_the_change_log()
    {
        var a = TestRecords.Make("a", "湖北省农业科学");
        using (var index = new CatalogIndex(_folder))
        {
            index.Apply([new RecordChange(41, a.Id, false)], [a]);
        }

        // Pretend the documents were written by an older version of the schema.
        using (var directory = Lucene.Net.Store.FSDirectory.Open(_folder))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.SetCommitData(new Dictionary<string, string> { [CatalogIndex.LastChangeIdKey] = "41", [CatalogIndex.SchemaVersionKey] = "0" });
            writer.Commit();
        }

        using (var reopened = new CatalogIndex(_folder))
        {
            Assert.That(reopened.LastAppliedChangeId, Is.Zero);
            Assert.That(reopened.DocumentCount, Is.Zero);
        }

        using (var again = new CatalogIndex(_folder))
        {
            again.Apply([new RecordChange(41, a.Id, false)], [a]);
        }

        using (var current = new CatalogIndex(_folder))
        {
            Assert.That(current.LastAppliedChangeId, Is.EqualTo(41), "an index of the current schema is kept");
            Assert.That(current.DocumentCount, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Synchronizer_applies_the_feed_in_chunks_and_resumes_after_the_last_commit()
    {
        var feed = new FakeChangeFeed();
        var records = Enumerable.Range(0, 25).Select(i => TestRecords.Make("r" + i, "湖北省科技报告" + i)).ToList();
        foreach (var record in records)
        {
            feed.Put(record);
        }

        feed.Remove(records[3].Id);
        using (var index = new CatalogIndex(_folder))
        {
            var synchronizer = new IndexSynchronizer(feed, new ChangeSignal(), index, chunkSize: 10);
            Assert.That(await synchronizer.SyncOnceAsync(CancellationToken.None), Is.EqualTo(26));
            Assert.That(index.DocumentCount, Is.EqualTo(24));
            Assert.That(index.LastAppliedChangeId, Is.EqualTo(26));
            Assert.That(feed.Reads, Is.EqualTo(new long[] { 0, 10, 20 }), "a short chunk ends the pass");
            Assert.That(await synchronizer.SyncOnceAsync(CancellationToken.None), Is.Zero);
        }

        feed.Remove(records[0].Id);
        feed.Put(records[3]);
        feed.Reads.Clear();
        using (var reopened = new CatalogIndex(_folder))
        {
            var synchronizer = new IndexSynchronizer(feed, new ChangeSignal(), reopened, chunkSize: 10);
            Assert.That(await synchronizer.SyncOnceAsync(CancellationToken.None), Is.EqualTo(2));
            Assert.That(feed.Reads[0], Is.EqualTo(26), "resumes after the committed id");
            Assert.That(reopened.DocumentCount, Is.EqualTo(24));
            Assert.That(new SearchService(reopened).GetRecord(records[0].Id), Is.Null);
        }
    }

    [Test]
    public void Unpublished_chunks_are_invisible_until_published_and_a_restart_resumes_after_the_last_commit()
    {
        var records = Enumerable.Range(0, 40).Select(i => TestRecords.Make("u" + i, "湖北省科技统计" + i)).ToList();
        var options = new CatalogIndexOptions { IndexingThreads = 2, CommitInterval = TimeSpan.FromDays(1) };
        using (var index = new CatalogIndex(_folder, options))
        {
            var first = records.Take(20).Select((r, i) => new RecordChange(i + 1, r.Id, false)).ToList();
            Assert.That(index.Apply(first, records.Take(20).ToList(), publish: false), Is.EqualTo(20));
            Assert.Multiple(() =>
            {
                Assert.That(index.IndexedChangeId, Is.EqualTo(20));
                Assert.That(index.LastAppliedChangeId, Is.Zero, "not yet visible");
                Assert.That(index.CommittedChangeId, Is.Zero, "not yet committed");
                Assert.That(index.DocumentCount, Is.Zero);
            });
            Assert.That(index.Apply(first, records.Take(20).ToList(), publish: false), Is.Zero, "the writer already has them");
            index.Publish();
            Assert.Multiple(() =>
            {
                Assert.That(index.LastAppliedChangeId, Is.EqualTo(20));
                Assert.That(index.CommittedChangeId, Is.EqualTo(20));
                Assert.That(index.DocumentCount, Is.EqualTo(20));
            });
        }

        using (var index = new CatalogIndex(_folder, options))
        {
            Assert.That(index.LastAppliedChangeId, Is.EqualTo(20));
            var second = records.Skip(20).Select((r, i) => new RecordChange(i + 21, r.Id, false)).ToList();
            index.Apply(second, records.Skip(20).ToList(), publish: false);
        }

        using (var reopened = new CatalogIndex(_folder, options))
        {
            Assert.That(reopened.LastAppliedChangeId, Is.EqualTo(40), "closing commits what the writer had");
            Assert.That(reopened.DocumentCount, Is.EqualTo(40));
            Assert.That(new SearchService(reopened).Search(new SearchRequest { Query = "科技统计" }).Total, Is.EqualTo(40));
        }
    }

    [Test]
    public async Task Run_loop_applies_changes_when_signalled_and_stops_on_cancel()
    {
        var feed = new FakeChangeFeed();
        var signal = new ChangeSignal();
        using var index = CatalogIndex.InMemory();
        var synchronizer = new IndexSynchronizer(feed, signal, index, chunkSize: 1, idleWait: TimeSpan.FromMinutes(5));
        using var cts = new CancellationTokenSource();
        var run = synchronizer.RunAsync(cts.Token);
        feed.Put(TestRecords.Make("x", "湖北省"));
        feed.Put(TestRecords.Make("y", "武汉市"));
        signal.Notify();

        // The idle wait is five minutes: only the signal can have woken the loop within the bounded wait.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (index.LastAppliedChangeId < 2 && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.That(index.LastAppliedChangeId, Is.EqualTo(2), "the signal woke the loop");
        Assert.That(index.DocumentCount, Is.EqualTo(2));
        await cts.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task The_running_synchronizer_settles_the_index_once_the_change_log_is_quiet()
    {
        var feed = new FakeChangeFeed();
        var signal = new ChangeSignal();
        var options = new CatalogIndexOptions { SettledSegments = 1, SettleMinimumDocuments = 10, SettleAfterShare = 0.1, IndexingThreads = 1, BackgroundMerges = false };
        using var index = new CatalogIndex(_folder, options);
        // Three published batches: three segments.
        for (var batch = 0; batch < 3; batch++)
        {
            var records = Enumerable.Range(0, 10).Select(i => TestRecords.Make($"s{batch}-{i}", "湖北省科技统计" + i)).ToList();
            index.Apply([.. records.Select((r, i) => new RecordChange(batch * 10 + i + 1, r.Id, false))], records);
        }

        Assert.That(index.SegmentCount, Is.EqualTo(3));
        var synchronizer = new IndexSynchronizer(feed, signal, index, chunkSize: 10, idleWait: TimeSpan.FromMilliseconds(20), settleWhenQuietFor: TimeSpan.Zero);
        using var cts = new CancellationTokenSource();
        var run = synchronizer.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((index.SegmentCount > 1 || index.IsSettling) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.That(index.SegmentCount, Is.EqualTo(1), "settled while the change log brought nothing");
        Assert.That(index.DocumentCount, Is.EqualTo(30));
        await cts.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Searches_run_concurrently_with_writes()
    {
        using var index = CatalogIndex.InMemory();
        var search = new SearchService(index);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                var record = TestRecords.Make("c" + i, "湖北省并发测试" + i);
                index.Apply([new RecordChange(i + 1, record.Id, false)], [record]);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            long last = 0;
            while (!writer.IsCompleted)
            {
                var total = search.Search(new SearchRequest { Query = "湖北 测试" }).Total;
                Assert.That(total, Is.GreaterThanOrEqualTo(last), "near-real-time results only grow");
                last = total;
            }
        })).ToList();
        await Task.WhenAll([writer, .. readers]);
        Assert.That(search.Search(new SearchRequest { Query = "湖北 测试" }).Total, Is.EqualTo(50));
    }

    /// <summary>An in-memory catalogue with a change log.</summary>
    private sealed class FakeChangeFeed : IRecordChangeFeed
    {
        private readonly Lock _gate = new();
        private readonly List<RecordChange> _log = [];
        private readonly Dictionary<string, CatalogRecord> _records = [];

        public List<long> Reads { get; } = [];

        public Action? AfterRead { get; set; }

        public void Put(CatalogRecord record)
        {
            lock (_gate)
            {
                _records[record.Id] = record;
                _log.Add(new RecordChange(_log.Count + 1, record.Id, false));
            }
        }

        public void Remove(string id)
        {
            lock (_gate)
            {
                _records.Remove(id);
                _log.Add(new RecordChange(_log.Count + 1, id, true));
            }
        }

        public Task<IReadOnlyList<RecordChange>> ReadChangesAsync(long afterChangeId, int max, CancellationToken cancellationToken)
        {
            IReadOnlyList<RecordChange> changes;
            lock (_gate)
            {
                Reads.Add(afterChangeId);
                changes = _log.Where(c => c.ChangeId > afterChangeId).Take(max).ToList();
            }

            AfterRead?.Invoke();
            return Task.FromResult(changes);
        }

        public Task<IReadOnlyList<CatalogRecord>> GetRecordsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                IReadOnlyList<CatalogRecord> found = ids.Where(_records.ContainsKey).Select(id => _records[id]).ToList();
                return Task.FromResult(found);
            }
        }
    }

    [Test]
    public void After_a_large_load_the_index_settles_into_few_segments_and_keeps_every_document()
    {
        var options = new CatalogIndexOptions { SettledSegments = 2, SettleMinimumDocuments = 100, SettleAfterShare = 0.5, BackgroundMerges = false };
        using (var index = new CatalogIndex(_folder, options))
        {
            var id = 0L;
            // Each published batch is flushed as a segment of its own.
            for (var batch = 0; batch < 6; batch++)
            {
                var records = Enumerable.Range(0, 40).Select(i => TestRecords.Make($"b{batch}-{i}", $"湖北省农业科学 第{batch}批")).ToList();
                index.Apply([.. records.Select(r => new RecordChange(++id, r.Id, false))], records);
            }

            Assert.That(index.SegmentCount, Is.GreaterThan(2));
            Assert.That(index.ShouldSettle, Is.True);
            Assert.That(index.Settle(), Is.True);
            Assert.That(index.SegmentCount, Is.LessThanOrEqualTo(2));
            Assert.That(index.ShouldSettle, Is.False, "nothing written since the settle");
            Assert.That(Count(index, "农业科学"), Is.EqualTo(240));
            Assert.That(index.LastAppliedChangeId, Is.EqualTo(240));
        }

        using var reopened = new CatalogIndex(_folder, options);
        Assert.That(reopened.SegmentCount, Is.LessThanOrEqualTo(2), "the settled index was committed");
        Assert.That(reopened.DocumentCount, Is.EqualTo(240));
    }

    [Test]
    public void A_small_batch_does_not_make_a_large_index_settle()
    {
        var options = new CatalogIndexOptions { SettledSegments = 1, SettleMinimumDocuments = 10, SettleAfterShare = 0.5, BackgroundMerges = false };
        using var index = new CatalogIndex(_folder, options);
        var first = Enumerable.Range(0, 100).Select(i => TestRecords.Make($"a{i}", "湖北省农业科学")).ToList();
        index.Apply([.. first.Select((r, i) => new RecordChange(i + 1, r.Id, false))], first);
        Assert.That(index.Settle(), Is.True);
        Assert.That(index.SegmentCount, Is.EqualTo(1));
        var few = Enumerable.Range(0, 20).Select(i => TestRecords.Make($"n{i}", "武汉光谷")).ToList();
        index.Apply([.. few.Select((r, i) => new RecordChange(101 + i, r.Id, false))], few);
        Assert.That(index.SegmentCount, Is.GreaterThan(1));
        Assert.That(index.ShouldSettle, Is.False, "20 documents are less than half of 120");
    }

    [Test]
    public void A_due_settle_is_still_due_after_a_restart()
    {
        var options = new CatalogIndexOptions { SettledSegments = 1, SettleMinimumDocuments = 50, SettleAfterShare = 0.1, IndexingThreads = 1 };
        using (var index = new CatalogIndex(_folder, options))
        {
            for (var batch = 0; batch < 3; batch++)
            {
                var records = Enumerable.Range(0, 20).Select(i => TestRecords.Make($"r{batch}-{i}", "湖北省农业科学")).ToList();
                index.Apply([.. records.Select((r, i) => new RecordChange(batch * 20 + i + 1, r.Id, false))], records);
            }

            Assert.That(index.ShouldSettle, Is.True);
        }

        using (var reopened = new CatalogIndex(_folder, options))
        {
            Assert.That(reopened.ShouldSettle, Is.True, "the 60 documents written are remembered in the commit");
            Assert.That(reopened.Settle(), Is.True);
        }

        using var settled = new CatalogIndex(_folder, options);
        Assert.That(settled.ShouldSettle, Is.False, "nothing written since the settle");
    }

    [Test]
    public void Settling_is_off_with_zero_segments()
    {
        using var index = new CatalogIndex(_folder, new CatalogIndexOptions { SettledSegments = 0, SettleMinimumDocuments = 0 });
        var a = TestRecords.Make("a", "湖北省农业科学");
        index.Apply([new RecordChange(1, a.Id, false)], [a]);
        Assert.That(index.ShouldSettle, Is.False);
        Assert.That(index.Settle(), Is.False);
    }
}

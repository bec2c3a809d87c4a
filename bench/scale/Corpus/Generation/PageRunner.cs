using System.Collections.Concurrent;
using Search.Bench.Corpus.Measure;
using Search.Bench.Corpus.Output;

namespace Search.Bench.Corpus.Generation;

/// <summary>
/// Writes every page, on one thread or several: each worker owns a generator, a record and a page writer; pages
/// are handed back in order, and their words replayed into the one meter, so the files and the measurements do
/// not depend on the number of threads. At most two pages per worker are in flight (memory stays flat).
/// </summary>
internal sealed class PageRunner
{
    private readonly ulong _seed;
    private readonly CorpusModel _model;
    private readonly string _folder;
    private readonly long _records;
    private readonly int _perFile;

    public PageRunner(ulong seed, CorpusModel model, string folder, long records, int perFile)
    {
        _seed = seed;
        _model = model;
        _folder = folder;
        _records = records;
        _perFile = perFile;
    }

    public int Pages => new DumpWriter(_folder, _records, _perFile).Pages;

    /// <summary>Writes all pages; <paramref name="afterRecord"/> runs after each record's words reached the meter.</summary>
    public async Task<long> RunAsync(int threads, VocabularyMeter meter, Action afterRecord)
    {
        var pages = Pages;
        long bytes = 0;
        if (threads == 1)
        {
            var worker = NewWorker();
            var hashes = new WordHashes();
            for (var page = 1; page <= pages; page++)
            {
                hashes.Clear();
                bytes += worker.Writer.WritePage(page, worker.Generator, worker.Record, hashes);
                hashes.Replay(meter, afterRecord);
            }

            return bytes;
        }

        using var workers = new BlockingCollection<Worker>(threads);
        for (var i = 0; i < threads; i++)
        {
            workers.Add(NewWorker());
        }

        var hashPool = new ConcurrentBag<WordHashes>();
        var tasks = new Task<(long Bytes, WordHashes Hashes)>[pages + 1];
        var scheduled = 0;
        for (var page = 1; page <= pages; page++)
        {
            while (scheduled < pages && scheduled < page + (2 * threads) - 1)
            {
                var next = ++scheduled;
                tasks[next] = Task.Run(() =>
                {
                    var worker = workers.Take();
                    try
                    {
                        var hashes = hashPool.TryTake(out var reused) ? reused : new WordHashes();
                        hashes.Clear();
                        return (worker.Writer.WritePage(next, worker.Generator, worker.Record, hashes), hashes);
                    }
                    finally
                    {
                        workers.Add(worker);
                    }
                });
            }

            var (size, words) = await tasks[page];
            tasks[page] = null!;
            bytes += size;
            words.Replay(meter, afterRecord);
            hashPool.Add(words);
        }

        return bytes;
    }

    private Worker NewWorker() => new(new RecordGenerator(_seed, _model), new CorpusRecord(), new DumpWriter(_folder, _records, _perFile));

    private sealed record Worker(RecordGenerator Generator, CorpusRecord Record, DumpWriter Writer);
}

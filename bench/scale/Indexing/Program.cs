using Search.Bench.Indexing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Search.Connectors.OaiPmh;
using Search.Connectors.Files;
using Search.Indexer.Analysis;
using Search.Indexer.Schema;
using Search.Indexer.Writing;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

// The engine's indexing cost without HTTP or the store: OAI-PMH dumps read and mapped by the engine's own
// reader and mappers, then (1) every indexed field run through the catalogue analyzer and its tokens
// consumed (the analysis floor), (2) documents built from the schema, (3) the whole index built and committed
// with the writer the engine uses. One JSON line per measurement.
//
//   dotnet run -c Release --project bench/scale/Indexing -- --input <dump folder> [--limit N] [--threads 2] [--index <dir>] [--mode all|analysis|build]
var options = BenchArguments.Parse(args);
if (options.Mode == "search")
{
    SearchBreakdown.Run(options.Index ?? throw new ArgumentException("--index <dir> is required."), options.Input, options.Limit);
    return;
}

if (options.Mode == "merge")
{
    // Merges an index down to --limit segments (how much the segment count costs a search).
    using var directory = Lucene.Net.Store.FSDirectory.Open(options.Index ?? throw new ArgumentException("--index <dir> is required."));
    using var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new CatalogAnalyzer()));
    var watch = Stopwatch.StartNew();
    writer.ForceMerge(options.Limit);
    writer.Commit();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"mode\":\"merge\",\"segments\":{options.Limit},\"seconds\":{watch.Elapsed.TotalSeconds:F1}}}"));
    return;
}

var records = await LoadAsync(options.Input, options.Limit);
Console.Error.WriteLine($"{records.Count} records mapped");
CatalogAnalyzer.Warm();

if (options.Mode is "all" or "analysis")
{
    Report("analysis", records.Count, options.Threads, Time(() => Analyse(records, options.Threads)));
}

if (options.Mode is "breakdown")
{
    // Time per analysis (field suffix), one thread, and the folding char filter alone.
    var analyzer = new CatalogAnalyzer();
    var bySuffix = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
    var texts = records.SelectMany(r => IndexSchema.CreateDocument(r).Fields)
        .Where(f => f.IndexableFieldType.IsIndexed && f.IndexableFieldType.IsTokenized && f.GetStringValue() is not null)
        .Select(f => (f.Name, Text: f.GetStringValue()!)).ToList();
    foreach (var (name, text) in texts)
    {
        var suffix = name;
        var watch = Stopwatch.StartNew();
        using (var stream = analyzer.GetTokenStream(name, text))
        {
            stream.Reset();
            while (stream.IncrementToken())
            {
            }

            stream.End();
        }

        bySuffix[suffix] = bySuffix.GetValueOrDefault(suffix) + watch.Elapsed;
    }

    var (fold, _) = Time(() =>
    {
        foreach (var (_, text) in texts)
        {
            _ = ChineseFolding.Fold(text);
        }
    });
    foreach (var (suffix, elapsed) in bySuffix.OrderByDescending(p => p.Value))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"analysis\":\"{suffix}\",\"seconds\":{elapsed.TotalSeconds:F2}}}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"analysis\":\"folding only\",\"values\":{texts.Count},\"seconds\":{fold.TotalSeconds:F2}}}"));
}

if (options.Mode is "all" or "documents")
{
    Report("documents", records.Count, options.Threads, Time(() => Parallel.ForEach(
        Partition(records, options.Threads),
        new ParallelOptions { MaxDegreeOfParallelism = options.Threads },
        part =>
        {
            foreach (var record in part)
            {
                _ = IndexSchema.CreateDocument(record);
            }
        })));
}

if (options.Mode is "all" or "build")
{
    var folder = options.Index ?? Path.Combine(Path.GetTempPath(), "bench-index-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }

    var elapsed = Time(() =>
    {
        // As the synchronizer does: chunks of the change log, the searchers refreshed and committed at the end.
        using var index = new CatalogIndex(folder);
        const int chunk = 2000;
        for (var start = 0; start < records.Count; start += chunk)
        {
            var part = records.GetRange(start, Math.Min(chunk, records.Count - start));
            var changes = part.Select((r, i) => new Search.Ingestion.Storage.RecordChange(start + i + 1, r.Id, false)).ToList();
            index.Apply(changes, part);
        }
    });
    var bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
    Report("build", records.Count, options.Threads, elapsed, $",\"indexBytes\":{bytes}");
    if (options.Index is null)
    {
        Directory.Delete(folder, recursive: true);
    }
}

static void Report(string step, int records, int threads, (TimeSpan Wall, TimeSpan Cpu) elapsed, string extra = "") =>
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"step\":\"{step}\",\"records\":{records},\"threads\":{threads},\"seconds\":{elapsed.Wall.TotalSeconds:F2},\"recordsPerSecond\":{records / elapsed.Wall.TotalSeconds:F0},\"cpuSeconds\":{elapsed.Cpu.TotalSeconds:F2},\"recordsPerCpuSecond\":{records / elapsed.Cpu.TotalSeconds:F0}{extra}}}"));

// Wall time, and the process's processor time (what the work cost, whatever else the machine was doing).
static (TimeSpan Wall, TimeSpan Cpu) Time(Action action)
{
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    action();
    process.Refresh();
    return (watch.Elapsed, process.TotalProcessorTime - cpu);
}

static IEnumerable<List<CatalogRecord>> Partition(List<CatalogRecord> records, int parts) =>
    Enumerable.Range(0, parts).Select(p => records.Where((_, i) => i % parts == p).ToList());

static void Analyse(List<CatalogRecord> records, int threads)
{
    Parallel.ForEach(Partition(records, threads), new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
    {
        using var analyzer = new CatalogAnalyzer();
        foreach (var record in part)
        {
            foreach (var field in IndexSchema.CreateDocument(record).Fields)
            {
                if (field.IndexableFieldType.IsIndexed && field.IndexableFieldType.IsTokenized && field.GetStringValue() is { } text)
                {
                    using var stream = analyzer.GetTokenStream(field.Name, text);
                    var term = stream.AddAttribute<ICharTermAttribute>();
                    stream.Reset();
                    while (stream.IncrementToken())
                    {
                        _ = term.Length;
                    }

                    stream.End();
                }
            }
        }
    });
}

static async Task<List<CatalogRecord>> LoadAsync(string folder, int limit)
{
    var mappers = new MapperRegistry(DefaultMappers.All());
    var reader = new OaiPmhFileFormatReader();
    var settings = JsonDocument.Parse("{}").RootElement;
    var records = new List<CatalogRecord>();
    foreach (var file in Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    {
        await using var stream = File.OpenRead(file);
        var content = await reader.ReadAsync(stream, new FileReadContext("bench", Path.GetFileName(file), settings), CancellationToken.None);
        foreach (var harvested in content.Records.Where(r => !r.Deleted && r.Payload is not null))
        {
            records.Add(mappers.Map(harvested));
            if (records.Count >= limit)
            {
                return records;
            }
        }
    }

    return records;
}

internal sealed record BenchArguments(string Input, int Limit, int Threads, string? Index, string Mode)
{
    public static BenchArguments Parse(string[] args)
    {
        string? input = null, index = null;
        var limit = int.MaxValue;
        var threads = 2;
        var mode = "all";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i++])
            {
                case "--input": input = value; break;
                case "--index": index = value; break;
                case "--limit": limit = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--mode": mode = value; break;
                default: throw new ArgumentException($"Unknown option {args[i - 1]}.");
            }
        }

        return new BenchArguments(input ?? throw new ArgumentException("--input <dump folder> is required."), limit, threads, index, mode);
    }
}

using System.Diagnostics;
using System.Globalization;
using Search.Bench.Relevance;
using Search.Indexer.Search;
using Search.Indexer.Writing;

// bench/relevance: builds an in-memory index of the CSL papers, real records from a sample folder and
// labelled CSL-derived distractors, runs the known-item judgement sets and prints MRR@10, recall@10, nDCG@10.
// Usage: dotnet run --project bench/relevance -c Release -- [--data <sample-data folder>] [--size 12000]
//        [--seed 42] [--bigrams 2000] [--judgements <file to write>]
var options = Args.Parse(args);
var repo = Args.RepoRoot();
var csl = BenchCorpus.LoadCsl(Path.Combine(repo, "tests", "TestData", "csl", "csl-dev-1000.jsonl"));
var real = options.Data is null ? [] : await RealRecords.LoadAsync(options.Data);
var corpus = BenchCorpus.Build(csl, real, options.Size, options.Seed);
var traditional = new ChineseTraditional(Path.Combine(AppContext.BaseDirectory, "Data"));
var judgements = JudgementSets.Build(corpus, traditional, options.Seed);
if (options.JudgementsFile is not null)
{
    await File.WriteAllLinesAsync(options.JudgementsFile, judgements.Select(j => $"{j.Set}\t{j.Query}\t{string.Join(' ', j.Relevant)}"));
}

var clock = Stopwatch.StartNew();
using var index = CatalogIndex.InMemory();
index.Upsert([.. corpus.All]);
var indexing = clock.Elapsed;
var search = new SearchService(index);
clock.Restart();
var scores = JudgementSets.Run(search, judgements);
var querying = clock.Elapsed;
var (bigramsChecked, missed) = JudgementSets.CheckBigrams(search, corpus, options.Bigrams, options.Seed);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"corpus: {corpus.Papers.Count} CSL papers + {real.Count} real records of other kinds + {corpus.Others.Count - real.Count} CSL-derived distractors = {corpus.Papers.Count + corpus.Others.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"indexing {indexing.TotalSeconds:F1} s; {judgements.Count} queries in {querying.TotalSeconds:F1} s"));
Console.WriteLine();
Console.WriteLine(SetScore.Header);
foreach (var score in scores)
{
    Console.WriteLine(score.Row());
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"2-character substrings: {bigramsChecked} checked, {missed.Count} missed a record whose title contains them{(missed.Count > 0 ? ": " + string.Join(", ", missed.Take(10)) : "")}"));

if (args.Contains("--show-misses"))
{
    foreach (var set in judgements.Select(j => j.Set).Distinct())
    {
        Console.WriteLine(set + " misses: " + string.Join(" | ", JudgementSets.Misses(search, judgements, set).Take(40)));
    }
}

internal sealed record Args(string? Data, int Size, int Seed, int Bigrams, string? JudgementsFile)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Args(Value("--data"), Number("--size", 12_000), Number("--seed", 42), Number("--bigrams", 2000), Value("--judgements"));
    }

    /// <summary>The repository root: the first parent folder of the working directory holding Search.sln.</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Search.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository.");
    }
}

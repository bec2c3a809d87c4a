using System.Diagnostics;
using System.Globalization;
using Search.Bench.Relevance;
using Search.Indexer.Search;
using Search.Indexer.Writing;

// bench/relevance: builds an in-memory index of the CSL papers, real records from a sample folder and
// labelled distractors, runs the known-item judgement sets and prints MRR@10, recall@10, nDCG@10.
// Two distractor sets: "salad" (titles, keywords and sentences cut from random papers) and "neighbours"
// (the whole title, keyword list and abstract of three other papers of one discipline, in two folds).
// Usage: dotnet run --project bench/relevance -c Release -- [--data <sample-data folder>] [--size 12000]
//        [--seed 42] [--bigrams 2000] [--distractors salad|neighbours|both] [--judgements <file to write>]
//        [--show-misses] [--probe <query> [--explain]]
var options = Args.Parse(args);
var repo = Args.RepoRoot();
var cslPath = Path.Combine(repo, "tests", "TestData", "csl", "csl-dev-1000.jsonl");
var real = options.Data is null ? [] : await RealRecords.LoadAsync(options.Data);
var traditional = new ChineseTraditional(Path.Combine(AppContext.BaseDirectory, "Data"));
var judgementLines = new List<string>();

if (options.Distractors is "salad" or "both")
{
    // Each corpus gets its own copy of the papers: building one gives them their synthetic authors.
    var corpus = BenchCorpus.Build(BenchCorpus.LoadCsl(cslPath), real, options.Size, options.Seed);
    Measure("salad distractors (word salads cut from the CSL papers)", [corpus], BenchCorpus.DistractorSource);
}

if (options.Distractors is "neighbours" or "both")
{
    var categories = BenchCorpus.LoadCslCategories(cslPath);
    var folds = Enumerable.Range(0, 2)
        .Select(fold => BenchCorpus.BuildNeighbours(BenchCorpus.LoadCsl(cslPath), categories, real, options.Size, options.Seed, fold))
        .ToList();
    Measure("neighbour distractors (whole title, keywords and abstract of three other papers of one discipline; 2 folds)", folds, BenchCorpus.NeighbourSource);
}

if (options.JudgementsFile is not null)
{
    await File.WriteAllLinesAsync(options.JudgementsFile, judgementLines);
}

void Measure(string name, IReadOnlyList<BenchCorpus> corpora, string distractorSource)
{
    var ranked = new List<(Judgement Judgement, IReadOnlyList<string> Ranked)>();
    var indexing = TimeSpan.Zero;
    var querying = TimeSpan.Zero;
    var bigramsChecked = 0;
    var missed = new List<string>();
    var collisions = new Dictionary<string, (int Queries, int ByAnother, int ByDistractor, int ByTen)>(StringComparer.Ordinal);
    foreach (var corpus in corpora)
    {
        var judgements = JudgementSets.Build(corpus, traditional, options.Seed);
        judgementLines.AddRange(judgements.Select(j => $"{distractorSource}\t{j.Set}\t{j.Query}\t{string.Join(' ', j.Relevant)}"));
        foreach (var set in new[] { JudgementSets.Keywords, JudgementSets.Fragment })
        {
            var (q, another, distractor, ten) = JudgementSets.Collisions(corpus, judgements, set, distractorSource);
            var sum = collisions.GetValueOrDefault(set);
            collisions[set] = (sum.Queries + q, sum.ByAnother + another, sum.ByDistractor + distractor, sum.ByTen + ten);
        }

        var clock = Stopwatch.StartNew();
        using var index = CatalogIndex.InMemory();
        index.Upsert([.. corpus.All]);
        indexing += clock.Elapsed;
        var search = new SearchService(index);
        clock.Restart();
        ranked.AddRange(JudgementSets.Rank(search, judgements));
        querying += clock.Elapsed;
        foreach (var probe in options.Probes)
        {
            // --probe <query>: the top 10 of a query on each corpus (* marks a judged paper); with --explain, Lucene's
            // explanation for the top hit and for the known item of that query (for looking into misses).
            var result = search.Search(new SearchRequest { Query = probe, Size = 10 });
            Console.WriteLine($"probe [{probe}] {result.Total} hits: " + string.Join(" | ", result.Hits.Select(h => (corpus.Judged.Any(id => id == h.Id) ? "*" : "") + h.Id[..Math.Min(8, h.Id.Length)] + " " + h.Title)));
            var known = judgements.FirstOrDefault(j => j.Query == probe);
            if (args.Contains("--explain") && known is not null && result.Hits.Count > 0)
            {
                Console.WriteLine("top hit: " + search.Explain(result.Hits[0].Id, new SearchRequest { Query = probe }));
                Console.WriteLine("known item: " + search.Explain(known.Relevant[0], new SearchRequest { Query = probe }));
            }
        }

        var (count, miss) = JudgementSets.CheckBigrams(search, corpus, options.Bigrams / corpora.Count, options.Seed);
        bigramsChecked += count;
        missed.AddRange(miss);
    }

    var first = corpora[0];
    Console.WriteLine("## " + name);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"corpus: {first.Papers.Count} CSL papers + {real.Count} real records of other kinds + {first.Others.Count - real.Count} distractors = {first.Papers.Count + first.Others.Count}{(corpora.Count > 1 ? $" per fold, {corpora.Count} folds" : "")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"indexing {indexing.TotalSeconds:F1} s; {ranked.Count} queries in {querying.TotalSeconds:F1} s"));
    Console.WriteLine();
    Console.WriteLine(SetScore.Header);
    foreach (var score in JudgementSets.Score(ranked))
    {
        Console.WriteLine(score.Row());
    }

    Console.WriteLine();
    foreach (var (set, (queries, another, distractor, ten)) in collisions)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling, {set}: {another} of {queries} queries ({(double)another / Math.Max(1, queries):P1}) are satisfied as exactly by another record ({(set == JudgementSets.Fragment ? "the fragment in its title" : "both are whole keywords of it")}), {distractor} by a distractor, {ten} by ten or more records"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"2-character substrings: {bigramsChecked} checked, {missed.Count} missed a record whose title contains them{(missed.Count > 0 ? ": " + string.Join(", ", missed.Take(10)) : "")}"));
    if (args.Contains("--show-misses"))
    {
        foreach (var set in ranked.Select(r => r.Judgement.Set).Distinct())
        {
            Console.WriteLine(set + " not first: " + string.Join(" | ", JudgementSets.Misses(ranked, set, 1).Take(60)));
            Console.WriteLine(set + " not in the top 10: " + string.Join(" | ", JudgementSets.Misses(ranked, set, 10).Take(40)));
        }
    }

    Console.WriteLine();
}

internal sealed record Args(string? Data, int Size, int Seed, int Bigrams, string? JudgementsFile, string Distractors, IReadOnlyList<string> Probes)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var distractors = Value("--distractors") ?? "both";
        if (distractors is not ("salad" or "neighbours" or "both"))
        {
            throw new ArgumentException("--distractors is salad, neighbours or both.");
        }

        var probes = args.Select((a, i) => (a, i)).Where(p => p.a == "--probe" && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
        return new Args(Value("--data"), Number("--size", 12_000), Number("--seed", 42), Number("--bigrams", 2000), Value("--judgements"), distractors, probes);
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

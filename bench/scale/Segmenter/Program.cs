using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ICU4N.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Search.Indexer.Analysis.SmartCn;

// Micro benchmark of the _zh analysis: SmartChineseAnalyzer against FastSmartCnAnalyzer over the abstracts of
// the CSL sample, one thread, each text through GetTokenStream as the index writer consumes it.
var rounds = 20;
for (var i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--rounds")
    {
        rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

var abstracts = LoadAbstracts();
var characters = abstracts.Sum(a => a.Length);
Console.WriteLine($"{abstracts.Count} CSL abstracts, {characters / (double)abstracts.Count:F0} characters on average; one thread");
Console.WriteLine($"time: the abstracts in slices of {SliceSize}, each slice timed {rounds} times, the analyzers taking turns over all slices, the fastest time of each slice added up");
Console.WriteLine("(the machine is shared: the fastest of several runs is the one least disturbed)");
Console.WriteLine();
Console.WriteLine("| analyzer | µs per abstract | abstracts/s | allocated per abstract | tokens |");
Console.WriteLine("| --- | --- | --- | --- | --- |");

var analyzers = new (string Name, Analyzer Analyzer)[]
{
    ("SmartChineseAnalyzer", new SmartChineseAnalyzer(LuceneVersion.LUCENE_48)),
    ("FastSmartCnAnalyzer", new FastSmartCnAnalyzer()),
    ("FastSmartCnTokenizer alone", new TokenizerOnly(withStemmer: false)),
    ("FastSmartCnTokenizer + PorterStemFilter", new TokenizerOnly(withStemmer: true)),
};
var slices = abstracts.Chunk(SliceSize).Select(c => c.ToList()).ToList();
var best = new double[analyzers.Length, slices.Count];
var allocated = new long[analyzers.Length];
var tokens = new long[analyzers.Length];
for (var a = 0; a < analyzers.Length; a++)
{
    // Warm-up (JIT, dictionaries) and the allocation of one whole pass, measured after it.
    tokens[a] = Run(analyzers[a].Analyzer, abstracts);
    var before = GC.GetAllocatedBytesForCurrentThread();
    Run(analyzers[a].Analyzer, abstracts);
    allocated[a] = GC.GetAllocatedBytesForCurrentThread() - before;
    for (var s = 0; s < slices.Count; s++)
    {
        best[a, s] = double.MaxValue;
    }
}

for (var r = 0; r < rounds; r++)
{
    for (var a = 0; a < analyzers.Length; a++)
    {
        // One untimed slice first: the analyzer before may have pushed this one's tables out of the caches.
        Run(analyzers[a].Analyzer, slices[^1]);
        for (var s = 0; s < slices.Count; s++)
        {
            var watch = Stopwatch.StartNew();
            Run(analyzers[a].Analyzer, slices[s]);
            best[a, s] = Math.Min(best[a, s], watch.Elapsed.TotalMicroseconds);
        }
    }
}

for (var a = 0; a < analyzers.Length; a++)
{
    var total = 0.0;
    for (var s = 0; s < slices.Count; s++)
    {
        total += best[a, s];
    }

    var perText = total / abstracts.Count;
    Console.WriteLine($"| {analyzers[a].Name} | {perText:F1} | {1e6 / perText:F0} | {allocated[a] / (double)abstracts.Count:F0} B | {tokens[a]} |");
    analyzers[a].Analyzer.Dispose();
}

MeasureSentences(abstracts, rounds);

static long Run(Analyzer analyzer, List<string> texts)
{
    long tokens = 0;
    foreach (var text in texts)
    {
        using var stream = analyzer.GetTokenStream("abstract_zh", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens += term.Length > 0 ? 1 : 0;
        }

        stream.End();
    }

    return tokens;
}

// What the sentence iterator alone costs (both analyzers share it).
static void MeasureSentences(List<string> texts, int rounds)
{
    var iterator = BreakIterator.GetSentenceInstance(CultureInfo.InvariantCulture);
    var best = double.MaxValue;
    var sentences = 0;
    for (var r = 0; r <= rounds; r++)
    {
        sentences = 0;
        var watch = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            iterator.SetText(text);
            while (iterator.Next() != BreakIterator.Done)
            {
                sentences++;
            }
        }

        watch.Stop();
        if (r > 0)
        {
            best = Math.Min(best, watch.Elapsed.TotalMicroseconds);
        }
    }

    Console.WriteLine();
    Console.WriteLine($"ICU sentence iterator alone: {best / texts.Count:F1} µs per abstract ({sentences} sentences)");
}

static List<string> LoadAbstracts()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Search.sln")))
    {
        directory = directory.Parent;
    }

    if (directory is null)
    {
        throw new InvalidOperationException("Run from inside the repository (Search.sln not found above the program).");
    }

    var texts = new List<string>();
    foreach (var line in File.ReadLines(Path.Combine(directory.FullName, "tests", "TestData", "csl", "csl-dev-1000.jsonl")))
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            continue;
        }

        using var json = JsonDocument.Parse(line);
        if (json.RootElement.GetProperty("abstract").GetString() is { Length: > 0 } text)
        {
            texts.Add(text);
        }
    }

    return texts;
}

/// <summary>The fast tokenizer without the filters that follow it, to see what each part costs.</summary>
internal sealed class TokenizerOnly(bool withStemmer) : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new FastSmartCnTokenizer(reader);
        return withStemmer ? new TokenStreamComponents(tokenizer, new Lucene.Net.Analysis.En.PorterStemFilter(tokenizer)) : new TokenStreamComponents(tokenizer);
    }
}

internal static partial class Program
{
    private const int SliceSize = 50;
}

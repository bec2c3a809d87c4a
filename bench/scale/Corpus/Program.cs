using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Search.Bench.Corpus;
using Search.Bench.Corpus.Generation;
using Search.Bench.Corpus.Measure;
using Search.Bench.Corpus.Output;
using Search.Bench.Corpus.Sources;
using Search.Bench.Corpus.Verify;

// Deterministic corpus generator for the scale benchmark: see README.md beside this file.
Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

var f = CultureInfo.InvariantCulture;
var folder = Path.GetFullPath(options.Out);
if (options.VerifyOnly)
{
    return await VerifyAsync(folder, options.Analyze) ? 0 : 1;
}

Directory.CreateDirectory(folder);
string[] outputs = ["queries.tsv", "known-items.tsv", "corpus.json"];
foreach (var stale in Directory.GetFiles(folder, "ListRecords-*.xml").Concat(outputs.Select(n => Path.Combine(folder, n))))
{
    File.Delete(stale);
}

var clock = Stopwatch.StartNew();
var paths = InputPaths.Find(options.Data);
var model = CorpusModel.Build(options.Seed, paths);
Console.WriteLine($"model: {model.Papers} CSL papers, {model.Disciplines.Count} disciplines; Chinese text model {model.Chinese.Symbols:N0} symbols " +
    $"({model.Chinese.StructuralWords:N0} structural words), {model.Chinese.RealContentTerms:N0} real content terms, {model.Chinese.RealKeywords:N0} real keywords; " +
    (model.English is { } en ? $"English model from {en.AbstractSequences} sample records; " : "no English model (no samples); ") +
    $"{model.Samples.PersonalNames.Count} Western names, {model.Samples.Publishers.Count} publishers, {model.Samples.IpcCodes.Count} IPC codes from {model.Samples.FilesRead} sample files; " +
    $"{model.Institutions.Count:N0} institutions, {model.Journals.Count:N0} journals ({clock.Elapsed.TotalSeconds:F1} s)");

var meter = new VocabularyMeter();
var checkpoints = new List<(long Records, long Tokens, int Vocabulary)>();
var next = 1000L;
var done = 0L;
var runner = new PageRunner(options.Seed, model, folder, options.Records, options.PerFile);
clock.Restart();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var lastReport = clock.Elapsed;
var bytes = await runner.RunAsync(options.Threads, meter, () =>
{
    done++;
    if (done == next || done == options.Records)
    {
        checkpoints.Add((done, meter.Tokens, meter.Vocabulary));
        while (next <= done)
        {
            next = NextCheckpoint(next);
        }
    }

    if ((done & 0x3FFF) == 0 && clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
    {
        lastReport = clock.Elapsed;
        Console.Error.WriteLine($"  {done:N0} records, {done / clock.Elapsed.TotalSeconds:N0}/s, vocabulary {meter.Vocabulary:N0}");
    }
});
var seconds = clock.Elapsed.TotalSeconds;
var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
Console.WriteLine($"wrote {options.Records:N0} records in {runner.Pages:N0} files, {bytes / 1048576.0:N1} MiB ({bytes / (double)options.Records:N0} bytes/record) " +
    $"in {seconds:F1} s on {options.Threads} thread(s): {options.Records / seconds:N0} records/s; {cpuSeconds:F1} s of CPU: {options.Records / cpuSeconds:N0} records per CPU-second");
WriteSummary(runner.Pages, bytes);

Console.WriteLine("vocabulary (distinct words in titles, abstracts and keywords, numbers excluded):");
(long Records, long Tokens, int Vocabulary)? previous = null;
foreach (var c in checkpoints)
{
    var beta = previous is { } p && c.Tokens > p.Tokens
        ? string.Create(f, $"  local beta {Math.Log((double)c.Vocabulary / p.Vocabulary) / Math.Log((double)c.Tokens / p.Tokens):F2}")
        : "";
    Console.WriteLine(string.Create(f, $"  {c.Records,11:N0} records  N = {c.Tokens,14:N0} tokens  V = {c.Vocabulary,11:N0}  K = {c.Vocabulary / Math.Pow(c.Tokens, 0.55),6:F1} (at beta 0.55){beta}"));
    previous = c;
}

var (ranks, hapax, slope) = meter.Distribution();
Console.WriteLine(string.Create(f, $"rank-frequency: {string.Join(", ", ranks.Select(r => $"f({r.Rank:N0}) = {r.Frequency:N0}"))}; slope {slope:F2} over ranks 10..V/10; words seen once {100 * hapax:F1}%"));

if (options.Queries > 0 || options.KnownItems > 0)
{
    clock.Restart();
    var queries = new QueryWriter(options.Seed, options.Records, new RecordGenerator(options.Seed, model));
    if (options.Queries > 0)
    {
        var kinds = queries.WriteQueries(Path.Combine(folder, "queries.tsv"), options.Queries);
        Console.WriteLine($"queries.tsv: {kinds.Values.Sum():N0} queries ({string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))})");
    }

    if (options.KnownItems > 0)
    {
        var written = queries.WriteKnownItems(Path.Combine(folder, "known-items.tsv"), options.KnownItems);
        Console.WriteLine($"known-items.tsv: {written:N0} rows (two-keyword set first, then the fragment set) in {clock.Elapsed.TotalSeconds:F1} s");
    }
}

Console.WriteLine($"source for the engine: {{\"name\": \"scale\", \"connector\": \"file\", \"settings\": {{\"path\": \"{folder}\", \"format\": \"oai-pmh\"}}, \"schedule\": null}}");
return options.Verify && !await VerifyAsync(folder, options.Analyze) ? 1 : 0;

static long NextCheckpoint(long current)
{
    var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(current)));
    return (current / magnitude) switch { 1 => 2 * magnitude, 2 => 5 * magnitude, _ => 10 * magnitude };
}

static async Task<bool> VerifyAsync(string folder, int analyze)
{
    Console.WriteLine($"verify {folder}:");
    var clock = Stopwatch.StartNew();
    var ok = await DumpVerifier.RunAsync(folder, analyze, Console.Out);
    var queries = Path.Combine(folder, "queries.tsv");
    if (File.Exists(queries))
    {
        ok &= DumpVerifier.CheckQueries(queries, Console.Out);
    }

    Console.WriteLine($"verify {(ok ? "passed" : "FAILED")} in {clock.Elapsed.TotalSeconds:F1} s");
    return ok;
}

// The summary holds only what the seed determines (no timings), so it is byte-identical too.
void WriteSummary(int files, long bytes)
{
    using var stream = File.Create(Path.Combine(folder, "corpus.json"));
    using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    json.WriteStartObject();
    json.WriteString("generator", "bench/scale/Corpus");
    json.WriteNumber("seed", options.Seed);
    json.WriteNumber("records", options.Records);
    json.WriteNumber("perFile", options.PerFile);
    json.WriteNumber("files", files);
    json.WriteNumber("bytes", bytes);
    json.WriteString("identifiers", "oai:scale.example:1 .. oai:scale.example:" + options.Records.ToString(f));
    json.WriteStartArray("vocabulary");
    foreach (var c in checkpoints)
    {
        json.WriteStartObject();
        json.WriteNumber("records", c.Records);
        json.WriteNumber("tokens", c.Tokens);
        json.WriteNumber("distinct", c.Vocabulary);
        json.WriteEndObject();
    }

    json.WriteEndArray();
    json.WriteEndObject();
}

using System.Globalization;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using Search.Indexer.Analysis;
using Search.Indexer.Query;
using Search.Indexer.Query.Cql;
using Search.Indexer.Search;
using Search.Ingestion.Mapping;

namespace Search.Bench.Corpus.Verify;

/// <summary>
/// Reads a generated folder back with the engine's own code: the OAI-PMH reader (as the file connector does),
/// the oai_dc mapper, the engine's analyzer (SmartCn words and CJK bigrams, to measure the vocabulary the index
/// would hold) and the query parsers (box, expert, CQL) for every query written.
/// </summary>
internal static class DumpVerifier
{
    public static async Task<bool> RunAsync(string folder, int analyzeLimit, TextWriter output)
    {
        var files = Directory.GetFiles(folder, "ListRecords-*.xml").Order(StringComparer.Ordinal).ToArray();
        var mapper = new OaiDcMapper();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var dois = new HashSet<string>(StringComparer.Ordinal);
        var isbns = new HashSet<string>(StringComparer.Ordinal);
        var journals = new Dictionary<string, int>(StringComparer.Ordinal);
        var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var languages = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var years = new SortedDictionary<int, int>();
        long records = 0, mapped = 0, quarantined = 0, problems = 0, duplicates = 0, withDoi = 0, duplicateDois = 0, withIsbn = 0, brokenChain = 0;
        long authors = 0, keywords = 0, titleChars = 0, abstractChars = 0, withSource = 0, withVolume = 0;
        DateTimeOffset? earliest = null, latest = null;
        string? expectedToken = null;

        using var analyzer = new CatalogAnalyzer();
        var words = new HashSet<string>(StringComparer.Ordinal);
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        long wordTokens = 0;
        var checkpoints = new List<(long Records, long Tokens, int Words, int Bigrams)>();
        var nextCheckpoint = 1000L;

        foreach (var file in files)
        {
            OaiPmhListPage page;
            await using (var stream = File.OpenRead(file))
            {
                page = await OaiPmhResponseReader.ReadListAsync(stream, "scale", null, CancellationToken.None);
            }

            if (page.Verb != "ListRecords" || page.Error is not null)
            {
                output.WriteLine($"  {Path.GetFileName(file)}: not a ListRecords answer ({page.Error})");
                return false;
            }

            if (expectedToken is not null && !File.ReadLines(file).Take(6).Any(l => l.Contains($"resumptionToken=\"{expectedToken}\"", StringComparison.Ordinal)))
            {
                brokenChain++;
            }

            expectedToken = page.ResumptionToken;
            problems += page.Problems.Count;
            foreach (var harvested in page.Records)
            {
                records++;
                if (!ids.Add(harvested.ExternalId))
                {
                    duplicates++;
                }

                if (harvested.Datestamp is { } stamp)
                {
                    earliest = earliest is null || stamp < earliest ? stamp : earliest;
                    latest = latest is null || stamp > latest ? stamp : latest;
                }

                if (harvested.MetadataFormat != MetadataFormats.OaiDc)
                {
                    quarantined++;
                    continue;
                }

                Search.Ingestion.Model.CatalogRecord record;
                try
                {
                    record = mapper.Map(harvested);
                }
                catch (MappingException)
                {
                    quarantined++;
                    continue;
                }

                mapped++;
                Count(types, record.Type);
                Count(languages, record.Language ?? "(none)");
                if (record.Year is { } year)
                {
                    years[year / 5 * 5] = years.GetValueOrDefault(year / 5 * 5) + 1;
                }

                authors += record.Authors.Count;
                keywords += record.Keywords.Count;
                titleChars += record.Title.Length;
                abstractChars += record.Abstract?.Length ?? 0;
                if (record.SourceTitle is { } source)
                {
                    withSource++;
                    var comma = source.IndexOf(", ", StringComparison.Ordinal);
                    Count(journals, comma > 0 ? source[..comma] : source);
                    if (record.Volume is not null && record.Issue is not null)
                    {
                        withVolume++;
                    }
                }

                if (record.Identifiers.Doi is { } doi)
                {
                    withDoi++;
                    if (!dois.Add(doi))
                    {
                        duplicateDois++;
                    }
                }

                foreach (var isbn in record.Identifiers.Isbn)
                {
                    withIsbn++;
                    isbns.Add(isbn);
                }

                if (mapped <= analyzeLimit)
                {
                    wordTokens += Analyze(analyzer, "title_zh", record.Title, words) + Analyze(analyzer, "abstract_zh", record.Abstract, words);
                    Analyze(analyzer, "title_bi", record.Title, bigrams);
                    Analyze(analyzer, "abstract_bi", record.Abstract, bigrams);
                    if (mapped == nextCheckpoint || mapped == analyzeLimit)
                    {
                        checkpoints.Add((mapped, wordTokens, words.Count, bigrams.Count));
                        nextCheckpoint = NextCheckpoint(nextCheckpoint);
                    }
                }
            }
        }

        var f = CultureInfo.InvariantCulture;
        output.WriteLine($"  files {files.Length}, records {records:N0}, mapped {mapped:N0}, quarantined {quarantined}, reader problems {problems}, duplicate ids {duplicates}, broken token chain {brokenChain}");
        output.WriteLine($"  datestamps {earliest:yyyy-MM-dd} .. {latest:yyyy-MM-dd}");
        output.WriteLine("  types: " + string.Join(", ", types.Select(t => $"{t.Key} {Percent(t.Value, mapped)}")));
        output.WriteLine("  languages: " + string.Join(", ", languages.Select(t => $"{t.Key} {Percent(t.Value, mapped)}")));
        output.WriteLine("  years (5-year bins): " + string.Join(", ", years.Select(y => $"{y.Key}: {Percent(y.Value, mapped)}")));
        output.WriteLine($"  sources (journals, proceedings) {journals.Count:N0} distinct over {withSource:N0} records; the 10 largest hold {Percent(journals.Values.OrderDescending().Take(10).Sum(), withSource)}; volume+issue parsed for {Percent(withVolume, withSource)}");
        output.WriteLine($"  DOI {Percent(withDoi, mapped)} (duplicates {duplicateDois}), ISBN {withIsbn:N0} ({withIsbn - isbns.Count} repeated)");
        output.WriteLine(string.Create(f, $"  per record: {authors / (double)Math.Max(1, mapped):F2} authors, {keywords / (double)Math.Max(1, mapped):F2} keywords (incl. the CLC/IPC subject), title {titleChars / (double)Math.Max(1, mapped):F1} chars, abstract {abstractChars / (double)Math.Max(1, mapped):F0} chars"));
        output.WriteLine("  the engine's analyzer over titles + abstracts (SmartCn words, CJK bigrams):");
        (long Records, long Tokens, int Words, int Bigrams)? previous = null;
        foreach (var c in checkpoints)
        {
            var beta = previous is { } p && p.Tokens > 0 && c.Tokens > p.Tokens
                ? string.Create(f, $"  local beta {Math.Log((double)c.Words / p.Words) / Math.Log((double)c.Tokens / p.Tokens):F2}")
                : "";
            output.WriteLine($"    {c.Records,9:N0} records  {c.Tokens,12:N0} word tokens  {c.Words,9:N0} distinct words  {c.Bigrams,9:N0} distinct bigram terms{beta}");
            previous = c;
        }

        var cjk = words.Count(w => w.Any(ch => ch >= '\u3400'));
        var digits = words.Count(w => w.All(char.IsAsciiDigit));
        output.WriteLine($"    distinct words: {cjk:N0} Chinese, {digits:N0} numbers, {words.Count - cjk - digits:N0} Latin and other");

        return quarantined == 0 && problems == 0 && duplicates == 0 && brokenChain == 0;
    }

    /// <summary>Parses every query of queries.tsv with the engine's parsers; prints failures.</summary>
    public static bool CheckQueries(string path, TextWriter output)
    {
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = 0;
        foreach (var line in File.ReadLines(path))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var kind = line[..tab];
            var url = line[(tab + 1)..];
            Count(kinds, kind);
            var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&')
                .Select(p => p.Split('=', 2))
                .Select(p => (Name: p[0], Value: Uri.UnescapeDataString(p[1])))
                .ToList();
            var syntax = query.FirstOrDefault(p => p.Name == "syntax").Value ?? "simple";
            try
            {
                foreach (var (name, value) in query.Where(p => p.Name is "q" or "within"))
                {
                    _ = syntax switch
                    {
                        "expert" => ExpertQueryParser.Parse(value),
                        "cql" => CqlToQuery.Convert(CqlParser.Parse(value)),
                        _ => BoxQueryParser.Parse(value).ToNode(),
                    };
                }
            }
            catch (QuerySyntaxException ex)
            {
                if (failures++ < 10)
                {
                    output.WriteLine($"  query does not parse: {kind} {url}: {ex.Message}");
                }
            }
        }

        output.WriteLine($"  queries: {kinds.Values.Sum():N0} ({string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}), {failures} do not parse");
        return failures == 0;
    }

    private static long NextCheckpoint(long current)
    {
        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(current)));
        var lead = current / magnitude;
        return lead switch { 1 => 2 * magnitude, 2 => 5 * magnitude, _ => 10 * magnitude };
    }

    private static int Analyze(CatalogAnalyzer analyzer, string field, string? text, HashSet<string> terms)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var count = 0;
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
            count++;
        }

        stream.End();
        return count;
    }

    private static void Count<TKey>(IDictionary<TKey, int> counts, TKey key) => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    private static string Percent(long part, long whole) => whole == 0 ? "0%" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1}%");
}

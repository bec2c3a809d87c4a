using System.Globalization;
using Search.Indexer.Search;
using Search.Ingestion.Model;

namespace Search.Bench.Relevance;

/// <summary>
/// Known-item judgement sets over the CSL papers: two of a paper's keywords; a six-character fragment of
/// its title cut anywhere; its whole title in traditional characters; one of its (synthetic) authors in
/// pinyin, written as <c>zhang wei</c>, <c>zhangwei</c> or <c>Wei Zhang</c> in turn (relevant: every record
/// by an author of that name).
/// </summary>
public static class JudgementSets
{
    public const string Keywords = "two keywords";
    public const string Fragment = "6-char title fragment";
    public const string Traditional = "whole title, traditional";
    public const string Author = "author in pinyin";

    public static List<Judgement> Build(BenchCorpus corpus, ChineseTraditional traditional, int seed)
    {
        var random = new Random(seed);
        var judgements = new List<Judgement>();
        var byAuthor = corpus.AuthorsById
            .SelectMany(p => p.Value.Select(n => (Key: string.Join(' ', n.Syllables), Id: p.Key)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Id).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var row = 0;
        var paperOf = new List<string>();
        foreach (var paper in corpus.Papers)
        {
            var keywords = paper.Keywords.Where(k => k.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (keywords.Count >= 2)
            {
                var first = random.Next(keywords.Count);
                var second = (first + 1 + random.Next(keywords.Count - 1)) % keywords.Count;
                judgements.Add(new Judgement(Keywords, keywords[first] + " " + keywords[second], [paper.Id], [keywords[first], keywords[second]]));
            }

            var title = paper.Title;
            if (title.Length >= 6)
            {
                var start = random.Next(title.Length - 5);
                if (char.IsLowSurrogate(title[start]))
                {
                    start--;
                }

                judgements.Add(new Judgement(Fragment, title.Substring(start, 6), [paper.Id], [title.Substring(start, 6)]));
            }

            judgements.Add(new Judgement(Traditional, traditional.Convert(title), [paper.Id]));

            if (corpus.AuthorsById.TryGetValue(paper.Id, out var names) && names.Count > 0)
            {
                var name = names[random.Next(names.Count)];
                var syllables = name.Syllables;
                var query = (row % 3) switch
                {
                    0 => syllables[0] + " " + string.Concat(syllables.Skip(1)),
                    1 => string.Concat(syllables),
                    _ => Capital(string.Concat(syllables.Skip(1))) + " " + Capital(syllables[0]),
                };
                judgements.Add(new Judgement(Author, query, byAuthor[string.Join(' ', syllables)]));
            }

            paperOf.AddRange(Enumerable.Repeat(paper.Id, judgements.Count - paperOf.Count));
            row++;
        }

        // Every paper draws its queries (the same ones on every corpus of the same seed); only the judged are kept.
        return judgements.Where((_, i) => corpus.Judged.Contains(paperOf[i])).ToList();
    }

    /// <summary>
    /// The ceiling of a set: how many of its queries some other record satisfies as exactly as the known item
    /// (both keywords are whole keywords of it; the fragment is in its title), in all, among the distractors
    /// of <paramref name="distractorSource"/>, and by ten or more other records (then even the top 10 is not assured).
    /// </summary>
    public static (int Queries, int ByAnother, int ByDistractor, int ByTen) Collisions(BenchCorpus corpus, IEnumerable<Judgement> judgements, string set, string distractorSource)
    {
        var all = corpus.All.ToList();
        var keywordSets = all.ToDictionary(r => r.Id, r => r.Keywords.Select(k => k.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
        int queries = 0, byAnother = 0, byDistractor = 0, byTen = 0;
        foreach (var judgement in judgements.Where(j => j.Set == set && j.Parts is { Count: > 0 }))
        {
            var parts = judgement.Parts!;
            bool Satisfies(CatalogRecord r) => set == Fragment
                ? r.Title.Contains(parts[0], StringComparison.OrdinalIgnoreCase)
                : parts.All(p => keywordSets[r.Id].Contains(p.Trim()));
            var others = all.Where(r => !judgement.Relevant.Contains(r.Id) && Satisfies(r)).ToList();
            queries++;
            byAnother += others.Count > 0 ? 1 : 0;
            byDistractor += others.Any(r => r.SourceId == distractorSource) ? 1 : 0;
            byTen += others.Count >= 10 ? 1 : 0;
        }

        return (queries, byAnother, byDistractor, byTen);
    }


    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Runs every judgement through the search (as the box) and scores each set.</summary>
    public static List<SetScore> Run(SearchService search, IReadOnlyList<Judgement> judgements) => Score(Rank(search, judgements));

    /// <summary>Runs every judgement through the search (as the box): the ids of its top 10.</summary>
    public static List<(Judgement Judgement, IReadOnlyList<string> Ranked)> Rank(SearchService search, IEnumerable<Judgement> judgements) =>
        judgements.Select(j => (j, (IReadOnlyList<string>)search.Search(new SearchRequest { Query = j.Query, Size = 10 }).Hits.Select(h => h.Id).ToList())).ToList();

    /// <summary>The scores of each set of ranked judgements (of one corpus or of several folds together).</summary>
    public static List<SetScore> Score(IEnumerable<(Judgement Judgement, IReadOnlyList<string> Ranked)> ranked) =>
        ranked.GroupBy(r => r.Judgement.Set).Select(g => Metrics.Score(g.Key, g.ToList())).ToList();

    /// <summary>The queries whose relevant records are not at rank 1 (<paramref name="top"/> 1) or not in the top 10.</summary>
    public static IEnumerable<string> Misses(IEnumerable<(Judgement Judgement, IReadOnlyList<string> Ranked)> ranked, string set, int top) =>
        ranked.Where(r => r.Judgement.Set == set && !r.Ranked.Take(top).Any(r.Judgement.Relevant.Contains)).Select(r => r.Judgement.Query);

    /// <summary>
    /// Every two-character CJK substring (a sample of <paramref name="sample"/>) of the papers' titles must find every record of
    /// the corpus whose title contains it. Returns the bigrams checked and those that missed a record.
    /// </summary>
    public static (int Checked, List<string> Missed) CheckBigrams(SearchService search, BenchCorpus corpus, int sample, int seed)
    {
        var random = new Random(seed);
        var bigrams = corpus.Papers
            .SelectMany(p => Enumerable.Range(0, Math.Max(0, p.Title.Length - 1)).Select(i => p.Title.Substring(i, 2)))
            .Where(b => b.All(c => c is >= '\u4E00' and <= '\u9FFF'))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(_ => random.Next())
            .Take(sample)
            .ToList();
        var all = corpus.All.ToList();
        var missed = new List<string>();
        foreach (var bigram in bigrams)
        {
            var expected = all.Where(r => r.Title.Contains(bigram, StringComparison.Ordinal)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var found = new HashSet<string>(StringComparer.Ordinal);
            var page = 1;
            while (found.Count < expected.Count || page == 1)
            {
                var result = search.Search(new SearchRequest { Query = bigram, Size = 100, Page = page });
                foreach (var hit in result.Hits)
                {
                    if (expected.Contains(hit.Id))
                    {
                        found.Add(hit.Id);
                    }
                }

                if (result.Hits.Count < 100 || page * 100 >= result.Total)
                {
                    break;
                }

                page++;
            }

            if (found.Count < expected.Count)
            {
                missed.Add(bigram + " " + found.Count.ToString(CultureInfo.InvariantCulture) + "/" + expected.Count.ToString(CultureInfo.InvariantCulture));
            }
        }

        return (bigrams.Count, missed);
    }
}

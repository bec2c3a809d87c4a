using System.Globalization;
using Search.Indexer.Search;

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
        foreach (var paper in corpus.Papers)
        {
            var keywords = paper.Keywords.Where(k => k.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (keywords.Count >= 2)
            {
                var first = random.Next(keywords.Count);
                var second = (first + 1 + random.Next(keywords.Count - 1)) % keywords.Count;
                judgements.Add(new Judgement(Keywords, keywords[first] + " " + keywords[second], [paper.Id]));
            }

            var title = paper.Title;
            if (title.Length >= 6)
            {
                var start = random.Next(title.Length - 5);
                if (char.IsLowSurrogate(title[start]))
                {
                    start--;
                }

                judgements.Add(new Judgement(Fragment, title.Substring(start, 6), [paper.Id]));
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

            row++;
        }

        return judgements;
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>Runs every judgement through the search (as the box) and scores each set.</summary>
    public static List<SetScore> Run(SearchService search, IReadOnlyList<Judgement> judgements) =>
        judgements.GroupBy(j => j.Set)
            .Select(g => Metrics.Score(g.Key, g.Select(j => (j, (IReadOnlyList<string>)search.Search(new SearchRequest { Query = j.Query, Size = 10 }).Hits.Select(h => h.Id).ToList())).ToList()))
            .ToList();

    /// <summary>The queries of a set whose relevant records are not in the top 10 (for looking into misses).</summary>
    public static List<string> Misses(SearchService search, IEnumerable<Judgement> judgements, string set) =>
        judgements.Where(j => j.Set == set)
            .Where(j => !search.Search(new SearchRequest { Query = j.Query, Size = 10 }).Hits.Any(h => j.Relevant.Contains(h.Id)))
            .Select(j => j.Query)
            .ToList();

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

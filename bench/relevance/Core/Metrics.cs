namespace Search.Bench.Relevance;

/// <summary>A judged query: the text as typed, the ids that are relevant to it and the pieces it was made of (two keywords, a fragment).</summary>
public sealed record Judgement(string Set, string Query, IReadOnlyList<string> Relevant, IReadOnlyList<string>? Parts = null);

/// <summary>The scores of one judgement set.</summary>
public sealed record SetScore(string Set, int Queries, double Mrr10, double Recall10, double Ndcg10, double Rank1, double Top10)
{
    public string Row() =>
        $"| {Set} | {Queries} | {Mrr10:F3} | {Recall10:F3} | {Ndcg10:F3} | {Rank1:P1} | {Top10:P1} |";

    public const string Header = "| set | queries | MRR@10 | recall@10 | nDCG@10 | rank 1 | top 10 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |";
}

/// <summary>MRR@10, recall@10, nDCG@10 (binary gains), the share with a relevant hit at rank 1 and in the top 10.</summary>
public static class Metrics
{
    public static SetScore Score(string set, IReadOnlyList<(Judgement Judgement, IReadOnlyList<string> Ranked)> runs)
    {
        double mrr = 0, recall = 0, ndcg = 0, rank1 = 0, top10 = 0;
        foreach (var (judgement, ranked) in runs)
        {
            var relevant = judgement.Relevant.ToHashSet(StringComparer.Ordinal);
            var top = ranked.Take(10).ToList();
            var first = top.FindIndex(relevant.Contains);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
            rank1 += first == 0 ? 1 : 0;
            top10 += first >= 0 ? 1 : 0;
            recall += relevant.Count == 0 ? 0 : (double)top.Count(relevant.Contains) / Math.Min(10, relevant.Count);
            var dcg = top.Select((id, i) => relevant.Contains(id) ? 1.0 / Math.Log2(i + 2) : 0).Sum();
            var ideal = Enumerable.Range(0, Math.Min(10, relevant.Count)).Select(i => 1.0 / Math.Log2(i + 2)).Sum();
            ndcg += ideal == 0 ? 0 : dcg / ideal;
        }

        var n = Math.Max(1, runs.Count);
        return new SetScore(set, runs.Count, mrr / n, recall / n, ndcg / n, rank1 / n, top10 / n);
    }
}

using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Search.Indexer.Analysis;

namespace Search.Indexer.Search;

/// <summary>
/// Lucene's default similarity, but a phrase over the character grams of a Latin or digit run (the <c>_ng</c>
/// fields) weighs as the one piece of text it is: the idf of its rarest gram that occurs, not the sum of the
/// idfs of all its overlapping grams and alternatives. Summed, the grams of a two-letter piece beside Chinese
/// (<c>NA</c> of <c>RNA的提取及</c>, with 36 alternatives for the letter before it, most absent from the index)
/// outweighed a whole title phrase a hundred times. Norms are the default ones, so the index is unchanged.
/// </summary>
public sealed class CatalogSimilarity : DefaultSimilarity
{
    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics[] termStats)
    {
        ArgumentNullException.ThrowIfNull(collectionStats);
        ArgumentNullException.ThrowIfNull(termStats);
        if (!collectionStats.Field.EndsWith(CatalogAnalyzer.NGramSuffix, StringComparison.Ordinal) || termStats.Length < 2)
        {
            return base.IdfExplain(collectionStats, termStats);
        }

        var max = collectionStats.MaxDoc;
        var present = termStats.Where(t => t.DocFreq > 0).ToList();
        var rarest = present.Count == 0 ? termStats[0] : present.MinBy(t => t.DocFreq)!;
        var idf = Idf(rarest.DocFreq, max);
        return new Explanation(idf, $"idf(docFreq={rarest.DocFreq}, maxDocs={max}), the rarest of {termStats.Length} grams");
    }
}

using Lucene.Net.Index;
using Lucene.Net.Util;
using Search.Indexer.Analysis;
using Search.Indexer.Schema;
using Search.Indexer.Writing;

namespace Search.Indexer.Search;

/// <summary>The indexes whose terms can be browsed in order (SRU scan).</summary>
public enum ScanIndex
{
    /// <summary>Title words as the SmartCn field holds them.</summary>
    Title,

    /// <summary>Whole author names, normalized as exact matching stores them.</summary>
    Author,

    /// <summary>Whole keywords and subject headings, normalized as exact matching stores them.</summary>
    Subject,
}

/// <summary>One term of a scan and how many documents hold it.</summary>
public sealed record ScannedTerm(string Term, int Count);

/// <summary>
/// Browses the terms of an index in order around a start term, as SRU scan asks: the term at or after the start
/// is at <c>responsePosition</c> (1-based) of the list; the terms before it are kept in a bounded ring.
/// </summary>
public sealed class TermScanner
{
    private readonly CatalogIndex _index;

    public TermScanner(CatalogIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _index = index;
    }

    /// <summary>
    /// Up to <paramref name="count"/> terms; <paramref name="position"/> minus one of them come before <paramref name="from"/>
    /// (0: the list starts after it).
    /// </summary>
    public IReadOnlyList<ScannedTerm> Scan(ScanIndex index, string from, int position, int count)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var (field, start) = Resolve(index, from);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var terms = MultiFields.GetTerms(searcher.IndexReader, field);
            if (terms is null)
            {
                return [];
            }

            var before = Math.Max(0, position - 1);
            var result = new List<ScannedTerm>(count);
            var iterator = terms.GetEnumerator();
            var target = new BytesRef(start);
            if (before == 0)
            {
                var status = iterator.SeekCeil(target);
                // Position 0: the start term sits just before the list, so an exact match is left out.
                if (status == TermsEnum.SeekStatus.END || (position == 0 && status == TermsEnum.SeekStatus.FOUND && !iterator.MoveNext()))
                {
                    return [];
                }

                Collect(iterator, result, count);
                return result;
            }

            // Terms enumerate forwards only: walk from the first, remembering the last 'before' terms.
            var ring = new Queue<ScannedTerm>(before);
            while (iterator.MoveNext())
            {
                if (iterator.Term.CompareTo(target) >= 0)
                {
                    result.AddRange(ring);
                    Collect(iterator, result, count);
                    return result.Take(count).ToList();
                }

                if (ring.Count == before)
                {
                    ring.Dequeue();
                }

                ring.Enqueue(new ScannedTerm(iterator.Term.Utf8ToString(), iterator.DocFreq));
            }

            return [.. ring.Take(count)];
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>Adds the term the enumerator stands on and those after it, until the list holds <paramref name="count"/>.</summary>
    private static void Collect(TermsEnum iterator, List<ScannedTerm> result, int count)
    {
        do
        {
            result.Add(new ScannedTerm(iterator.Term.Utf8ToString(), iterator.DocFreq));
        }
        while (result.Count < count && iterator.MoveNext());
    }

    private (string Field, string Start) Resolve(ScanIndex index, string from) => index switch
    {
        ScanIndex.Title => (IndexSchema.Title.WordsField, FirstToken(IndexSchema.Title.WordsField, from)),
        ScanIndex.Author => (IndexSchema.Author.ExactField, Normalize.Exact(from)),
        _ => (IndexSchema.Keyword.ExactField, Normalize.Exact(from)),
    };

    private string FirstToken(string field, string text)
    {
        var tokens = TokenList.Analyze(_index.Analyzer, field, text);
        return tokens.Count > 0 ? tokens[0].Term : text.Trim().ToLowerInvariant();
    }
}

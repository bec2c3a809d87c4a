using Lucene.Net.Index;
using Lucene.Net.Search;
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

    /// <summary>Whole keywords and subject headings (both fields, merged), normalized as exact matching stores them.</summary>
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
    /// (0: the list starts after it). An index of several fields lists their terms merged, each counted once per record.
    /// </summary>
    public IReadOnlyList<ScannedTerm> Scan(ScanIndex index, string from, int position, int count)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var (fields, start) = Resolve(index, from);
        var searcher = _index.Searchers.Acquire();
        try
        {
            var cursor = new MergedTerms(searcher.IndexReader, fields);
            var target = new BytesRef(start);
            var before = Math.Max(0, position - 1);
            var entries = new List<MergedTerms.Entry>(count);
            var more = true;
            if (before == 0)
            {
                // Position 0: the start term sits just before the list, so an exact match is left out.
                more = cursor.SeekCeil(target) && (position != 0 || !cursor.Current.Term.Equals(target) || cursor.MoveNext());
            }
            else
            {
                // Terms enumerate forwards only: walk from the first, remembering the last 'before' terms.
                var ring = new Queue<MergedTerms.Entry>(before);
                while ((more = cursor.MoveNext()) && cursor.Current.Term.CompareTo(target) < 0)
                {
                    if (ring.Count == before)
                    {
                        ring.Dequeue();
                    }

                    ring.Enqueue(cursor.Current);
                }

                entries.AddRange(ring.Take(count));
            }

            while (more && entries.Count < count)
            {
                entries.Add(cursor.Current);
                more = cursor.MoveNext();
            }

            return [.. entries.Select(e => new ScannedTerm(e.Term.Utf8ToString(), Count(searcher, e)))];
        }
        finally
        {
            _index.Searchers.Release(searcher);
        }
    }

    /// <summary>Records holding the term: its document frequency, or for a term of several fields the records holding it in any.</summary>
    private static int Count(IndexSearcher searcher, MergedTerms.Entry entry)
    {
        if (entry.Fields.Count == 1)
        {
            return entry.DocFreq;
        }

        var query = new BooleanQuery();
        foreach (var field in entry.Fields)
        {
            query.Add(new TermQuery(new Term(field, entry.Term)), Occur.SHOULD);
        }

        var counter = new TotalHitCountCollector();
        searcher.Search(query, counter);
        return counter.TotalHits;
    }

    private (string[] Fields, string Start) Resolve(ScanIndex index, string from) => index switch
    {
        ScanIndex.Title => ([IndexSchema.Title.WordsField], FirstToken(IndexSchema.Title.WordsField, from)),
        ScanIndex.Author => ([IndexSchema.Author.ExactField], Normalize.Exact(from)),
        _ => ([IndexSchema.Keyword.ExactField, IndexSchema.Subject.ExactField], Normalize.Exact(from)),
    };

    private string FirstToken(string field, string text)
    {
        var tokens = TokenList.Analyze(_index.Analyzer, field, text);
        return tokens.Count > 0 ? tokens[0].Term : text.Trim().ToLowerInvariant();
    }
}

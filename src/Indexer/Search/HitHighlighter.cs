using System.Text;
using Search.Indexer.Analysis;

namespace Search.Indexer.Search;

/// <summary>
/// Marks the query's terms in stored text by re-analyzing it with the same analyzers (bigram, SmartCn,
/// unstemmed) and wrapping the matched character ranges in &lt;em&gt;. Partner text is HTML-escaped; cuts
/// never split a surrogate pair. Thread-safe (the analyzer is).
/// </summary>
public sealed class HitHighlighter
{
    private const string Ellipsis = "…";
    private readonly CatalogAnalyzer _analyzer;

    public HitHighlighter(CatalogAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        _analyzer = analyzer;
    }

    /// <summary>The whole text, escaped, with matches in &lt;em&gt;.</summary>
    public string Whole(string text, HighlightTerms terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        return Render(text, Spans(text, terms), 0, text.Length);
    }

    /// <summary>About <paramref name="length"/> characters around the densest matches (the start when none), escaped, with matches in &lt;em&gt;.</summary>
    public string Fragment(string text, HighlightTerms terms, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var spans = Spans(text, terms);
        if (text.Length <= length)
        {
            return Render(text, spans, 0, text.Length);
        }

        var lead = Math.Min(20, length / 4);
        var start = 0;
        var best = -1;
        foreach (var span in spans)
        {
            var candidate = Math.Max(0, span.Start - lead);
            var covered = spans.Count(s => s.Start >= candidate && s.End <= candidate + length);
            if (covered > best)
            {
                best = covered;
                start = candidate;
            }
        }

        start = Math.Min(start, text.Length - length);
        var end = start + length;
        if (start > 0 && char.IsLowSurrogate(text[start]))
        {
            start--;
        }

        if (end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        var body = Render(text, spans, start, end);
        return (start > 0 ? Ellipsis : "") + body + (end < text.Length ? Ellipsis : "");
    }

    private List<(int Start, int End)> Spans(string text, HighlightTerms terms)
    {
        var spans = new List<(int Start, int End)>();
        if (terms.IsEmpty || text.Length == 0)
        {
            return spans;
        }

        Collect(spans, text, "h" + CatalogAnalyzer.BigramSuffix, terms.Bigrams);
        Collect(spans, text, "h" + CatalogAnalyzer.EnSuffix, terms.Exact);
        // SmartCn is by far the dearest analysis; a CJK word whose bigrams (or, alone, whose character) the
        // query also looks for is marked by the bigram pass already, so only the other words need it.
        Collect(spans, text, "h" + CatalogAnalyzer.ZhSuffix, UncoveredWords(terms));
        spans.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    private static HashSet<string> UncoveredWords(HighlightTerms terms)
    {
        var uncovered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in terms.Words)
        {
            if (!CoveredByBigrams(word, terms.Bigrams))
            {
                uncovered.Add(word);
            }
        }

        return uncovered;
    }

    private static bool CoveredByBigrams(string word, HashSet<string> bigrams)
    {
        if (word.Length == 0 || !word.All(c => c is (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')))
        {
            return false;
        }

        if (word.Length == 1)
        {
            return bigrams.Contains(word);
        }

        for (var i = 0; i + 2 <= word.Length; i++)
        {
            if (!bigrams.Contains(word.Substring(i, 2)))
            {
                return false;
            }
        }

        return true;
    }

    private void Collect(List<(int Start, int End)> spans, string text, string field, HashSet<string> terms)
    {
        if (terms.Count == 0)
        {
            return;
        }

        foreach (var token in TokenList.Analyze(_analyzer, field, text))
        {
            if (terms.Contains(token.Term) && token.End > token.Start && token.End <= text.Length)
            {
                spans.Add((token.Start, token.End));
            }
        }
    }

    private static string Render(string text, List<(int Start, int End)> spans, int from, int to)
    {
        var html = new StringBuilder(to - from + 32);
        var at = from;
        foreach (var (spanStart, spanEnd) in spans)
        {
            var s = Math.Max(spanStart, from);
            var e = Math.Min(spanEnd, to);
            if (e <= s)
            {
                continue;
            }

            Escape(html, text, at, s);
            html.Append("<em>");
            Escape(html, text, s, e);
            html.Append("</em>");
            at = e;
        }

        Escape(html, text, at, to);
        return html.ToString();
    }

    private static void Escape(StringBuilder html, string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '&': html.Append("&amp;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }
    }
}

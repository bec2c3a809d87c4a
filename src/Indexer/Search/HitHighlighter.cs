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
    private static readonly StemmedWordsAnalyzer Stemmed = new();

    public HitHighlighter(CatalogAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        _analyzer = analyzer;
    }

    /// <summary>Longer texts than this are never marked whole: <see cref="Whole"/> gives a fragment of this length.</summary>
    public const int WholeLimit = 1000;

    /// <summary>Only this many characters from the start of a text are analyzed for matches.</summary>
    public const int AnalyzedLimit = 20_000;

    /// <summary>The whole text, escaped, with matches in &lt;em&gt;; a fragment of <see cref="WholeLimit"/> characters when it is longer.</summary>
    public string Whole(string text, HighlightTerms terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        return text.Length > WholeLimit ? Fragment(text, terms, WholeLimit) : Render(text, Spans(text, terms), 0, text.Length);
    }

    /// <summary>About <paramref name="length"/> characters around the densest matches (the start when none), escaped, with matches in &lt;em&gt;.</summary>
    public string Fragment(string text, HighlightTerms terms, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var spans = Spans(text.Length > AnalyzedLimit ? Cut(text, AnalyzedLimit) : text, terms);
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

    private static string Cut(string text, int length) =>
        text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    private List<(int Start, int End)> Spans(string text, HighlightTerms terms)
    {
        var spans = new List<(int Start, int End)>();
        if (terms.IsEmpty || text.Length == 0)
        {
            return spans;
        }

        CollectBigrams(spans, text, terms);
        Collect(spans, text, "h" + CatalogAnalyzer.EnSuffix, terms.Exact);
        // SmartCn is by far the dearest analysis (about 1 ms for an abstract), so the word pass runs only for
        // what the other passes cannot mark: a CJK word whose bigrams the query also looks for is marked by the
        // bigram pass already, and a lone character that SmartCn cut from the query is not marked on its own
        // (it would light up that character all over the text). Latin words are SmartCn's Porter stems: a
        // cheap stemmed pass marks them.
        var (cjk, latin) = UncoveredWords(terms);
        Collect(spans, text, "h" + CatalogAnalyzer.ZhSuffix, cjk);
        Collect(spans, Stemmed, text, latin);
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

    private static (HashSet<string> Cjk, HashSet<string> Latin) UncoveredWords(HighlightTerms terms)
    {
        var cjk = new HashSet<string>(StringComparer.Ordinal);
        var latin = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in terms.Words)
        {
            if (!word.Any(IsHan))
            {
                if (!terms.Exact.Contains(word))
                {
                    latin.Add(word);
                }
            }
            else if (word.Length > 1 && !CoveredByBigrams(word, terms.Bigrams))
            {
                cjk.Add(word);
            }
        }

        return (cjk, latin);
    }

    private static bool IsHan(char c) => c is (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF');

    private static bool CoveredByBigrams(string word, HashSet<string> bigrams)
    {
        if (!word.All(IsHan))
        {
            return false;
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

    /// <summary>
    /// The bigram pass: each whole run of the query found in the text is marked as one span, and a bigram of such
    /// a run is not marked on its own (unless another run holding it is absent from the text); other bigrams and
    /// single characters of the query are marked wherever they occur.
    /// </summary>
    private void CollectBigrams(List<(int Start, int End)> spans, string text, HighlightTerms terms)
    {
        if (terms.Bigrams.Count == 0)
        {
            return;
        }

        var tokens = TokenList.Analyze(_analyzer, "h" + CatalogAnalyzer.BigramSuffix, text);
        var withheld = new HashSet<string>(StringComparer.Ordinal);
        if (terms.Runs.Count > 0)
        {
            var doubles = new Dictionary<int, Analysis.AnalyzedToken>();
            foreach (var token in tokens)
            {
                if (token.Type == "<DOUBLE>")
                {
                    doubles[token.Position] = token;
                }
            }

            var absent = new List<string[]>();
            foreach (var run in terms.Runs)
            {
                var found = false;
                foreach (var (position, first) in doubles)
                {
                    if (first.Term != run[0])
                    {
                        continue;
                    }

                    var k = 1;
                    while (k < run.Length && doubles.TryGetValue(position + k, out var next) && next.Term == run[k])
                    {
                        k++;
                    }

                    if (k == run.Length && doubles[position + run.Length - 1].End is var end && end <= text.Length && end > first.Start)
                    {
                        spans.Add((first.Start, end));
                        found = true;
                    }
                }

                if (found)
                {
                    withheld.UnionWith(run);
                }
                else
                {
                    absent.Add(run);
                }
            }

            foreach (var run in absent)
            {
                withheld.ExceptWith(run);
            }
        }

        foreach (var token in tokens)
        {
            if (terms.Bigrams.Contains(token.Term) && !withheld.Contains(token.Term) && token.End > token.Start && token.End <= text.Length)
            {
                spans.Add((token.Start, token.End));
            }
        }
    }

    private void Collect(List<(int Start, int End)> spans, string text, string field, HashSet<string> terms) =>
        Collect(spans, _analyzer, text, terms, field);

    private static void Collect(List<(int Start, int End)> spans, Lucene.Net.Analysis.Analyzer analyzer, string text, HashSet<string> terms, string field = "h")
    {
        if (terms.Count == 0)
        {
            return;
        }

        foreach (var token in TokenList.Analyze(analyzer, field, text))
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

/// <summary>Latin words as SmartCn gives them (lower-cased, Porter-stemmed), without segmenting the Chinese around them.</summary>
internal sealed class StemmedWordsAnalyzer : Lucene.Net.Analysis.Analyzer
{
    protected override Lucene.Net.Analysis.TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(Lucene.Net.Util.LuceneVersion.LUCENE_48, reader);
        Lucene.Net.Analysis.TokenStream stream = new Lucene.Net.Analysis.Cjk.CJKWidthFilter(tokenizer);
        stream = new CaselessAwareLowerCaseFilter(stream);
        stream = new Lucene.Net.Analysis.En.PorterStemFilter(stream);
        return new Lucene.Net.Analysis.TokenStreamComponents(tokenizer, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => ChineseFolding.Wrap(reader);
}

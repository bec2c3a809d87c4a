using System.Globalization;
using System.Text;
using Search.Bench.Corpus.Generation;
using Search.Bench.Corpus.Measure;
using Search.Bench.Corpus.Randomness;
using Search.Bench.Corpus.Text;

namespace Search.Bench.Corpus.Output;

/// <summary>
/// Writes <c>queries.tsv</c> (kind, relative URL of the engine's search API) and <c>known-items.tsv</c> (query,
/// expected record id) from records drawn at random and regenerated from their number.
/// </summary>
internal sealed class QueryWriter
{
    private const ulong QueryStream = 0x9E_51_0000;
    private const ulong KnownStream = 0x4B_1E_0000;

    // Shares of the query mix, in percent.
    private static readonly Weighted<string> Kinds = new(
    [
        ("two-keyword", 30), ("fragment", 20), ("title", 10), ("expert", 10), ("cql", 10), ("filter", 10), ("within", 5), ("page", 5),
    ]);

    private static readonly string[] Types = ["journal-article", "thesis", "conference-paper", "patent", "standard", "report", "book"];

    private readonly ulong _seed;
    private readonly long _records;
    private readonly RecordGenerator _generator;
    private readonly CorpusRecord _record = new();

    public QueryWriter(ulong seed, long records, RecordGenerator generator)
    {
        _seed = seed;
        _records = records;
        _generator = generator;
    }

    public Dictionary<string, int> WriteQueries(string path, int count)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        for (var i = 0; i < count; i++)
        {
            var rng = Rng.For(_seed, QueryStream, (ulong)i);
            string? url = null;
            string kind = "";
            for (var attempt = 0; url is null && attempt < 20; attempt++)
            {
                kind = Kinds.Pick(rng);
                _generator.Generate(rng.NextLong(_records), _record, NullRecordSink.Instance);
                url = Build(kind, _record, rng);
            }

            if (url is null)
            {
                continue;
            }

            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            output.Write(kind);
            output.Write('\t');
            output.WriteLine(url);
        }

        return counts;
    }

    /// <summary>1,000 two-keyword queries (the record's two rarest keywords), then 1,000 six-character title fragments.</summary>
    public int WriteKnownItems(string path, int perSet)
    {
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        var written = 0;
        for (var set = 0; set < 2; set++)
        {
            for (int i = 0, made = 0; made < perSet && i < perSet * 20; i++)
            {
                var rng = Rng.For(_seed, KnownStream + (ulong)set, (ulong)i);
                _generator.Generate(rng.NextLong(_records), _record, NullRecordSink.Instance);
                var query = set == 0 ? RarestPair(_record) : Fragment(_record, rng);
                if (query is null || query.Contains('\t', StringComparison.Ordinal))
                {
                    continue;
                }

                output.Write(query);
                output.Write('\t');
                output.WriteLine(_record.Identifier);
                made++;
                written++;
            }
        }

        return written;
    }

    private static string? Build(string kind, CorpusRecord r, Rng rng)
    {
        var keywords = r.Keywords;
        switch (kind)
        {
            case "two-keyword":
                {
                    var (a, b) = TwoKeywords(r, rng);
                    return a is null || b is null ? null : Url(("q", Box(a) + " " + Box(b)));
                }

            case "fragment":
                return Fragment(r, rng) is { } fragment ? Url(("q", fragment)) : null;
            case "title":
                return Url(("q", r.Title));
            case "expert":
                return Expert(r, rng) is { } expert ? Url(("q", expert), ("syntax", "expert")) : null;
            case "cql":
                return Cql(r, rng) is { } cql ? Url(("q", cql), ("syntax", "cql")) : null;
            case "filter":
                {
                    var q = rng.Chance(0.6) ? Box(rng.Pick(keywords)) : TwoKeywords(r, rng) is ({ } a, { } b) ? Box(a) + " " + Box(b) : Box(keywords[0]);
                    var parameters = new List<(string, string)> { ("q", q) };
                    var roll = rng.NextDouble();
                    if (roll < 0.4 || roll >= 0.8)
                    {
                        parameters.Add(("type", rng.Chance(0.7) ? r.Type : r.Type + "," + rng.Pick(Types)));
                    }

                    if (roll >= 0.4)
                    {
                        parameters.Add(("year", YearRange(r.Year, rng)));
                    }

                    if (rng.Chance(0.1))
                    {
                        parameters.Add(("language", r.English ? "eng" : "chi"));
                    }

                    if (rng.Chance(0.3))
                    {
                        parameters.Add(("sort", "year"));
                    }

                    return Url([.. parameters]);
                }

            case "within":
                {
                    var (a, b) = TwoKeywords(r, rng);
                    if (a is null || b is null)
                    {
                        return null;
                    }

                    var parameters = new List<(string, string)> { ("q", Box(a)), ("within", rng.Chance(0.7) ? Box(b) : Fragment(r, rng) ?? Box(b)) };
                    if (rng.Chance(0.2) && keywords.Count > 2)
                    {
                        parameters.Add(("within", Box(keywords[^1] == a || keywords[^1] == b ? keywords[0] : keywords[^1])));
                    }

                    return Url([.. parameters]);
                }

            case "page":
                {
                    var common = keywords[IndexOfMin(r.KeywordRanks)];
                    var parameters = new List<(string, string)> { ("q", Box(common)), ("page", rng.Between(2, 5).ToString(CultureInfo.InvariantCulture)) };
                    if (rng.Chance(0.3))
                    {
                        parameters.Add(("sort", "year"));
                    }

                    return Url([.. parameters]);
                }

            default:
                return null;
        }
    }

    private static (string? A, string? B) TwoKeywords(CorpusRecord r, Rng rng)
    {
        if (r.Keywords.Count < 2)
        {
            return (null, null);
        }

        var i = rng.Next(r.Keywords.Count);
        var j = (i + 1 + rng.Next(r.Keywords.Count - 1)) % r.Keywords.Count;
        return (r.Keywords[i], r.Keywords[j]);
    }

    private static string? RarestPair(CorpusRecord r)
    {
        if (r.Keywords.Count < 2)
        {
            return null;
        }

        var order = Enumerable.Range(0, r.Keywords.Count).OrderByDescending(i => r.KeywordRanks[i]).ThenBy(i => i).ToArray();
        return Box(r.Keywords[order[0]]) + " " + Box(r.Keywords[order[1]]);
    }

    private static int IndexOfMin(List<long> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Six consecutive characters of a Chinese title with no punctuation or space; two or three words of an English one.</summary>
    private static string? Fragment(CorpusRecord r, Rng rng)
    {
        var title = r.Title;
        if (r.English)
        {
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', '.', ';', ':', '(', ')', '"')).Where(w => w.Length > 0).ToArray();
            if (words.Length < 3)
            {
                return null;
            }

            var length = rng.Between(2, 3);
            var start = rng.Next(words.Length - length + 1);
            return string.Join(' ', words, start, length);
        }

        var starts = new List<int>();
        for (var i = 0; i + 6 <= title.Length; i++)
        {
            var ok = true;
            for (var k = i; k < i + 6 && ok; k++)
            {
                ok = Lexer.IsCjk(title[k]) || char.IsAsciiLetterOrDigit(title[k]);
            }

            if (ok)
            {
                starts.Add(i);
            }
        }

        return starts.Count == 0 ? null : title.Substring(rng.Pick(starts), 6);
    }

    private static string? Expert(CorpusRecord r, Rng rng)
    {
        var fragment = Fragment(r, rng);
        var (a, b) = TwoKeywords(r, rng);
        var author = r.Authors.Count > 0 ? rng.Pick(r.Authors) : null;
        string? E(string? term) => ExpertTerm(term);
        return rng.Next(7) switch
        {
            0 when E(fragment) is { } f && E(a) is { } k => $"TI={f}*KY={k}",
            1 when E(a) is { } k1 && E(b) is { } k2 => $"KY={k1}*KY={k2}",
            2 when E(author) is { } au && E(fragment) is { } f => $"AU={au}*TI={f}",
            3 when E(author) is { } au => $"AU={au}",
            4 when E(a) is { } k1 && E(b) is { } k2 => $"SU=({k1}+{k2})*YE={YearRange(r.Year, rng, closed: true)}",
            5 when E(fragment) is { } f && E(r.Journal) is { } jn => $"TI%{f}*JN={jn}",
            6 when E(a) is { } k1 && E(b) is { } k2 => $"SU={k1}-KY={k2}",
            _ => E(a) is { } k ? $"KY={k}" : null,
        };
    }

    private static string? Cql(CorpusRecord r, Rng rng)
    {
        var fragment = Fragment(r, rng);
        var (a, b) = TwoKeywords(r, rng);
        var author = r.Authors.Count > 0 ? rng.Pick(r.Authors) : null;
        var (from, to) = Years(r.Year, rng);
        string? Q(string? term) => CqlTerm(term);
        return rng.Next(6) switch
        {
            0 when TitleWords(r, rng) is { } words && Q(words) is { } w => $"dc.title any {w} and dc.date within \"{from} {to}\"",
            1 when Q(a) is { } k && Q(author) is { } au => $"dc.subject = {k} and dc.creator = {au}",
            2 when Q(fragment) is { } f => $"dc.title all {f}",
            3 when Q(a) is { } k => $"cql.serverChoice = {k} and dc.date >= {from}",
            4 when Q(fragment) is { } f && Q(b) is { } k => $"dc.title = {f} or dc.subject = {k}",
            5 when Q(r.Journal) is { } jn && Q(a) is { } k => $"dc.source = {jn} and dc.subject any {k}",
            _ => Q(a) is { } k ? $"dc.subject = {k}" : null,
        };
    }

    /// <summary>Two short pieces of the title, space-separated (for "any").</summary>
    private static string? TitleWords(CorpusRecord r, Rng rng)
    {
        if (r.English)
        {
            var words = r.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', '.', ';', ':', '(', ')')).Where(w => w.Length > 3).ToArray();
            if (words.Length < 2)
            {
                return null;
            }

            var first = rng.Next(words.Length);
            var second = (first + 1 + rng.Next(words.Length - 1)) % words.Length;
            return words[first] + " " + words[second];
        }

        var fragment = Fragment(r, rng);
        return fragment is null ? null : fragment[..3] + " " + fragment[3..];
    }

    private static string YearRange(int year, Rng rng, bool closed = false)
    {
        var (from, to) = Years(year, rng);
        return closed || rng.Chance(0.8) ? $"{from}-{to}" : rng.Chance(0.5) ? $"{from}-" : $"-{to}";
    }

    private static (int From, int To) Years(int year, Rng rng)
    {
        var from = year - rng.Next(6);
        var to = Math.Min(RecordKinds.LastYear, year + rng.Next(6));
        return (from, to);
    }

    /// <summary>A keyword for the box: quoted when it has spaces (so it stays one phrase).</summary>
    private static string Box(string keyword) => keyword.Contains(' ', StringComparison.Ordinal) ? "\"" + keyword + "\"" : keyword;

    private static string? ExpertTerm(string? term)
    {
        if (string.IsNullOrWhiteSpace(term) || term.IndexOfAny(['\'', '"', '‘', '’', '“', '”']) >= 0)
        {
            return null;
        }

        var plain = term.All(c => !char.IsWhiteSpace(c) && "()*+-=%（）＊＋－＝％".IndexOf(c, StringComparison.Ordinal) < 0)
            && term is not ("AND" or "OR" or "NOT");
        return plain ? term : "'" + term + "'";
    }

    private static string? CqlTerm(string? term) =>
        string.IsNullOrWhiteSpace(term) || term.IndexOfAny(['"', '\\']) >= 0 ? null : "\"" + term + "\"";

    private static string Url(params (string Name, string Value)[] parameters)
    {
        var sb = new StringBuilder("/api/search?");
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            sb.Append(parameters[i].Name).Append('=').Append(Uri.EscapeDataString(parameters[i].Value));
        }

        return sb.ToString();
    }
}

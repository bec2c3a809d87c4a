using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexer.Analysis;
using Search.Indexer.Schema;
using Search.Indexer.Search;
using Search.Ingestion.Normalization;

namespace Search.Indexer.Query;

/// <summary>A Lucene query built from a query tree, and the terms to highlight.</summary>
public sealed record BuiltQuery(Lucene.Net.Search.Query Query, HighlightTerms Highlights);

/// <summary>
/// Turns a <see cref="QueryNode"/> tree into a Lucene query over the schema. A text term is cut into runs
/// of CJK characters and runs of other text; all runs must match. A CJK run matches as the phrase of its
/// bigrams on any bigram field of the term's search field, or (box and fuzzy) as all of its SmartCn words;
/// other text matches its unstemmed words on the <c>_en</c> fields; a word with digits in the box may
/// also match an identifier exactly. Field weights come from <see cref="SearchOptions"/>.
/// </summary>
public sealed class QueryBuilder
{
    private readonly CatalogAnalyzer _analyzer;
    private readonly SearchOptions _options;

    public QueryBuilder(CatalogAnalyzer analyzer, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        _analyzer = analyzer;
        _options = options;
    }

    public BuiltQuery Build(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var highlights = new HighlightTerms();
        // A query of punctuation only has nothing to look for: like an empty box, it lists everything.
        var query = Visit(node, highlights) ?? new MatchAllDocsQuery();
        return new BuiltQuery(query, highlights);
    }

    /// <summary>The Lucene query of a node; null when the node can match nothing searchable (punctuation only).</summary>
    /// <param name="wholeWord">The node is a word typed between two others: it cannot be a piece cut out of a longer word.</param>
    private Lucene.Net.Search.Query? Visit(QueryNode node, HighlightTerms? highlights, bool wholeWord = false)
    {
        switch (node)
        {
            case AllNode:
                return new MatchAllDocsQuery();
            case AndNode and:
                {
                    // Of words typed one after the other (a pasted title), only the first and the last may be cut
                    // short; the ones between are whole words, and looking for them inside longer words costs a
                    // phrase of character grams each on every gram field.
                    var children = and.Children;
                    var inner = children.Select((c, i) => i > 0 && i < children.Count - 1 && c is TermNode).ToList();
                    return WithNameBoost(and, Combine(children.Select(c => (c, Occur.MUST)), highlights, inner));
                }

            case OrNode or:
                return Combine(or.Children.Select(c => (c, Occur.SHOULD)), highlights);
            case NotNode not:
                {
                    var children = new List<(QueryNode, Occur)> { (not.Include ?? new AllNode(), Occur.MUST), (not.Exclude, Occur.MUST_NOT) };
                    return Combine(children, highlights);
                }

            case YearNode year:
                return NumericRangeQuery.NewInt32Range(IndexSchema.Year.Name, year.From, year.To, minInclusive: true, maxInclusive: true);
            case TermNode term:
                return Term(term, highlights, wholeWord);
            default:
                throw new ArgumentException($"Unknown query node {node.GetType().Name}.", nameof(node));
        }
    }

    /// <summary>
    /// Latin words typed one after the other (<c>zhang wei</c>, <c>Weiming Zhang</c>) score higher when they
    /// are one author's name in that order, not the surname of one author and the given name of another.
    /// </summary>
    private Lucene.Net.Search.Query? WithNameBoost(AndNode and, Lucene.Net.Search.Query? built)
    {
        var words = and.Children.OfType<TermNode>()
            .Where(t => t.Match == TermMatch.Words && (t.Field.IsAny || ReferenceEquals(t.Field, SearchFields.Author)) && t.Text.All(char.IsAsciiLetter))
            .ToList();
        if (built is null || words.Count < 2 || words.Count > 4)
        {
            return built;
        }

        var field = IndexSchema.AuthorPinyin.ExactTextField;
        var phrase = new PhraseQuery { Boost = IndexSchema.AuthorPinyin.Boost(_options) * 2 };
        foreach (var word in words)
        {
            phrase.Add(new Term(field, word.Text.ToLowerInvariant()));
        }

        return new BooleanQuery { { built, Occur.MUST }, { phrase, Occur.SHOULD } };
    }

    private Lucene.Net.Search.Query? Combine(IEnumerable<(QueryNode Node, Occur Occur)> children, HighlightTerms? highlights, List<bool>? wholeWords = null)
    {
        var query = new BooleanQuery();
        var positives = 0;
        var index = 0;
        foreach (var (child, occur) in children)
        {
            var built = Visit(child, occur == Occur.MUST_NOT ? null : highlights, wholeWords is not null && wholeWords[index++]);
            if (built is null)
            {
                continue;
            }

            query.Add(built, occur);
            positives += occur == Occur.MUST_NOT ? 0 : 1;
        }

        if (query.Clauses.Count == 0)
        {
            return null;
        }

        if (positives == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return query.Clauses.Count == 1 && query.Clauses[0].Occur != Occur.MUST_NOT ? query.Clauses[0].Query : query;
    }

    private Lucene.Net.Search.Query? Term(TermNode term, HighlightTerms? highlights, bool wholeWord)
    {
        var field = term.Field;
        switch (field.Kind)
        {
            case SearchFieldKind.Year:
                return YearQuery(term);
            case SearchFieldKind.Identifier:
                return IdentifierQuery(field.IdentifierFields, term.Text, 1f);
            case SearchFieldKind.ClassificationPrefix:
                {
                    var prefix = Normalize.IdentifierVariants(term.Text).LastOrDefault();
                    return prefix is null ? null : new PrefixQuery(new Term(IndexSchema.Classification.Name, prefix));
                }

            default:
                var text = term.Match == TermMatch.Phrase
                    ? PhraseOperand(field.TextFields, term.Text, highlights)
                    : WordOperand(field.TextFields, term.Text, term.Match, highlights, wholeWord);
                var identifiers = field.IsAny ? BoxIdentifierAlternatives(term.Text) : null;
                if (identifiers is null)
                {
                    return text;
                }

                return text is null ? identifiers : Or([text, identifiers]);
        }
    }

    private static NumericRangeQuery<int> YearQuery(TermNode term)
    {
        var range = YearRange.Parse(term.Text)
            ?? throw new QuerySyntaxException($"'{term.Text}' is not a year or a range such as 2015-2020.", term.Position);
        return NumericRangeQuery.NewInt32Range(IndexSchema.Year.Name, range.From, range.To, minInclusive: true, maxInclusive: true);
    }

    private static BooleanQuery Or(IEnumerable<Lucene.Net.Search.Query> queries)
    {
        var or = new BooleanQuery();
        foreach (var q in queries)
        {
            or.Add(q, Occur.SHOULD);
        }

        return or;
    }

    private static Lucene.Net.Search.Query? OrOf(List<Lucene.Net.Search.Query> alternatives) => alternatives.Count switch
    {
        0 => null,
        1 => alternatives[0],
        _ => Or(alternatives),
    };

    private Lucene.Net.Search.Query? WordOperand(IReadOnlyList<TextIndexField> fields, string word, TermMatch match, HighlightTerms? highlights, bool wholeWord = false)
    {
        var runs = ScriptRuns.Split(word);
        // A fragment typed "cut anywhere" may start inside a Latin word or number and end inside one
        // (LS算法的R of OLS算法的RBF): beside Chinese text, a leading Latin run only adds to the score and a
        // trailing one matches as a prefix.
        var cutAnywhere = match != TermMatch.Exact && runs.Count > 1 && runs.Any(r => r.IsCjk);
        var all = new BooleanQuery();
        var required = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var leading = cutAnywhere && i == 0 && !run.IsCjk;
            var trailing = cutAnywhere && i == runs.Count - 1 && !run.IsCjk;
            var runQuery = run.IsCjk
                ? CjkRun(fields, run.Text, match != TermMatch.Exact, highlights)
                : OtherRun(fields, run.Text, match == TermMatch.Fuzzy, highlights, prefixLast: trailing, inside: !wholeWord && InsideWordRun(run.Text, leading || trailing, match));
            if (runQuery is not null)
            {
                all.Add(runQuery, leading ? Occur.SHOULD : Occur.MUST);
                required += leading ? 0 : 1;
            }
        }

        if (required == 0)
        {
            return null;
        }

        // Runs of several scripts or split by punctuation (的研究(下), 6-126作) score higher where the whole
        // word stands as typed, one run right after the other.
        if (runs.Count > 1 && match != TermMatch.Exact)
        {
            var whole = new List<Lucene.Net.Search.Query>();
            foreach (var field in fields.Where(f => f.Analyses.HasFlag(TextAnalyses.Bigrams)))
            {
                var tokens = BigramPhraseTokens(TokenList.Analyze(_analyzer, field.BigramField, word));
                if (tokens.Count > 1 && PhraseOrTerm(field.BigramField, tokens, field.Boost(_options)) is { } phrase)
                {
                    whole.Add(phrase);
                }
            }

            if (OrOf(whole) is { } adjacent)
            {
                all.Add(adjacent, Occur.SHOULD);
            }
        }

        return all.Clauses.Count == 1 ? all.Clauses[0].Query : all;
    }

    private static BooleanQuery And(IEnumerable<Lucene.Net.Search.Query> queries)
    {
        var and = new BooleanQuery();
        foreach (var q in queries)
        {
            and.Add(q, Occur.MUST);
        }

        return and;
    }

    private Lucene.Net.Search.Query? PhraseOperand(IReadOnlyList<TextIndexField> fields, string phrase, HighlightTerms? highlights)
    {
        var hasCjk = ScriptRuns.Split(phrase).Any(r => r.IsCjk);
        var alternatives = new List<Lucene.Net.Search.Query>();
        foreach (var field in fields)
        {
            var boost = field.Boost(_options);
            if (hasCjk && field.Analyses.HasFlag(TextAnalyses.Bigrams))
            {
                var tokens = BigramPhraseTokens(TokenList.Analyze(_analyzer, field.BigramField, phrase));
                AddTerms(highlights?.Bigrams, tokens);
                AddTerms(highlights?.Exact, tokens.Where(t => !IsCjkToken(t)));
                if (PhraseOrTerm(field.BigramField, tokens, boost) is { } q)
                {
                    alternatives.Add(q);
                }
            }
            else if (!hasCjk && field.Analyses.HasFlag(TextAnalyses.Exact))
            {
                var tokens = TokenList.Analyze(_analyzer, field.ExactTextField, phrase);
                AddTerms(highlights?.Exact, tokens);
                if (PhraseOrTerm(field.ExactTextField, tokens, boost) is { } q)
                {
                    alternatives.Add(q);
                }
            }
        }

        return OrOf(alternatives);
    }

    private Lucene.Net.Search.Query? CjkRun(IReadOnlyList<TextIndexField> fields, string run, bool words, HighlightTerms? highlights)
    {
        var alternatives = new List<Lucene.Net.Search.Query>();
        // Every bigram field has the same analysis: the run is analyzed once.
        List<AnalyzedToken>? tokens = null;
        foreach (var field in fields.Where(f => f.Analyses.HasFlag(TextAnalyses.Bigrams)))
        {
            tokens ??= BigramPhraseTokens(TokenList.Analyze(_analyzer, field.BigramField, run));
            AddTerms(highlights?.Bigrams, tokens);
            if (PhraseOrTerm(field.BigramField, tokens, field.Boost(_options)) is { } q)
            {
                alternatives.Add(q);
            }
        }

        if (highlights is not null && tokens is not null
            && tokens.Where(t => t.Type == "<DOUBLE>").Select(t => t.Term).ToArray() is { Length: >= 2 } bigrams
            && !highlights.Runs.Any(r => r.SequenceEqual(bigrams, StringComparer.Ordinal)))
        {
            highlights.Runs.Add(bigrams);
        }

        // A run of several characters may also match as its SmartCn words anywhere in the record's fields
        // (湖北大学图书馆 finds 湖北大学的图书馆), weighted below the exact run of characters.
        var wordFields = fields.Where(f => f.Analyses.HasFlag(TextAnalyses.Words)).ToList();
        if (words && run.Length > 1 && wordFields.Count > 0)
        {
            var segmented = TokenList.Analyze(_analyzer, IndexSchema.Title.WordsField, run).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
            if (segmented.Count > 1)
            {
                var all = new BooleanQuery { Boost = _options.WordsFactor };
                foreach (var word in segmented)
                {
                    var any = new BooleanQuery();
                    foreach (var field in wordFields)
                    {
                        any.Add(new TermQuery(new Term(field.WordsField, word)) { Boost = field.Boost(_options) }, Occur.SHOULD);
                    }

                    all.Add(any, Occur.MUST);
                    highlights?.Words.Add(word);
                }

                alternatives.Add(all);
            }
        }

        return OrOf(alternatives);
    }

    private Lucene.Net.Search.Query? OtherRun(IReadOnlyList<TextIndexField> fields, string run, bool anyOrder, HighlightTerms? highlights, bool prefixLast = false, bool inside = false)
    {
        var alternatives = new List<Lucene.Net.Search.Query>();

        IReadOnlyList<AnalyzedToken>? tokens = null;
        foreach (var field in fields.Where(f => f.Analyses.HasFlag(TextAnalyses.Exact)))
        {
            tokens ??= TokenList.Analyze(_analyzer, field.ExactTextField, run);
            AddTerms(highlights?.Exact, tokens);
            var boost = field.Boost(_options);
            if (prefixLast && tokens.Count > 0)
            {
                var last = new BooleanQuery
                {
                    { new TermQuery(new Term(field.ExactTextField, tokens[^1].Term)) { Boost = boost }, Occur.SHOULD },
                    { new PrefixQuery(new Term(field.ExactTextField, tokens[^1].Term)) { Boost = boost / 2 }, Occur.SHOULD },
                };
                alternatives.Add(tokens.Count == 1
                    ? last
                    : And([PhraseOrTerm(field.ExactTextField, [.. tokens.Take(tokens.Count - 1)], boost)!, last]));
                continue;
            }

            var q = anyOrder && tokens.Count > 1
                ? And(tokens.Select(t => new TermQuery(new Term(field.ExactTextField, t.Term)) { Boost = boost }))
                : PhraseOrTerm(field.ExactTextField, tokens, boost);
            if (q is not null)
            {
                alternatives.Add(q);
            }
        }

        var words = OrOf(alternatives);
        var grams = new List<Lucene.Net.Search.Query>();
        if (inside)
        {
            AddInsideWords(grams, fields, run, afterLetter: !prefixLast && IsPlainWord(run));
        }

        if (grams.Count == 0)
        {
            return words;
        }

        // Without coord, a record matching the whole word scores exactly as it did without the grams.
        var either = new BooleanQuery(disableCoord: true) { { OrOf(grams)!, Occur.SHOULD } };
        if (words is not null)
        {
            either.Add(words, Occur.SHOULD);
        }

        return either;
    }

    /// <summary>
    /// Whether a Latin or digit run may be a piece cut out of a longer word: at the edge of a word mixed with
    /// Chinese any run may; a run standing alone needs a piece of three letters or digits, so that two
    /// letters (<c>AB</c>) do not find every word containing them, and a plain word of letters six of them.
    /// </summary>
    private static bool InsideWordRun(string run, bool edgeOfMixedWord, TermMatch match)
    {
        if (match == TermMatch.Exact)
        {
            return false;
        }

        var longest = 0;
        var current = 0;
        foreach (var c in run)
        {
            current = char.IsLetterOrDigit(c) ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        if (edgeOfMixedWord)
        {
            return longest >= LatinNGramAnalyzer.MinGram;
        }

        // A short plain word alone is far more often a whole word (or a pinyin syllable: ping, ming, lin)
        // than a piece of a longer one, and would find it inside every mapping, warming, coupling.
        return IsPlainWord(run) ? run.Length >= MinPlainInsideLength : longest >= LatinNGramAnalyzer.MaxGram;
    }

    /// <summary>
    /// A Latin or digit run typed as a fragment may be cut out of a longer word (<c>ogical</c>, <c>38MAPK</c>
    /// of <c>p38MAPK</c>): it also matches as the phrase of its character grams on the <c>_ng</c> fields, weighted
    /// below a whole-word match. Single characters give no grams and are left out.
    /// </summary>
    private void AddInsideWords(List<Lucene.Net.Search.Query> alternatives, IReadOnlyList<TextIndexField> fields, string run, bool afterLetter)
    {
        foreach (var field in fields.Where(f => f.Analyses.HasFlag(TextAnalyses.LatinGrams)))
        {
            var tokens = TokenList.Analyze(_analyzer, field.LatinGramField, run);
            var boost = field.Boost(_options) * _options.InsideWordFactor;
            if (!afterLetter)
            {
                if (PhraseOrTerm(field.LatinGramField, tokens, boost) is { } q)
                {
                    alternatives.Add(q);
                }

                continue;
            }

            if (tokens.Count == 0 || tokens[0].Term.Length != LatinNGramAnalyzer.MinGram)
            {
                continue;
            }

            // The trigram of the character before the run and the run's first two sits one position
            // before the run's first bigram: any letter or digit there.
            var phrase = new MultiPhraseQuery { Boost = boost };
            phrase.Add([.. GramAlphabet.Select(c => new Term(field.LatinGramField, c + tokens[0].Term))], 0);
            var first = tokens[0].Position;
            foreach (var token in tokens)
            {
                phrase.Add([new Term(field.LatinGramField, token.Term)], token.Position - first + 1);
            }

            alternatives.Add(phrase);
        }
    }

    private const int MinPlainInsideLength = 6;

    private const string GramAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// A plain word of letters (<c>model</c>, <c>Milgra</c>), as opposed to one with digits, inner capitals or
    /// punctuation (<c>38MAPK</c>, <c>mMecha</c>, <c>WB-ATR</c>): alone in the box, a plain word matches inside a
    /// longer word only after another letter or digit (<c>ogical</c> in <c>biological</c>), never as the start
    /// of a longer word (<c>model</c> does not find <c>models</c>: no stemming).
    /// </summary>
    private static bool IsPlainWord(string run)
    {
        if (!run.All(char.IsLetter))
        {
            return false;
        }

        for (var i = 1; i < run.Length; i++)
        {
            if (char.IsUpper(run[i]) && !char.IsUpper(run[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private BooleanQuery? BoxIdentifierAlternatives(string word)
    {
        if (!word.Any(char.IsDigit) || word.Length < 4)
        {
            return null;
        }

        return IdentifierQuery([IndexSchema.AnyIdentifier, IndexSchema.Classification], word, _options.IdentifierBoost);
    }

    private static BooleanQuery? IdentifierQuery(IReadOnlyList<IdentifierIndexField> fields, string text, float boost)
    {
        var any = new BooleanQuery();
        foreach (var variant in Normalize.IdentifierKeys(text))
        {
            foreach (var field in fields)
            {
                any.Add(new TermQuery(new Term(field.Name, variant)) { Boost = boost }, Occur.SHOULD);
            }
        }

        return any.Clauses.Count == 0 ? null : any;
    }

    /// <summary>
    /// The tokens a phrase over the bigram field needs: bigrams, and the single characters and other words
    /// no bigram covers (a lone CJK character, a Latin word). Stacked unigrams under bigrams are dropped.
    /// </summary>
    private static List<AnalyzedToken> BigramPhraseTokens(IReadOnlyList<AnalyzedToken> tokens)
    {
        // A bigram sits at the position of its first character and covers that one and the next.
        var bigramStarts = tokens.Where(t => t.Type == "<DOUBLE>").Select(t => t.Position).ToHashSet();
        return tokens
            .Where(t => t.Type != "<SINGLE>" || !(bigramStarts.Contains(t.Position) || bigramStarts.Contains(t.Position - 1)))
            .ToList();
    }

    private static bool IsCjkToken(AnalyzedToken token) => token.Type is "<DOUBLE>" or "<SINGLE>";

    private static void AddTerms(HashSet<string>? set, IEnumerable<AnalyzedToken> tokens)
    {
        if (set is null)
        {
            return;
        }

        foreach (var token in tokens)
        {
            set.Add(token.Term);
        }
    }

    private static Lucene.Net.Search.Query? PhraseOrTerm(string field, IReadOnlyList<AnalyzedToken> tokens, float boost)
    {
        switch (tokens.Count)
        {
            case 0:
                return null;
            case 1:
                return new TermQuery(new Term(field, tokens[0].Term)) { Boost = boost };
            default:
                var phrase = new PhraseQuery { Boost = boost };
                var first = tokens[0].Position;
                foreach (var token in tokens)
                {
                    phrase.Add(new Term(field, token.Term), token.Position - first);
                }

                return phrase;
        }
    }
}

/// <summary>
/// A year or a range: <c>2015</c>, <c>2015-2020</c>, <c>2015-</c>, <c>-2020</c>, the dash also as <c>~</c>, <c>～</c>,
/// <c>–</c>, <c>—</c> or <c>至</c>, digits also full-width. The one year grammar of the box, expert, advanced and
/// CQL searches and the <c>year=</c> filter.
/// </summary>
public sealed record YearRange(int? From, int? To)
{
    private static readonly char[] Dashes = ['~', '–', '—', '至'];

    public static YearRange? Parse(string? text)
    {
        var folded = TextNormalizer.Normalize(text, WidthFolding.All);
        if (folded.Length == 0)
        {
            return null;
        }

        foreach (var dash in Dashes)
        {
            folded = folded.Replace(dash, '-');
        }

        var parts = folded.Split('-', 2);
        int? from = null, to = null;
        if (parts[0].Trim().Length > 0)
        {
            if (!int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var f))
            {
                return null;
            }

            from = f;
        }

        if (parts.Length == 1)
        {
            to = from;
        }
        else if (parts[1].Trim().Length > 0)
        {
            if (!int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                return null;
            }

            to = t;
        }

        if ((from is null && to is null) || from > to || from > 9999 || to > 9999)
        {
            return null;
        }

        return new YearRange(from, to);
    }
}

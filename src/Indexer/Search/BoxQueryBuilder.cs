using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexer.Analysis;
using Search.Indexer.Schema;

namespace Search.Indexer.Search;

/// <summary>A Lucene query built from the box, and the terms to highlight.</summary>
public sealed record BuiltQuery(Query Query, HighlightTerms Highlights);

/// <summary>
/// Turns the parsed box into a Lucene query over the schema's text fields. Each word is cut into runs of
/// CJK characters and runs of other text; all runs must match. A CJK run matches as the phrase of its
/// bigrams on any bigram field, or as all of its SmartCn words; other text matches its unstemmed words
/// (a phrase when punctuation splits it) on the <c>_en</c> fields; a word with digits may also match an
/// identifier exactly. Field weights come from <see cref="SearchOptions"/>.
/// </summary>
public sealed class BoxQueryBuilder
{
    private readonly CatalogAnalyzer _analyzer;
    private readonly SearchOptions _options;

    public BoxQueryBuilder(CatalogAnalyzer analyzer, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        _analyzer = analyzer;
        _options = options;
    }

    public BuiltQuery Build(BoxQuery box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var highlights = new HighlightTerms();
        var query = new BooleanQuery();
        var positives = 0;
        foreach (var group in box.Groups)
        {
            var alternatives = new List<Query>();
            foreach (var operand in group.Operands)
            {
                var operandQuery = operand.IsPhrase
                    ? PhraseOperand(operand.Text, group.Negated ? null : highlights)
                    : WordOperand(operand.Text, group.Negated ? null : highlights);
                if (operandQuery is not null)
                {
                    alternatives.Add(operandQuery);
                }
            }

            if (alternatives.Count == 0)
            {
                continue;
            }

            var groupQuery = alternatives.Count == 1 ? alternatives[0] : Or(alternatives);
            query.Add(groupQuery, group.Negated ? Occur.MUST_NOT : Occur.MUST);
            positives += group.Negated ? 0 : 1;
        }

        if (positives == 0)
        {
            query.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        return new BuiltQuery(query.Clauses.Count == 1 && positives == 1 ? query.Clauses[0].Query : query, highlights);
    }

    private static BooleanQuery Or(IEnumerable<Query> queries)
    {
        var or = new BooleanQuery();
        foreach (var q in queries)
        {
            or.Add(q, Occur.SHOULD);
        }

        return or;
    }

    private static Query? OrOf(List<Query> alternatives) => alternatives.Count switch
    {
        0 => null,
        1 => alternatives[0],
        _ => Or(alternatives),
    };

    private Query? WordOperand(string word, HighlightTerms? highlights)
    {
        var runs = ScriptRuns.Split(word);
        var all = new List<Query>();
        foreach (var run in runs)
        {
            var runQuery = run.IsCjk ? CjkRun(run.Text, highlights) : OtherRun(run.Text, highlights);
            if (runQuery is not null)
            {
                all.Add(runQuery);
            }
        }

        Query? text = all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => And(all),
        };

        var identifiers = IdentifierAlternatives(word);
        if (identifiers is null)
        {
            return text;
        }

        return text is null ? identifiers : Or([text, identifiers]);
    }

    private static BooleanQuery And(IEnumerable<Query> queries)
    {
        var and = new BooleanQuery();
        foreach (var q in queries)
        {
            and.Add(q, Occur.MUST);
        }

        return and;
    }

    private Query? PhraseOperand(string phrase, HighlightTerms? highlights)
    {
        var hasCjk = ScriptRuns.Split(phrase).Any(r => r.IsCjk);
        var alternatives = new List<Query>();
        foreach (var field in IndexSchema.TextFields)
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

    private Query? CjkRun(string run, HighlightTerms? highlights)
    {
        var alternatives = new List<Query>();
        List<string>? words = null;
        foreach (var field in IndexSchema.TextFields)
        {
            var boost = field.Boost(_options);
            if (field.Analyses.HasFlag(TextAnalyses.Bigrams))
            {
                var tokens = BigramPhraseTokens(TokenList.Analyze(_analyzer, field.BigramField, run));
                AddTerms(highlights?.Bigrams, tokens);
                if (PhraseOrTerm(field.BigramField, tokens, boost) is { } q)
                {
                    alternatives.Add(q);
                }
            }
        }

        // A run of several characters may also match as its SmartCn words anywhere in the record's fields
        // (湖北大学图书馆 finds 湖北大学的图书馆), weighted below the exact run of characters.
        if (run.Length > 1)
        {
            var wordsField = IndexSchema.Title.WordsField;
            words = TokenList.Analyze(_analyzer, wordsField, run).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        }

        if (words is { Count: > 1 })
        {
            var all = new BooleanQuery { Boost = _options.WordsFactor };
            foreach (var word in words)
            {
                var any = new BooleanQuery();
                foreach (var field in IndexSchema.TextFields.Where(f => f.Analyses.HasFlag(TextAnalyses.Words)))
                {
                    any.Add(new TermQuery(new Term(field.WordsField, word)) { Boost = field.Boost(_options) }, Occur.SHOULD);
                }

                all.Add(any, Occur.MUST);
                highlights?.Words.Add(word);
            }

            alternatives.Add(all);
        }

        return OrOf(alternatives);
    }

    private Query? OtherRun(string run, HighlightTerms? highlights)
    {
        var alternatives = new List<Query>();
        foreach (var field in IndexSchema.TextFields.Where(f => f.Analyses.HasFlag(TextAnalyses.Exact)))
        {
            var tokens = TokenList.Analyze(_analyzer, field.ExactTextField, run);
            AddTerms(highlights?.Exact, tokens);
            if (PhraseOrTerm(field.ExactTextField, tokens, field.Boost(_options)) is { } q)
            {
                alternatives.Add(q);
            }
        }

        return OrOf(alternatives);
    }

    private BooleanQuery? IdentifierAlternatives(string word)
    {
        if (!word.Any(char.IsDigit) || word.Length < 4)
        {
            return null;
        }

        var any = new BooleanQuery();
        foreach (var variant in Normalize.IdentifierVariants(word))
        {
            any.Add(new TermQuery(new Term(IndexSchema.AnyIdentifier.Name, variant)) { Boost = _options.IdentifierBoost }, Occur.SHOULD);
            any.Add(new TermQuery(new Term(IndexSchema.Classification.Name, variant)) { Boost = _options.IdentifierBoost }, Occur.SHOULD);
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

    private static Query? PhraseOrTerm(string field, IReadOnlyList<AnalyzedToken> tokens, float boost)
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

using System.Text;
using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Text;

/// <summary>
/// The text model of one language, learned from real records: title and abstract sequence models over structural
/// words, punctuation, number shapes and content slots; content slots are filled from per-discipline ranked
/// lexicons (real terms first, new terms in the tail), from the record's own keywords and from terms it already
/// used, so that a record reads as one topic and repeats its key terms as real abstracts do.
/// </summary>
internal sealed class TextModel
{
    /// <summary>Zipf-Mandelbrot law of content terms within a discipline (a = 1/beta; beta ~ 0.55).</summary>
    public const double ContentExponent = 1.8;
    public const double ContentOffset = 10;

    /// <summary>Zipf-Mandelbrot law of keywords within a discipline.</summary>
    public const double KeywordExponent = 1.6;
    public const double KeywordOffset = 20;

    /// <summary>Share of content terms in Chinese abstracts followed by an English gloss.</summary>
    private const double GlossRate = 0.035;

    /// <summary>How often the record's own category model speaks when it knows the context.</summary>
    private const double CategoryShare = 0.8;

    private readonly SymbolTable _symbols;
    private readonly SequenceModel _titles;
    private readonly SequenceModel _abstracts;
    private SequenceModel?[] _categoryTitles = [];
    private SequenceModel?[] _categoryAbstracts = [];
    private int[] _categoryOf = [];

    private TextModel(bool english, SymbolTable symbols, SequenceModel titles, SequenceModel abstracts)
    {
        English = english;
        _symbols = symbols;
        _titles = titles;
        _abstracts = abstracts;
    }

    public bool English { get; }

    /// <summary>English glosses after some terms of Chinese abstracts; null for none.</summary>
    public Glosses? Glosses { get; set; }

    /// <summary>Lower-case content words of the training text (the English model's are gloss material).</summary>
    public IReadOnlyList<string> ContentWords { get; private set; } = [];

    public CharModel WordModel { get; private set; } = null!;

    public RankedLexicon Content { get; private set; } = null!;

    public RankedLexicon Keywords { get; private set; } = null!;

    /// <summary>Abstract lengths of the training records (characters).</summary>
    public int[] AbstractLengths { get; private set; } = [];

    /// <summary>Keyword counts of the training records.</summary>
    public int[] KeywordCounts { get; private set; } = [];

    public int StructuralWords { get; private set; }

    public int RealContentTerms => Content.RealCount;

    public int RealKeywords => Keywords.RealCount;

    public int Symbols => _symbols.Count;

    public int TitleSequences => _titles.TrainingSequences;

    public int AbstractSequences => _abstracts.TrainingSequences;

    /// <param name="docs">The real records.</param>
    /// <param name="categoryOf">The category of each discipline (titles and abstracts are also learned per category).</param>
    /// <param name="english">English text (else Chinese).</param>
    /// <param name="seed">The corpus seed (new terms depend on it).</param>
    /// <param name="lexer">Segments the training text.</param>
    /// <param name="minDocumentFrequency">Words in at least this many records are structure; the rest is content.</param>
    public static TextModel Train(IReadOnlyList<TrainingDoc> docs, int[] categoryOf, bool english, ulong seed, Lexer lexer, int minDocumentFrequency)
    {
        var disciplineCount = categoryOf.Length;
        List<RawToken> Tokens(string text) => english ? Lexer.English(text) : lexer.Chinese(text);
        string Key(string word) => english ? word.ToLowerInvariant() : word;

        var tokenized = docs.Select(d => (Doc: d, Title: Tokens(d.Title), Abstract: Tokens(d.Abstract))).ToList();

        // Document frequency decides what is structure (kept literally) and what is content (a slot).
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var surfaces = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (_, title, abs) in tokenized)
        {
            foreach (var key in title.Concat(abs).Where(t => t.Kind == RawKind.Word).Select(t => Key(t.Text)).Distinct(StringComparer.Ordinal))
            {
                df[key] = df.GetValueOrDefault(key) + 1;
            }

            foreach (var t in title.Concat(abs).Where(t => t.Kind == RawKind.Word))
            {
                var forms = surfaces.TryGetValue(Key(t.Text), out var f) ? f : surfaces[Key(t.Text)] = new(StringComparer.Ordinal);
                forms[t.Text] = forms.GetValueOrDefault(t.Text) + 1;
            }
        }

        var structural = df.Where(kv => kv.Value >= minDocumentFrequency).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        string Surface(string key) => surfaces[key].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
        var surfaceOf = structural.ToDictionary(k => k, Surface, StringComparer.Ordinal);

        var symbols = new SymbolTable();
        var chunkCounts = Enumerable.Range(0, disciplineCount).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var globalChunks = new Dictionary<string, int>(StringComparer.Ordinal);
        var latinWords = new List<string>();
        var titleSequences = new List<int[]>();
        var abstractSequences = new List<int[]>();
        foreach (var (doc, title, abs) in tokenized)
        {
            var counts = doc.Discipline >= 0 && doc.Discipline < disciplineCount ? chunkCounts[doc.Discipline] : null;
            titleSequences.Add(ToSymbols(title, english, structural, surfaceOf, symbols, counts, globalChunks, latinWords));
            abstractSequences.Add(ToSymbols(abs, english, structural, surfaceOf, symbols, counts, globalChunks, latinWords));
        }

        symbols.Freeze();
        var categories = categoryOf.Length == 0 ? 0 : categoryOf.Max() + 1;
        SequenceModel?[] PerCategory(List<int[]> sequences) =>
        [
            .. Enumerable.Range(0, categories).Select(c =>
            {
                var own = sequences.Where((_, i) => docs[i].Discipline >= 0 && categoryOf[docs[i].Discipline] == c).ToList();
                return own.Count >= 5 ? SequenceModel.Train(own, symbols.Count) : null;
            }),
        ];

        var model = new TextModel(english, symbols, SequenceModel.Train(titleSequences, symbols.Count), SequenceModel.Train(abstractSequences, symbols.Count))
        {
            _categoryTitles = PerCategory(titleSequences),
            _categoryAbstracts = PerCategory(abstractSequences),
            _categoryOf = categoryOf,
            StructuralWords = structural.Count,
            AbstractLengths = [.. docs.Select(d => d.Abstract.Length)],
            KeywordCounts = [.. docs.Select(d => d.Keywords.Count(IsUsableKeyword)).Where(c => c > 0)],
        };

        // Keywords per discipline.
        var keywordCounts = Enumerable.Range(0, disciplineCount).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var globalKeywords = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            foreach (var keyword in doc.Keywords.Where(IsUsableKeyword))
            {
                globalKeywords[keyword] = globalKeywords.GetValueOrDefault(keyword) + 1;
                if (doc.Discipline >= 0 && doc.Discipline < disciplineCount)
                {
                    keywordCounts[doc.Discipline][keyword] = keywordCounts[doc.Discipline].GetValueOrDefault(keyword) + 1;
                }
            }
        }

        var known = new HashSet<string>(surfaceOf.Values, StringComparer.Ordinal);
        known.UnionWith(globalChunks.Keys);
        known.UnionWith(globalKeywords.Keys);

        // Material for new terms: heads (the last word of multi-word terms, per discipline), modifiers, character models.
        var headOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var term in globalKeywords.Keys.Concat(globalChunks.Keys))
        {
            var head = english
                ? term.Contains(' ') ? term[(term.LastIndexOf(' ') + 1)..].ToLowerInvariant() : null
                : term.Length >= 3 && term.All(Lexer.IsCjk) ? lexer.SmartCnWords(term).LastOrDefault() : null;
            var usable = head is not null && head.Length >= (english ? 4 : 2) && head.Length < term.Length && head.All(c => english ? char.IsAsciiLetter(c) : Lexer.IsCjk(c));
            headOf[term] = usable ? head : null;
        }

        Weighted<string>? HeadTable(IEnumerable<string> terms, int minimum)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                if (headOf.GetValueOrDefault(term) is { } head)
                {
                    counts[head] = counts.GetValueOrDefault(head) + 1;
                }
            }

            return counts.Count < minimum
                ? null
                : new Weighted<string>(counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(600).Select(kv => (kv.Key, (long)kv.Value)));
        }

        var globalHeads = HeadTable(globalKeywords.Keys.Concat(globalChunks.Keys), 1)!;
        var disciplineHeads = Enumerable.Range(0, disciplineCount).Select(d => HeadTable(keywordCounts[d].Keys.Concat(chunkCounts[d].Keys), 8)).ToArray();

        bool IsModifier(string term) => english
            ? term.Length is >= 4 and <= 14 && term.All(char.IsAsciiLetter)
            : term.Length is >= 2 and <= 6 && term.All(Lexer.IsCjk);
        string ModifierForm(string term) => english ? term.ToLowerInvariant() : term;
        var modifiers = new string[disciplineCount][];
        for (var d = 0; d < disciplineCount; d++)
        {
            modifiers[d] = english
                ? []
                : [.. RankedLexicon.RankByCount(chunkCounts[d].Concat(keywordCounts[d])).Where(IsModifier).Distinct(StringComparer.Ordinal)];
        }

        var englishWords = globalChunks.Keys.Concat(globalKeywords.Keys)
            .SelectMany(t => t.Split(' '))
            .Where(w => w.Length >= 3 && w.All(char.IsAsciiLetter))
            .Select(w => w.ToLowerInvariant());
        var globalModifiers = english
            ? englishWords.Where(IsModifier).Select(ModifierForm).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()
            : RankedLexicon.RankByCount(globalChunks.Concat(globalKeywords).GroupBy(kv => kv.Key).Select(g => KeyValuePair.Create(g.Key, g.Sum(kv => kv.Value))))
                .Where(IsModifier).Take(4000).ToArray();
        var wordModel = english
            ? CharModel.Train(englishWords)
            : CharModel.Train(globalChunks.Keys.Concat(globalKeywords.Keys).Where(t => t.Length is >= 2 and <= 8 && t.All(Lexer.IsCjk)));
        var latinModel = CharModel.Train(latinWords.Where(w => w.Length is >= 2 and <= 10));
        var novel = new NovelWords(seed, english, wordModel, latinModel, globalHeads, disciplineHeads, modifiers, globalModifiers, known);
        model.WordModel = wordModel;
        model.ContentWords = english
            ? [.. englishWords.Where(w => w.Length >= 4 && !structural.Contains(w)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [];

        model.Content = new RankedLexicon(
            [.. chunkCounts.Select(RankedLexicon.RankByCount)],
            RankedLexicon.RankByCount(globalChunks),
            ContentExponent,
            ContentOffset,
            novel.Content);
        model.Keywords = new RankedLexicon(
            [.. keywordCounts.Select(RankedLexicon.RankByCount)],
            RankedLexicon.RankByCount(globalKeywords),
            KeywordExponent,
            KeywordOffset,
            novel.Keyword);
        return model;
    }

    /// <summary>A keyword that survives the engine's list splitting as one keyword.</summary>
    public static bool IsUsableKeyword(string keyword) =>
        keyword.Length is >= 2 and <= 24 && keyword.IndexOfAny(['；', ';', '、', '|', '，', ',', '"', '\'', '“', '”']) < 0;

    /// <summary>Draws the record's keywords (distinct) from its discipline.</summary>
    public void DrawKeywords(Rng rng, TextContext context, int count, IWordSink sink)
    {
        for (var attempt = 0; context.Keywords.Count < count && attempt < count * 4; attempt++)
        {
            var discipline = rng.Chance(0.1) && context.Neighbours.Count > 0 ? rng.Pick(context.Neighbours) : context.Discipline;
            var (keyword, rank) = Keywords.Draw(rng, discipline);
            if (ContainsIgnoringCase(context.Keywords, keyword))
            {
                continue;
            }

            context.Keywords.Add(keyword);
            context.KeywordRanks.Add(discipline == context.Discipline ? rank : rank + 1_000_000);
            sink.Add(keyword);
        }
    }

    public string Title(Rng rng, TextContext context, Renderer renderer, bool fullWidth, int minLength, int maxLength, IWordSink sink)
    {
        string? best = null;
        List<string>? bestWords = null;
        var bestUsedInTitle = 0;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            context.Pending.Clear();
            context.KeywordsInTitle = 0;
            renderer.Reset(English, fullWidth);
            int prev2 = SymbolTable.Start, prev1 = SymbolTable.Start;
            for (var steps = 0; steps < 60 && renderer.Length <= maxLength + 10; steps++)
            {
                var symbol = NextSymbol(rng, _titles, _categoryTitles, context.Discipline, prev2, prev1);
                if (symbol == SymbolTable.End)
                {
                    break;
                }

                Emit(symbol, rng, context, renderer, inTitle: true);
                (prev2, prev1) = (prev1, symbol);
            }

            var text = renderer.Finish(keepFinalStop: false);
            var fits = text.Length >= minLength && text.Length <= maxLength;
            if (fits || best is null || Distance(text.Length, minLength, maxLength) < Distance(best.Length, minLength, maxLength))
            {
                best = text;
                bestWords = [.. context.Pending];
                bestUsedInTitle = context.KeywordsInTitle;
            }

            if (fits)
            {
                break;
            }
        }

        if (best!.Length > maxLength)
        {
            best = best[..maxLength].TrimEnd(' ', ',', '，', '、', ':', '：', '(', '（');
        }

        context.KeywordsInTitle = bestUsedInTitle;
        foreach (var word in bestWords!)
        {
            sink.Add(word);
        }

        return best;
    }

    /// <summary>An abstract of about <paramref name="target"/> characters, ending with a full sentence.</summary>
    public string Abstract(Rng rng, TextContext context, Renderer renderer, bool fullWidth, int target, int maxLength, IWordSink sink)
    {
        context.Pending.Clear();
        renderer.Reset(English, fullWidth);
        int prev2 = SymbolTable.Start, prev1 = SymbolTable.Start;
        for (var steps = 0; steps < 4000; steps++)
        {
            var symbol = NextSymbol(rng, _abstracts, _categoryAbstracts, context.Discipline, prev2, prev1);
            if (symbol == SymbolTable.End)
            {
                renderer.EndSentence();
                if (renderer.Length >= target)
                {
                    break;
                }

                (prev2, prev1) = (SymbolTable.Start, SymbolTable.Start);
                continue;
            }

            Emit(symbol, rng, context, renderer, inTitle: false);
            if (renderer.Length >= target && renderer.AtSentenceEnd)
            {
                break;
            }

            if (renderer.Length >= maxLength)
            {
                renderer.CutAtLastSeparator(Math.Max(target * 2 / 3, renderer.Length - 80));
                break;
            }

            (prev2, prev1) = (prev1, symbol);
        }

        foreach (var word in context.Pending)
        {
            sink.Add(word);
        }

        return renderer.Finish(keepFinalStop: true);
    }

    private static bool ContainsIgnoringCase(List<string> list, string value)
    {
        foreach (var item in list)
        {
            if (string.Equals(item, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private int NextSymbol(Rng rng, SequenceModel global, SequenceModel?[] perCategory, int discipline, int prev2, int prev1)
    {
        if (discipline >= 0 && discipline < _categoryOf.Length && perCategory.Length > 0
            && perCategory[_categoryOf[discipline]] is { } local && rng.Chance(CategoryShare) && local.TryNext(rng, prev2, prev1, out var next))
        {
            return next;
        }

        return global.Next(rng, prev2, prev1);
    }

    private static int Distance(int length, int min, int max) => length < min ? min - length : length > max ? length - max : 0;

    private void Emit(int symbol, Rng rng, TextContext context, Renderer renderer, bool inTitle)
    {
        switch (_symbols.Kind(symbol))
        {
            case SymbolKind.Word:
                var word = _symbols.Text(symbol);
                renderer.Word(word);
                context.Pending.Add(word);
                break;
            case SymbolKind.Content:
                var term = Fill(rng, context, inTitle);
                renderer.Word(term);
                context.Pending.Add(term);
                if (!inTitle && Glosses is not null && rng.Chance(GlossRate) && term.Length >= 3 && Lexer.IsCjk(term[^1]))
                {
                    renderer.Gloss(Glosses.Of(term, context.Pending));
                }

                break;
            case SymbolKind.Number:
                renderer.Number(_symbols.Text(symbol), rng);
                break;
            case SymbolKind.Punct:
                renderer.Punct(_symbols.Punct(symbol), _symbols.Text(symbol));
                break;
        }
    }

    private string Fill(Rng rng, TextContext context, bool inTitle)
    {
        string term;
        if (inTitle)
        {
            if (context.KeywordsInTitle < context.Keywords.Count && rng.Chance(0.55))
            {
                term = context.Keywords[context.KeywordsInTitle++];
            }
            else
            {
                term = Content.Draw(rng, context.Discipline).Text;
            }
        }
        else
        {
            var roll = rng.NextDouble();
            if (roll < 0.12 && context.Keywords.Count > 0)
            {
                term = rng.Pick(context.Keywords);
            }
            else if (roll < 0.32 && context.Used.Count > 0)
            {
                term = rng.Pick(context.Used);
            }
            else if (roll < 0.40 && context.Neighbours.Count > 0)
            {
                term = Content.Draw(rng, rng.Pick(context.Neighbours)).Text;
            }
            else if (roll < 0.42)
            {
                term = Content.Draw(rng, rng.Next(context.DisciplineCount)).Text;
            }
            else
            {
                term = Content.Draw(rng, context.Discipline).Text;
            }
        }

        if (context.Used.Count < 64)
        {
            context.Used.Add(term);
        }

        return term;
    }

    private static int[] ToSymbols(
        List<RawToken> tokens,
        bool english,
        HashSet<string> structural,
        Dictionary<string, string> surfaceOf,
        SymbolTable symbols,
        Dictionary<string, int>? chunkCounts,
        Dictionary<string, int> globalChunks,
        List<string> latinWords)
    {
        var sequence = new List<int>();
        var chunk = new StringBuilder();
        var chunkTokens = 0;
        var maxChunk = english ? 40 : 12;

        void Flush()
        {
            if (chunk.Length == 0)
            {
                return;
            }

            var text = chunk.ToString();
            globalChunks[text] = globalChunks.GetValueOrDefault(text) + 1;
            if (chunkCounts is not null)
            {
                chunkCounts[text] = chunkCounts.GetValueOrDefault(text) + 1;
            }

            sequence.Add(SymbolTable.Content);
            chunk.Clear();
            chunkTokens = 0;
        }

        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case RawKind.Word:
                    var key = english ? token.Text.ToLowerInvariant() : token.Text;
                    if (structural.Contains(key))
                    {
                        Flush();
                        sequence.Add(symbols.Word(surfaceOf[key]));
                        break;
                    }

                    if (!english && char.IsAsciiLetter(token.Text[0]))
                    {
                        latinWords.Add(token.Text);
                    }

                    if (chunkTokens >= 3 || (chunk.Length > 0 && chunk.Length + token.Text.Length > maxChunk))
                    {
                        Flush();
                    }

                    var text = token.Text;
                    if (english && chunk.Length == 0 && (sequence.Count == 0 || symbols.Punct(sequence[^1]) == PunctClass.Period)
                        && text.Length > 1 && char.IsUpper(text[0]) && text.Skip(1).All(char.IsLower))
                    {
                        text = char.ToLowerInvariant(text[0]) + text[1..];
                    }

                    if (chunk.Length > 0 && (english || (char.IsAsciiLetterOrDigit(chunk[^1]) && char.IsAsciiLetterOrDigit(text[0]))))
                    {
                        chunk.Append(' ');
                    }

                    chunk.Append(text);
                    chunkTokens++;
                    break;
                case RawKind.Number:
                    Flush();
                    sequence.Add(symbols.Number(token.Text));
                    break;
                case RawKind.Punct:
                    Flush();
                    sequence.Add(symbols.Punctuation(token.Text[0]));
                    break;
                case RawKind.Space:
                    break;
            }
        }

        Flush();
        return [.. sequence];
    }
}

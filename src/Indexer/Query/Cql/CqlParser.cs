using System.Text;
using Search.Indexer.Search;

namespace Search.Indexer.Query.Cql;

/// <summary>
/// Parses CQL (the Contextual Query Language of SRU) into its tree: prefix assignments, search clauses
/// (<c>index relation/modifiers term</c>, index and relation inherited into parentheses as cql-java does),
/// booleans <c>and/or/not/prox</c> with modifiers, left-associative with equal precedence, and
/// <c>sortby</c> keys. Errors throw <see cref="QuerySyntaxException"/> naming the position.
/// </summary>
public sealed class CqlParser
{
    private const string DefaultIndex = "cql.serverChoice";
    private const string DefaultRelation = "=";
    private static readonly string[] Symbols = ["==", "<>", "<=", ">=", "=", "<", ">"];
    private static readonly HashSet<string> NamedRelations = new(["any", "all", "adj", "exact", "within", "encloses"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> Booleans = new(["and", "or", "not", "prox"], StringComparer.OrdinalIgnoreCase);

    private readonly List<Token> _tokens;
    private int _at;

    private CqlParser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private enum Kind
    {
        Word,
        Quoted,
        Symbol,
        Open,
        Close,
        Slash,
        End,
    }

    public static CqlNode Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new CqlParser(Tokenize(Schema.Normalize.WellFormed(query)));
        var node = parser.ParseQuery(DefaultIndex, DefaultRelation, []);
        if (parser.IsWord("sortby"))
        {
            parser.Next();
            var keys = new List<CqlSortKey>();
            while (parser.Peek.Kind is Kind.Word or Kind.Quoted)
            {
                var index = parser.Next().Text;
                keys.Add(new CqlSortKey(index, parser.ParseModifiers()));
            }

            if (keys.Count == 0)
            {
                throw parser.Error("expected a sort key");
            }

            node = node with { SortKeys = keys };
        }

        if (parser.Peek.Kind != Kind.End)
        {
            throw parser.Error($"junk after end: '{parser.Peek.Text}'");
        }

        return node;
    }

    private Token Peek => _tokens[_at];

    private Token Next() => _tokens[_at++];

    private bool IsWord(string word) => Peek.Kind == Kind.Word && string.Equals(Peek.Text, word, StringComparison.OrdinalIgnoreCase);

    private bool AtBoolean => Peek.Kind == Kind.Word && Booleans.Contains(Peek.Text);

    private bool AtRelation =>
        Peek.Kind == Kind.Symbol
        || (Peek.Kind == Kind.Word && !Booleans.Contains(Peek.Text) && (NamedRelations.Contains(Peek.Text) || Peek.Text.Contains('.', StringComparison.Ordinal)));

    private QuerySyntaxException Error(string what) =>
        new($"CQL: {what} at position {Peek.Position + 1}.", Peek.Position);

    private static string Describe(Token token) => token.Kind == Kind.End ? "EOF" : $"'{token.Text}'";

    // query := prefixAssignment* scopedClause
    private CqlNode ParseQuery(string index, string relation, IReadOnlyList<CqlModifier> modifiers)
    {
        var prefixes = ParsePrefixes();
        var node = ParseScoped(index, relation, modifiers);
        return prefixes.Count == 0 ? node : node with { Prefixes = [.. prefixes, .. node.Prefixes] };
    }

    private List<CqlPrefix> ParsePrefixes()
    {
        var prefixes = new List<CqlPrefix>();
        while (Peek.Kind == Kind.Symbol && Peek.Text == ">")
        {
            Next();
            var first = ExpectTerm("a prefix or its identifier");
            if (Peek.Kind == Kind.Symbol && Peek.Text == "=")
            {
                Next();
                prefixes.Add(new CqlPrefix(first, ExpectTerm("a prefix identifier")));
            }
            else
            {
                prefixes.Add(new CqlPrefix(null, first));
            }
        }

        return prefixes;
    }

    // scopedClause := searchClause (boolean modifiers searchClause)*
    private CqlNode ParseScoped(string index, string relation, IReadOnlyList<CqlModifier> modifiers)
    {
        var left = ParseClause(index, relation, modifiers);
        while (AtBoolean)
        {
            var position = Peek.Position;
            var boolean = Next().Text.ToLowerInvariant();
            var booleanModifiers = ParseModifiers();
            var right = ParseClause(index, relation, modifiers);
            left = new CqlTriple(boolean, booleanModifiers, left, right, position);
        }

        return left;
    }

    // searchClause := prefixAssignment* ('(' query ')' | index relation modifiers (term | '(' query ')') | term)
    private CqlNode ParseClause(string index, string relation, IReadOnlyList<CqlModifier> modifiers)
    {
        if (Peek.Kind == Kind.Symbol && Peek.Text == ">")
        {
            // cql-java accepts prefix assignments before an operand of a boolean too.
            var prefixes = ParsePrefixes();
            var clause = ParseClause(index, relation, modifiers);
            return clause with { Prefixes = [.. prefixes, .. clause.Prefixes] };
        }

        if (Peek.Kind == Kind.Open)
        {
            Next();
            var inner = ParseQuery(index, relation, modifiers);
            if (Peek.Kind != Kind.Close)
            {
                throw Error($"expected ')', got {Describe(Peek)}");
            }

            Next();
            return inner;
        }

        if (Peek.Kind is not (Kind.Word or Kind.Quoted))
        {
            throw Error($"expected index or term, got {Describe(Peek)}");
        }

        var first = Next();
        if (first.Kind == Kind.Word && AtRelation)
        {
            var relationText = Next().Text;
            var relationModifiers = ParseModifiers();
            if (Peek.Kind == Kind.Open)
            {
                return ParseClause(first.Text, relationText, relationModifiers);
            }

            var term = ExpectTerm("index or term");
            return new CqlSearchClause(first.Text, relationText, relationModifiers, term, first.Position);
        }

        var text = new StringBuilder(first.Text);
        // cql-java joins bare words that follow a term into it (until a boolean, sortby or a delimiter).
        while (first.Kind == Kind.Word && Peek.Kind == Kind.Word && !AtBoolean && !IsWord("sortby"))
        {
            text.Append(' ').Append(Next().Text);
        }

        return new CqlSearchClause(index, relation, modifiers, text.ToString(), first.Position);
    }

    private List<CqlModifier> ParseModifiers()
    {
        var modifiers = new List<CqlModifier>();
        while (Peek.Kind == Kind.Slash)
        {
            Next();
            if (Peek.Kind != Kind.Word)
            {
                throw Error($"expected a modifier name, got {Describe(Peek)}");
            }

            var type = Next().Text.ToLowerInvariant();
            if (Peek.Kind == Kind.Symbol)
            {
                var comparison = Next().Text;
                modifiers.Add(new CqlModifier(type, comparison, ExpectTerm("a modifier value")));
            }
            else
            {
                modifiers.Add(new CqlModifier(type, null, null));
            }
        }

        return modifiers;
    }

    private string ExpectTerm(string what)
    {
        if (Peek.Kind is not (Kind.Word or Kind.Quoted))
        {
            throw Error($"expected {what}, got {Describe(Peek)}");
        }

        return Next().Text;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(Kind.Open, "(", start));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(Kind.Close, ")", start));
                    i++;
                    continue;
                case '/':
                    tokens.Add(new Token(Kind.Slash, "/", start));
                    i++;
                    continue;
                case '"':
                    {
                        i++;
                        var value = new StringBuilder();
                        while (i < text.Length && text[i] != '"')
                        {
                            if (text[i] == '\\' && i + 1 < text.Length)
                            {
                                value.Append(text[i]);
                                i++;
                            }

                            value.Append(text[i]);
                            i++;
                        }

                        if (i >= text.Length)
                        {
                            throw new QuerySyntaxException($"CQL: unclosed quote at position {start + 1}.", start);
                        }

                        i++;
                        tokens.Add(new Token(Kind.Quoted, value.ToString(), start));
                        continue;
                    }
            }

            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (symbol is not null)
            {
                tokens.Add(new Token(Kind.Symbol, symbol, start));
                i += symbol.Length;
                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or '/' or '"' or '<' or '>' or '='))
            {
                i++;
            }

            tokens.Add(new Token(Kind.Word, text[start..i], start));
        }

        tokens.Add(new Token(Kind.End, "", text.Length));
        return tokens;
    }

    private sealed record Token(Kind Kind, string Text, int Position);
}

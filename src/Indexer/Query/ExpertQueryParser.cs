using System.Text;
using Search.Indexer.Search;
using Search.Ingestion.Normalization;

namespace Search.Indexer.Query;

/// <summary>
/// CNKI's expert expressions: <c>SU=(大数据+云计算)*TI=平台-KY=区块链</c>. A clause is a field code (or its
/// Chinese label), <c>=</c> (exact: contiguous text) or <c>%</c> (fuzzy: SmartCn words too), and a term or a
/// parenthesized expression of terms. Operators: <c>*</c>/<c>AND</c>, <c>+</c>/<c>OR</c>, <c>-</c>/<c>NOT</c>;
/// AND and NOT bind tighter than OR; parentheses group. Full-width operators are accepted. A term without a
/// field searches everywhere. Syntax errors throw <see cref="QuerySyntaxException"/> with the position.
/// </summary>
public sealed class ExpertQueryParser
{
    private readonly List<Token> _tokens;
    private int _at;

    private ExpertQueryParser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    private enum Kind
    {
        Field,
        Relation,
        And,
        Or,
        Not,
        Open,
        Close,
        Term,
        End,
    }

    public static QueryNode Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new ExpertQueryParser(Tokenize(Schema.Normalize.WellFormed(expression)));
        if (parser.Peek.Kind == Kind.End)
        {
            throw new QuerySyntaxException("The expression is empty.", 0);
        }

        var node = parser.ParseOr(field: null, match: TermMatch.Words);
        if (parser.Peek.Kind != Kind.End)
        {
            throw parser.Error($"unexpected '{parser.Peek.Text}'");
        }

        return node;
    }

    private Token Peek => _tokens[_at];

    private Token Next() => _tokens[_at++];

    private QuerySyntaxException Error(string what) =>
        new($"Expert expression: {what} at position {Peek.Position + 1}.", Peek.Position);

    // or := and (('+' | OR) and)*
    private QueryNode ParseOr(SearchField? field, TermMatch match)
    {
        var children = new List<QueryNode> { ParseAnd(field, match) };
        while (Peek.Kind == Kind.Or)
        {
            Next();
            children.Add(ParseAnd(field, match));
        }

        return Nodes.Or(children);
    }

    // and := unary (('*' | AND | '-' | NOT) unary)*
    private QueryNode ParseAnd(SearchField? field, TermMatch match)
    {
        var node = ParseUnary(field, match);
        while (Peek.Kind is Kind.And or Kind.Not)
        {
            var op = Next().Kind;
            var right = ParseUnary(field, match);
            node = op == Kind.And ? Nodes.And(node, right) : Nodes.Not(node, right);
        }

        return node;
    }

    // unary := '(' or ')' | FIELD ('=' | '%') value | TERM      (inside a field's value: '(' or ')' | TERM)
    private QueryNode ParseUnary(SearchField? field, TermMatch match)
    {
        var token = Peek;
        switch (token.Kind)
        {
            case Kind.Open:
                {
                    Next();
                    var inner = ParseOr(field, match);
                    if (Peek.Kind != Kind.Close)
                    {
                        throw Error(Peek.Kind == Kind.End ? "missing ')'" : $"expected ')' but found '{Peek.Text}'");
                    }

                    Next();
                    return inner;
                }

            case Kind.Field when field is null:
                {
                    Next();
                    var named = SearchFields.Find(token.Text) ?? throw new QuerySyntaxException($"Expert expression: unknown field '{token.Text}' at position {token.Position + 1}.", token.Position);
                    var relation = Next();
                    var valueMatch = relation.Text == "%" ? TermMatch.Fuzzy : TermMatch.Exact;
                    if (Peek.Kind is not (Kind.Term or Kind.Open))
                    {
                        throw Error(Peek.Kind == Kind.End ? $"missing a term after {token.Text}{relation.Text}" : $"expected a term after {token.Text}{relation.Text} but found '{Peek.Text}'");
                    }

                    return ParseUnary(named, valueMatch);
                }

            case Kind.Field:
                throw Error($"a field ({token.Text}) inside the value of another field");
            case Kind.Term:
                Next();
                return new TermNode(field ?? SearchFields.Any, token.Text, token.Quoted ? TermMatch.Phrase : match, token.Position);
            case Kind.End:
                throw Error("missing a term");
            default:
                throw Error($"expected a field or a term but found '{token.Text}'");
        }
    }

    private static char FoldOperator(char c) => c switch
    {
        '（' => '(',
        '）' => ')',
        '＊' => '*',
        '＋' => '+',
        '－' => '-',
        '＝' => '=',
        '％' => '%',
        _ => c,
    };

    private static bool IsOperator(char c) => c is '(' or ')' or '*' or '+' or '-' or '=' or '%';

    private static bool IsQuote(char c) => c is '\'' or '"' or '‘' or '’' or '“' or '”';

    private static List<Token> Tokenize(string raw)
    {
        var text = new string(raw.Select(FoldOperator).ToArray());
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
            if (IsQuote(c))
            {
                i++;
                var value = new StringBuilder();
                while (i < text.Length && !IsQuote(text[i]))
                {
                    value.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    throw new QuerySyntaxException($"Expert expression: unclosed quote at position {start + 1}.", start);
                }

                i++;
                tokens.Add(new Token(Kind.Term, value.ToString().Trim(), start, Quoted: true));
                continue;
            }

            if (IsOperator(c))
            {
                i++;
                tokens.Add(new Token(
                    c switch
                    {
                        '(' => Kind.Open,
                        ')' => Kind.Close,
                        '*' => Kind.And,
                        '+' => Kind.Or,
                        '-' => Kind.Not,
                        _ => Kind.Relation,
                    },
                    c.ToString(),
                    start,
                    Quoted: false));
                if (tokens[^1].Kind == Kind.Relation)
                {
                    throw new QuerySyntaxException($"Expert expression: '{c}' without a field at position {start + 1}.", start);
                }

                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsQuote(text[i]) && (!IsOperator(text[i]) || IsInnerHyphen(text, i)))
            {
                i++;
            }

            var word = text[start..i];
            var next = i;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next < text.Length && text[next] is '=' or '%')
            {
                if (SearchFields.Find(word) is null)
                {
                    throw new QuerySyntaxException($"Expert expression: unknown field '{word}' at position {start + 1}.", start);
                }

                tokens.Add(new Token(Kind.Field, word, start, Quoted: false));
                tokens.Add(new Token(Kind.Relation, text[next].ToString(), next, Quoted: false));
                i = next + 1;
                continue;
            }

            tokens.Add(word switch
            {
                "AND" => new Token(Kind.And, word, start, Quoted: false),
                "OR" => new Token(Kind.Or, word, start, Quoted: false),
                "NOT" => new Token(Kind.Not, word, start, Quoted: false),
                _ => new Token(Kind.Term, word, start, Quoted: false),
            });
        }

        tokens.Add(new Token(Kind.End, "end", text.Length, Quoted: false));
        return tokens;
    }

    /// <summary>
    /// A hyphen between two ASCII letters or digits, half- or full-width, belongs to the term (ISBN 978-7-111,
    /// 2015-2020, ２０１５－２０２０, DOI). Not when a field clause follows (<c>AB=c-AB=d</c>).
    /// </summary>
    private static bool IsInnerHyphen(string text, int i) =>
        text[i] == '-' && i > 0 && i + 1 < text.Length && IsLetterOrDigit(text[i - 1]) && IsLetterOrDigit(text[i + 1])
        && !StartsFieldClause(text, i + 1);

    private static bool IsLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(TextNormalizer.Fold(c, WidthFolding.All));

    private static bool StartsFieldClause(string text, int i)
    {
        var end = i;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return end > i && next < text.Length && text[next] is '=' or '%' && SearchFields.Find(text[i..end]) is not null;
    }

    private sealed record Token(Kind Kind, string Text, int Position, bool Quoted);
}

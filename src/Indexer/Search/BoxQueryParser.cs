using System.Text;
using Search.Indexer.Query;

namespace Search.Indexer.Search;

/// <summary>One operand of the search box: a word (split further by script and punctuation) or a quoted phrase.</summary>
/// <param name="Text">The operand's text, without quotes or the leading minus.</param>
/// <param name="IsPhrase">It was quoted.</param>
/// <param name="Position">0-based position in the box where it starts.</param>
public sealed record BoxOperand(string Text, bool IsPhrase, int Position);

/// <summary>Operands joined by OR: the group matches when any of them does. A negated group must not match.</summary>
public sealed record BoxGroup(IReadOnlyList<BoxOperand> Operands, bool Negated);

/// <summary>The parsed box: every non-negated group must match (implicit AND), no negated group may.</summary>
public sealed record BoxQuery(IReadOnlyList<BoxGroup> Groups)
{
    public bool IsEmpty => Groups.Count == 0;

    /// <summary>The box as a query tree whose terms look in <paramref name="field"/> (default: everywhere).</summary>
    public QueryNode ToNode(SearchField? field = null, TermMatch wordMatch = TermMatch.Words)
    {
        field ??= SearchFields.Any;
        var positives = new List<QueryNode>();
        var negatives = new List<QueryNode>();
        foreach (var group in Groups)
        {
            var node = Nodes.Or(group.Operands.Select(o => (QueryNode)new TermNode(field, o.Text, o.IsPhrase ? TermMatch.Phrase : wordMatch, o.Position)));
            (group.Negated ? negatives : positives).Add(node);
        }

        var include = Nodes.And(positives);
        return negatives.Count == 0 ? include : Nodes.Not(include, Nodes.Or(negatives));
    }
}

/// <summary>
/// The simple search box: words with implicit AND, "quoted phrases" (ASCII or “curly” quotes), <c>OR</c>
/// between operands, <c>NOT</c> or a leading <c>-</c> to exclude (a minus before a letter, a Chinese
/// character or a quote; before a digit or punctuation it is text, and a lone <c>-word</c> that looks like a pasted fragment is text). Everything else is text, including
/// Lucene's syntax characters. It never throws: an unclosed quote runs to the end of the box.
/// </summary>
public static class BoxQueryParser
{
    private const int MaxLength = 2000;

    public static BoxQuery Parse(string? box)
    {
        var text = Schema.Normalize.WellFormed(box ?? "");
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }
        }

        var groups = new List<BoxGroup>();
        List<BoxOperand>? orGroup = null;
        var pendingOr = false;
        var pendingNot = false;
        var tokens = Tokenize(text).ToList();
        if (tokens is [{ Negated: true, Quoted: false } lone] && LooksLikeFragment(lone.Text))
        {
            tokens = [lone with { Negated = false }];
        }

        foreach (var token in tokens)
        {
            if (!token.Quoted && !token.Negated && token.Text is "OR" or "||")
            {
                pendingOr = orGroup is not null;
                continue;
            }

            if (!token.Quoted && !token.Negated && token.Text is "NOT")
            {
                pendingNot = true;
                pendingOr = false;
                continue;
            }

            if (!token.Quoted && !token.Negated && token.Text is "AND" or "&&")
            {
                continue;
            }

            var operand = new BoxOperand(token.Text, token.Quoted, token.Position);
            if (token.Negated || pendingNot)
            {
                groups.Add(new BoxGroup([operand], Negated: true));
                orGroup = null;
            }
            else if (pendingOr && orGroup is not null)
            {
                orGroup.Add(operand);
            }
            else
            {
                orGroup = [operand];
                groups.Add(new BoxGroup(orGroup, Negated: false));
            }

            pendingNot = false;
            pendingOr = false;
        }

        return new BoxQuery(groups);
    }

    /// <summary>
    /// A box that is nothing but <c>-word</c> asks for everything except that word, unless the word looks
    /// like text pasted from a title (<c>-流体耦合成</c>, <c>-GS组成研</c>): longer than four characters or
    /// Chinese mixed with Latin letters or digits. Then the minus is punctuation and the word is searched.
    /// </summary>
    private static bool LooksLikeFragment(string word)
    {
        if (word.Length > 4)
        {
            return true;
        }

        var runs = ScriptRuns.Split(word);
        return runs.Any(r => r.IsCjk) && runs.Any(r => !r.IsCjk && r.Text.Any(char.IsLetterOrDigit));
    }

    private static bool IsQuote(char c) => c is '"' or '\u201C' or '\u201D' or '\uFF02';

    private static IEnumerable<Token> Tokenize(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var negated = false;
            if (text[i] is '-' or '\uFF0D' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || char.IsSurrogate(text[i + 1]) || IsQuote(text[i + 1])))
            {
                negated = true;
                i++;
            }

            if (IsQuote(text[i]))
            {
                i++;
                var phrase = new StringBuilder();
                while (i < text.Length && !IsQuote(text[i]))
                {
                    phrase.Append(text[i]);
                    i++;
                }

                i = Math.Min(i + 1, text.Length);
                if (phrase.ToString().Trim().Length > 0)
                {
                    yield return new Token(phrase.ToString().Trim(), Quoted: true, negated, start);
                }

                continue;
            }

            var wordStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsQuote(text[i]))
            {
                i++;
            }

            if (i > wordStart)
            {
                yield return new Token(text[wordStart..i], Quoted: false, negated, start);
            }
        }
    }

    private sealed record Token(string Text, bool Quoted, bool Negated, int Position);
}

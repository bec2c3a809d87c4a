using Search.Indexer.Search;

namespace Search.Indexer.Query;

/// <summary>
/// What one search may ask for, so that no query, however it is typed, costs seconds: terms of the whole
/// tree (box, rows and every earlier query of 二次检索 together), characters of those terms, and nesting.
/// A request over budget is refused with a message naming the limit; it is never cut silently.
/// </summary>
public sealed record QueryBudget
{
    /// <summary>Terms of the whole tree (each word, phrase or fielded value counts once).</summary>
    public int MaxTerms { get; init; } = 128;

    /// <summary>Characters of all the terms together.</summary>
    public int MaxCharacters { get; init; } = 4000;

    /// <summary>Levels of nested brackets.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Throws <see cref="QuerySyntaxException"/> naming the first limit the tree goes over.</summary>
    public void Check(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var terms = 0;
        var characters = 0;
        var stack = new Stack<(QueryNode Node, int Depth)>();
        stack.Push((node, 1));
        while (stack.Count > 0)
        {
            var (current, depth) = stack.Pop();
            if (depth > MaxDepth)
            {
                throw new QuerySyntaxException($"The query nests deeper than {MaxDepth} levels; simplify it.");
            }

            switch (current)
            {
                case TermNode term:
                    terms++;
                    characters += term.Text.Length;
                    if (terms > MaxTerms)
                    {
                        throw new QuerySyntaxException($"The query has more than {MaxTerms} terms (counting every earlier query it searches within); use fewer.", term.Position);
                    }

                    if (characters > MaxCharacters)
                    {
                        throw new QuerySyntaxException($"The query's terms have more than {MaxCharacters} characters together (counting every earlier query it searches within); shorten it.", term.Position);
                    }

                    break;
                case AndNode and:
                    foreach (var child in and.Children)
                    {
                        stack.Push((child, depth + 1));
                    }

                    break;
                case OrNode or:
                    foreach (var child in or.Children)
                    {
                        stack.Push((child, depth + 1));
                    }

                    break;
                case NotNode not:
                    if (not.Include is not null)
                    {
                        stack.Push((not.Include, depth + 1));
                    }

                    stack.Push((not.Exclude, depth + 1));
                    break;
            }
        }
    }
}

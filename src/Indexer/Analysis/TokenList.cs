using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Indexer.Analysis;

/// <summary>One token as an analyzer produced it.</summary>
/// <param name="Term">The term text.</param>
/// <param name="Start">Start offset (UTF-16 units) in the analyzed text.</param>
/// <param name="End">End offset (exclusive).</param>
/// <param name="Position">0-based absolute position.</param>
/// <param name="PositionIncrement">Increment from the previous token (0 for a bigram stacked on its first unigram).</param>
/// <param name="Type">The token type (<c>&lt;DOUBLE&gt;</c> for a CJK bigram, <c>&lt;SINGLE&gt;</c> for a unigram).</param>
public sealed record AnalyzedToken(string Term, int Start, int End, int Position, int PositionIncrement, string Type);

/// <summary>Runs an analyzer over a string and lists its tokens.</summary>
public static class TokenList
{
    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), offset.StartOffset, offset.EndOffset, Math.Max(position, 0), increment.PositionIncrement, type.Type));
        }

        stream.End();
        return tokens;
    }
}

using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Indexer.Tests.SmartCn;

/// <summary>One token with everything a consumer of the stream can read from it.</summary>
internal readonly record struct StreamToken(string Term, int Start, int End, int PositionIncrement, int PositionLength, string Type, bool Keyword);

/// <summary>Runs two analyzers over the same text and reports the first place their token streams differ.</summary>
internal static class TokenComparison
{
    public const string Field = "text_zh";

    /// <summary>The tokens and the final offset of <paramref name="analyzer"/> over <paramref name="text"/> (optionally through a char filter).</summary>
    public static (List<StreamToken> Tokens, int FinalOffset) Read(Analyzer analyzer, string text, Func<TextReader, TextReader>? wrap = null)
    {
        var tokens = new List<StreamToken>();
        TextReader reader = new StringReader(text);
        if (wrap is not null)
        {
            reader = wrap(reader);
        }

        using var stream = analyzer.GetTokenStream(Field, reader);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var length = stream.AddAttribute<IPositionLengthAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var keyword = stream.AddAttribute<IKeywordAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new StreamToken(term.ToString(), offset.StartOffset, offset.EndOffset, increment.PositionIncrement, length.PositionLength, type.Type, keyword.IsKeyword));
        }

        stream.End();
        var finalOffset = offset.EndOffset;
        return (tokens, finalOffset);
    }

    /// <summary>Null when both analyzers give the same stream, else a description of the first difference.</summary>
    public static string? Difference(Analyzer expected, Analyzer actual, string text, out int tokenCount, Func<TextReader, TextReader>? wrap = null)
    {
        var (want, wantEnd) = Read(expected, text, wrap);
        var (got, gotEnd) = Read(actual, text, wrap);
        tokenCount = want.Count;
        var common = Math.Min(want.Count, got.Count);
        for (var i = 0; i < common; i++)
        {
            if (want[i] != got[i])
            {
                return Describe(text, i, want, got);
            }
        }

        if (want.Count != got.Count)
        {
            return Describe(text, common, want, got);
        }

        return wantEnd == gotEnd ? null : $"final offset {gotEnd}, expected {wantEnd}";
    }

    private static string Describe(string text, int index, List<StreamToken> want, List<StreamToken> got)
    {
        var at = index < want.Count ? want[index].Start : index < got.Count ? got[index].Start : 0;
        var from = Math.Clamp(at - 20, 0, text.Length);
        var to = Math.Clamp(at + 40, from, text.Length);
        var sb = new StringBuilder();
        sb.Append("token ").Append(index).Append(" of ").Append(want.Count).Append(" (got ").Append(got.Count).Append("): expected ")
            .Append(index < want.Count ? want[index].ToString() : "none").Append(", got ")
            .Append(index < got.Count ? got[index].ToString() : "none")
            .Append(" near «").Append(text, from, to - from).Append("» (text of ").Append(text.Length).Append(" chars)");
        return sb.ToString();
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Search.Indexer.Analysis.SmartCn;

/// <summary>Takes off the keyword mark <see cref="FastSmartCnTokenizer"/> puts on words the stemmer cannot change, so later filters see what SmartCn gives them.</summary>
public sealed class KeywordClearFilter : TokenFilter
{
    private readonly IKeywordAttribute _keyword;

    public KeywordClearFilter(TokenStream input)
        : base(input)
    {
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        _keyword.IsKeyword = false;
        return true;
    }
}

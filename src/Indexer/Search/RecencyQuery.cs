using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Queries.Function;
using Lucene.Net.Queries.Function.ValueSources;
using Search.Indexer.Schema;

namespace Search.Indexer.Search;

/// <summary>
/// Multiplies a query's score by <c>1 + weight × max(0, 1 − age / years)</c>, age in years from the
/// reference year; records without a year gain nothing.
/// </summary>
public sealed class RecencyQuery : CustomScoreQuery
{
    private readonly int _referenceYear;
    private readonly float _weight;
    private readonly int _years;

    public RecencyQuery(Lucene.Net.Search.Query query, int referenceYear, float weight, int years)
        : base(query, new FunctionQuery(new Int32FieldSource(IndexSchema.Year.DocValuesField)))
    {
        _referenceYear = referenceYear;
        _weight = weight;
        _years = Math.Max(1, years);
    }

    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context, this);

    private sealed class Provider(AtomicReaderContext context, RecencyQuery query) : CustomScoreProvider(context)
    {
        public override float CustomScore(int doc, float subQueryScore, float valSrcScore)
        {
            if (valSrcScore <= 0)
            {
                return subQueryScore;
            }

            var age = Math.Max(0f, query._referenceYear - valSrcScore);
            return subQueryScore * (1f + (query._weight * Math.Max(0f, 1f - (age / query._years))));
        }
    }
}

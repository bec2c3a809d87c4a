using Lucene.Net.Documents;
using Lucene.Net.Util;
using Search.Indexer.Analysis;
using Search.Indexer.Search;
using Search.Ingestion.Model;

namespace Search.Indexer.Schema;

/// <summary>One logical field of the index: knows how to put a record's values into a document.</summary>
public abstract class IndexField
{
    protected IndexField(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public abstract void AddTo(Document document, CatalogRecord record);
}

/// <summary>Which analyzed sub-fields a text field gets.</summary>
[Flags]
public enum TextAnalyses
{
    None = 0,
    /// <summary><c>name_zh</c>: SmartCn words.</summary>
    Words = 1,
    /// <summary><c>name_bi</c>: CJK bigrams and unigrams.</summary>
    Bigrams = 2,
    /// <summary><c>name_en</c>: unstemmed lower-cased words.</summary>
    Exact = 4,
    All = Words | Bigrams | Exact,
    /// <summary><c>name_ng</c>: trigrams of Latin words and numbers, for fragments cut inside them (not in <see cref="All"/>).</summary>
    LatinGrams = 8,
}

/// <summary>
/// Free text searched by the box: one analyzed sub-field per analysis, the value stored under the bare
/// name when <see cref="Stored"/>, and an optional lower-cased exact StringField <c>name_exact</c>.
/// </summary>
public sealed class TextIndexField : IndexField
{
    private readonly Func<CatalogRecord, IEnumerable<string?>> _values;

    public TextIndexField(
        string name,
        Func<CatalogRecord, IEnumerable<string?>> values,
        TextAnalyses analyses,
        Func<SearchOptions, float> boost,
        bool stored = true,
        bool exact = false)
        : base(name)
    {
        _values = values;
        Analyses = analyses;
        Boost = boost;
        Stored = stored;
        Exact = exact;
    }

    public TextAnalyses Analyses { get; }

    /// <summary>How much a match in this field weighs, from the search options.</summary>
    public Func<SearchOptions, float> Boost { get; }

    public bool Stored { get; }

    public bool Exact { get; }

    public string WordsField => Name + CatalogAnalyzer.ZhSuffix;

    public string BigramField => Name + CatalogAnalyzer.BigramSuffix;

    public string ExactTextField => Name + CatalogAnalyzer.EnSuffix;

    public string ExactField => Name + "_exact";

    public string LatinGramField => Name + CatalogAnalyzer.NGramSuffix;

    public IEnumerable<string> Values(CatalogRecord record) =>
        _values(record).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());

    public override void AddTo(Document document, CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var value in Values(record))
        {
            if (Stored)
            {
                document.Add(new StoredField(Name, value));
            }

            if (Analyses.HasFlag(TextAnalyses.Words))
            {
                document.Add(new TextField(WordsField, value, Field.Store.NO));
            }

            if (Analyses.HasFlag(TextAnalyses.Bigrams))
            {
                document.Add(new TextField(BigramField, value, Field.Store.NO));
            }

            if (Analyses.HasFlag(TextAnalyses.Exact))
            {
                document.Add(new TextField(ExactTextField, value, Field.Store.NO));
            }

            if (Analyses.HasFlag(TextAnalyses.LatinGrams))
            {
                document.Add(new TextField(LatinGramField, value, Field.Store.NO));
            }

            if (Exact)
            {
                document.Add(new StringField(ExactField, Normalize.Exact(value), Field.Store.NO));
            }
        }
    }
}

/// <summary>
/// A filterable and facetable value: a stored StringField (<c>name</c>) for filters and a
/// SortedSetDocValuesField (<c>name_facet</c>) for counting. Multi-valued.
/// </summary>
public sealed class FacetIndexField : IndexField
{
    private readonly Func<CatalogRecord, IEnumerable<string?>> _values;

    public FacetIndexField(string name, Func<CatalogRecord, IEnumerable<string?>> values)
        : base(name)
    {
        _values = values;
    }

    public string FacetField => Name + "_facet";

    public IEnumerable<string> Values(CatalogRecord record) =>
        _values(record).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal);

    public override void AddTo(Document document, CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var value in Values(record))
        {
            document.Add(new StringField(Name, value, Field.Store.YES));
            document.Add(new SortedSetDocValuesField(FacetField, new BytesRef(value)));
        }
    }
}

/// <summary>The year: stored IntField <c>year</c> for range filters, NumericDocValues <c>year_dv</c> for sorting and the year facet.</summary>
public sealed class YearIndexField : IndexField
{
    public YearIndexField(string name)
        : base(name)
    {
    }

    public string DocValuesField => Name + "_dv";

    public override void AddTo(Document document, CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Year is { } year)
        {
            document.Add(new Int32Field(Name, year, Field.Store.YES));
            document.Add(new NumericDocValuesField(DocValuesField, year));
        }
    }
}

/// <summary>Identifiers matched exactly: lower-cased StringFields, each value also without hyphens and spaces.</summary>
public sealed class IdentifierIndexField : IndexField
{
    private readonly Func<CatalogRecord, IEnumerable<string?>> _values;

    public IdentifierIndexField(string name, Func<CatalogRecord, IEnumerable<string?>> values)
        : base(name)
    {
        _values = values;
    }

    public IEnumerable<string> Values(CatalogRecord record) =>
        _values(record).Where(v => !string.IsNullOrWhiteSpace(v)).SelectMany(v => Normalize.IdentifierKeys(v!)).Distinct(StringComparer.Ordinal);

    public override void AddTo(Document document, CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var value in Values(record))
        {
            document.Add(new StringField(Name, value, Field.Store.NO));
        }
    }
}

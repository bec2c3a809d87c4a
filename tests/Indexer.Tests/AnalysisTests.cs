using Search.Indexer.Analysis;

namespace Search.Indexer.Tests;

public class AnalysisTests
{
    private CatalogAnalyzer _analyzer = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        CatalogAnalyzer.Warm();
        _analyzer = new CatalogAnalyzer();
    }

    [OneTimeTearDown]
    public void TearDown() => _analyzer.Dispose();

    private static string Show(IEnumerable<AnalyzedToken> tokens) =>
        string.Join(" ", tokens.Select(t => $"{t.Term}[{t.Start},{t.End})+{t.PositionIncrement}"));

    [Test]
    public void Bigram_field_emits_unigrams_and_stacked_bigrams()
    {
        var tokens = TokenList.Analyze(_analyzer, "title_bi", "湖北省");
        Assert.That(Show(tokens), Is.EqualTo("湖[0,1)+1 湖北[0,2)+0 北[1,2)+1 北省[1,3)+0 省[2,3)+1"));
        Assert.That(tokens.Where(t => t.Term.Length == 2).Select(t => t.Type), Is.All.EqualTo("<DOUBLE>"));
    }

    [Test]
    public void Bigram_field_folds_width_and_case_and_breaks_at_punctuation()
    {
        var tokens = TokenList.Analyze(_analyzer, "title_bi", "ＬＥＤ照明，节能");
        Assert.That(Show(tokens), Is.EqualTo("led[0,3)+1 照[3,4)+1 照明[3,5)+0 明[4,5)+1 节[6,7)+1 节能[6,8)+0 能[7,8)+1"));
    }

    [Test]
    public void Single_character_text_is_a_unigram()
    {
        Assert.That(Show(TokenList.Analyze(_analyzer, "title_bi", "铁")), Is.EqualTo("铁[0,1)+1"));
    }

    [Test]
    public void Exact_field_lowercases_and_folds_without_stemming()
    {
        var tokens = TokenList.Analyze(_analyzer, "title_en", "Ångström Models of COVID-19");
        Assert.That(Show(tokens), Is.EqualTo("angstrom[0,8)+1 models[9,15)+1 of[16,18)+1 covid[19,24)+1 19[25,27)+1"));
    }

    [Test]
    public void Latin_gram_field_cuts_latin_and_digit_runs_into_bigrams_and_trigrams_and_skips_chinese()
    {
        var tokens = TokenList.Analyze(_analyzer, "title_ng", "p38M对Ti的 A Ｘy");
        Assert.That(Show(tokens), Is.EqualTo(
            "p3[0,2)+1 p38[0,3)+1 38[1,3)+1 38m[1,4)+1 8m[2,4)+1 ti[5,7)+1 xy[11,13)+1"));
    }

    [Test]
    public void Words_field_segments_chinese_with_smartcn()
    {
        var tokens = TokenList.Analyze(_analyzer, "title_zh", "湖北省科技信息研究");
        Assert.That(Show(tokens), Is.EqualTo("湖北省[0,3)+1 科技[3,5)+1 信息[5,7)+1 研究[7,9)+1"));
        Assert.That(CatalogAnalyzer.IsWarm, Is.True);
    }

    [Test]
    public void Other_fields_use_the_exact_analysis()
    {
        Assert.That(Show(TokenList.Analyze(_analyzer, "whatever", "Running Dogs")), Is.EqualTo("running[0,7)+1 dogs[8,12)+1"));
    }
}

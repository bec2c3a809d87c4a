using Search.Indexer.Analysis;
using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests;

public class FoldingTests
{
    private CatalogAnalyzer _analyzer = null!;

    [OneTimeSetUp]
    public void SetUp() => _analyzer = new CatalogAnalyzer();

    [OneTimeTearDown]
    public void TearDown() => _analyzer.Dispose();

    private static string Show(IEnumerable<AnalyzedToken> tokens) =>
        string.Join(" ", tokens.Select(t => $"{t.Term}[{t.Start},{t.End})+{t.PositionIncrement}"));

    [Test]
    public void Traditional_title_folds_to_simplified_bigrams_with_original_offsets()
    {
        Assert.That(
            Show(TokenList.Analyze(_analyzer, "title_bi", "數據庫")),
            Is.EqualTo("数[0,1)+1 数据[0,2)+0 据[1,2)+1 据库[1,3)+0 库[2,3)+1"));
    }

    [Test]
    public void Traditional_text_is_segmented_by_smartcn_as_simplified()
    {
        Assert.That(Show(TokenList.Analyze(_analyzer, "title_zh", "雲計算與大數據")), Is.EqualTo("云[0,1)+1 计算[1,3)+1 与[3,4)+1 大[4,5)+1 数据[5,7)+1"));
    }

    [TestCase("乾坤一擲")]
    [TestCase("乾燥設備")]
    [TestCase("僞造與偽造")]
    [TestCase("雲計算與大數據")]
    [TestCase("ＧＰＳ２０２０")]
    public void The_index_and_the_merge_keys_fold_by_one_table(string text) =>
        Assert.That(ChineseFolding.Fold(text), Is.EqualTo(global::Search.Ingestion.Merge.ChineseFolding.Simplify(text)));

    [Test]
    public void Phrases_take_precedence_over_characters()
    {
        // TSCharacters alone would make 乾 into 干; the phrase table keeps 乾坤.
        Assert.That(ChineseFolding.Fold("乾坤一擲"), Is.EqualTo("乾坤一掷"));
        Assert.That(ChineseFolding.Fold("乾燥"), Is.EqualTo("干燥"));
    }

    [Test]
    public void Taiwan_variants_fold_like_opencc_traditional()
    {
        // TWVariants maps OpenCC 僞 to Taiwan 偽; both fold to simplified 伪.
        Assert.That(ChineseFolding.Fold("偽造"), Is.EqualTo("伪造"));
        Assert.That(ChineseFolding.Fold("僞造"), Is.EqualTo("伪造"));
    }

    [Test]
    public void Full_width_latin_digits_and_space_fold_to_half_width()
    {
        Assert.That(ChineseFolding.Fold("ＧＰＳ\u3000２０２０"), Is.EqualTo("GPS 2020"));
        Assert.That(Show(TokenList.Analyze(_analyzer, "title_en", "ＧＰＳ\u3000２０２０")), Is.EqualTo("gps[0,3)+1 2020[4,8)+1"));
    }

    [Test]
    public void Highlight_offsets_of_a_folded_phrase_cover_the_original_characters()
    {
        var tokens = TokenList.Analyze(_analyzer, "title_bi", "在臺灣");
        Assert.That(Show(tokens), Is.EqualTo("在[0,1)+1 在台[0,2)+0 台[1,2)+1 台湾[1,3)+0 湾[2,3)+1"));
    }

    [Test]
    public void Pinyin_forms_of_a_name()
    {
        Assert.That(Pinyin.NameForms("张伟"), Is.EqualTo(new[] { "zhang wei", "zhangwei", "wei zhang", "weizhang" }));
        Assert.That(Pinyin.NameForms("張偉"), Is.EqualTo(new[] { "zhang wei", "zhangwei", "wei zhang", "weizhang" }));
        Assert.That(Pinyin.NameForms("吕小龙"), Is.EqualTo(new[] { "lv xiao long", "lvxiaolong", "lv xiaolong", "xiaolong lv", "xiaolonglv" }));
        Assert.That(Pinyin.NameForms("曾志伟").First(), Is.EqualTo("zeng zhi wei"));
        Assert.That(Pinyin.NameForms("Smith, J."), Is.Empty);
    }
}

public class FoldingSearchTests
{
    private CatalogIndex _index = null!;
    private SearchService _search = null!;
    private readonly CatalogRecord _zhang = WithAuthors(TestRecords.Make("p1", "云计算平台的数据库设计"), "张伟", "李娜");
    private readonly CatalogRecord _wang = WithAuthors(TestRecords.Make("p2", "ＧＰＳ定位与臺灣地区测绘"), "王伟");
    private readonly CatalogRecord _ols = WithAuthors(TestRecords.Make("p3", "基于改进OLS算法的RBF神经网络高速公路事件探测"), "曾志明");

    private static CatalogRecord WithAuthors(CatalogRecord record, params string[] authors)
    {
        record.Authors.Clear();
        record.Authors.AddRange(authors);
        return record;
    }

    [OneTimeSetUp]
    public void SetUp()
    {
        _index = CatalogIndex.InMemory();
        _index.Upsert([_zhang, _wang, _ols]);
        _search = new SearchService(_index);
    }

    [OneTimeTearDown]
    public void TearDown() => _index.Dispose();

    private List<string> Ids(string query) => _search.Search(new SearchRequest { Query = query }).Hits.Select(h => h.Id).ToList();

    [TestCase("zhang wei")]
    [TestCase("zhangwei")]
    [TestCase("Zhang Wei")]
    [TestCase("Wei Zhang")]
    [TestCase("\"zhang wei\"")]
    public void Pinyin_finds_the_author(string query) => Assert.That(Ids(query), Is.EqualTo(new List<string> { _zhang.Id }));

    [TestCase("LS算法的R")]
    [TestCase("S算法的RB")]
    [TestCase("进OLS算法")]
    public void A_fragment_cut_inside_latin_words_finds_the_title(string fragment) =>
        Assert.That(Ids(fragment), Is.EqualTo(new List<string> { _ols.Id }));

    [TestCase("zeng zhiming")]
    [TestCase("Zhiming Zeng")]
    [TestCase("zengzhiming")]
    public void Surname_readings_and_bylines(string query) => Assert.That(Ids(query), Is.EqualTo(new List<string> { _ols.Id }));

    [Test]
    public void Traditional_query_finds_simplified_title_and_back()
    {
        Assert.That(Ids("雲計算平臺的數據庫設計"), Is.EqualTo(new List<string> { _zhang.Id }));
        Assert.That(Ids("台湾"), Is.EqualTo(new List<string> { _wang.Id }));
        Assert.That(Ids("gps"), Is.EqualTo(new List<string> { _wang.Id }));
        Assert.That(Ids("ＧＰＳ定位"), Is.EqualTo(new List<string> { _wang.Id }));
    }

    [Test]
    public void Highlight_marks_the_original_traditional_characters()
    {
        var hit = _search.Search(new SearchRequest { Query = "台湾" }).Hits.Single();
        Assert.That(hit.Highlights["title"], Is.EqualTo("ＧＰＳ定位与<em>臺灣</em>地区测绘"));
    }
}

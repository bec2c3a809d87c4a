using Search.Indexer.Analysis;
using Search.Indexer.Analysis.SmartCn;

namespace Search.Indexer.Tests.SmartCn;

/// <summary>Golden tokens of the fast SmartCn analyzer (the lists SmartChineseAnalyzer gives for the same sentences).</summary>
public class FastSmartCnGoldenTests
{
    private FastSmartCnAnalyzer _analyzer = null!;

    [OneTimeSetUp]
    public void SetUp() => _analyzer = new FastSmartCnAnalyzer();

    [OneTimeTearDown]
    public void TearDown() => _analyzer.Dispose();

    private string Show(string text) =>
        string.Join(" ", TokenList.Analyze(_analyzer, "title_zh", text).Select(t => $"{t.Term}[{t.Start},{t.End})+{t.PositionIncrement}"));

    [Test]
    public void Chinese_sentence_is_cut_into_dictionary_words()
    {
        Assert.That(Show("湖北省科技信息研究院的文献检索平台"), Is.EqualTo(
            "湖北省[0,3)+1 科技[3,5)+1 信息[5,7)+1 研究院[7,10)+1 的[10,11)+1 文献[11,13)+1 检索[13,15)+1 平台[15,17)+1"));
    }

    [Test]
    public void Latin_is_lowercased_and_stemmed_and_punctuation_leaves_a_position_gap()
    {
        Assert.That(Show("采用修正的Rodrigues参数(MRP)，建立了飞行器姿态控制系统的数学模型。仿真结果表明"), Is.EqualTo(
            "采用[0,2)+1 修正[2,4)+1 的[4,5)+1 rodrigu[5,14)+1 参数[14,16)+1 mrp[17,20)+2 建立[22,24)+3 了[24,25)+1 飞行器[25,28)+1 " +
            "姿态[28,30)+1 控制[30,32)+1 系统[32,34)+1 的[34,35)+1 数学[35,37)+1 模型[37,39)+1 仿真[40,42)+2 结果[42,44)+1 表明[44,46)+1"));
    }

    [Test]
    public void Full_width_letters_and_digits_are_folded()
    {
        Assert.That(Show("ＬＥＤ照明，节能１２３ Ｒunning dogs"), Is.EqualTo(
            "led[0,3)+1 照明[3,5)+1 节能[6,8)+2 123[8,11)+1 run[12,19)+1 dog[20,24)+1"));
    }

    [Test]
    public void A_word_may_span_the_spaces_between_its_characters()
    {
        Assert.That(Show("中 国 科学院"), Is.EqualTo("中国科学院[0,7)+1"));
    }

    [Test]
    public void Every_token_is_a_word()
    {
        Assert.That(TokenList.Analyze(_analyzer, "title_zh", "检索平台 LED 2019").Select(t => t.Type), Is.All.EqualTo("word"));
    }
}

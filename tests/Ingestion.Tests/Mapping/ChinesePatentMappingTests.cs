using Search.Connectors.Patents;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;
using Search.Tests.Support;

namespace Search.Ingestion.Tests.Mapping;

/// <summary>
/// CNIPA XML 2.x, SIPO 2006 and LexisNexis CN documents, read from the shared data folder at run time (they carry
/// no open licence, so they are not in the repository; the tests are ignored where the folder is absent).
/// </summary>
[TestFixture]
public class ChinesePatentMappingTests
{
    private static CatalogRecord Map(string relative)
    {
        var path = SharedData.Require(Path.Combine("patent-xml", "cnipa", relative));
        var harvested = PatentXmlReader.Read(File.ReadAllBytes(path), Path.GetFileName(path), "cnipa", CancellationToken.None).Records.Single();
        return new PatentXmlMapper().Map(harvested);
    }

    private const string Shawn = "ShawnXiha__PatentStandardization/";
    private const string Lexis = "techknowledgist__techknowledgist/";

    [TestCase(Shawn + "cn_new1.xml", "CN113781974A", "CN202111286633.X", "显示设备", "三星显示有限公司", "G09G 3/36")]
    [TestCase(Shawn + "cn_new3.xml", "CN113784721A", "CN202180002433.9", "抗COVID-19的高活性化合物", "阿堤亚制药公司", "A61K 31/7076")]
    [TestCase(Shawn + "CN102015000481495CN00001152124630AFULZH20221021CN00D.XML", "CN115212463A", "CN201510481495.9", "一种医用放射治疗装置", "北京大基康明医疗设备有限公司", "A61N 5/00")]
    [TestCase("Rshcaroline__xy-inv/test.XML", "CN106504675A", "CN201510436362.X", "一种可以放笔的桌面广告卡座", "王德贵", "G09F 15/02")]
    [TestCase(Shawn + "cn_old1.xml", "CN104223352A", "CN201410408762.5", "一种甘草发酵所得烟用香料及其应用", "云南中烟工业有限责任公司", "A24B 15/18")]
    [TestCase(Shawn + "cn_old3.xml", "CN104245682A", "CN201480000788.4", "马来酸伊索拉定的制造方法", "日本新药株式会社", "C07D 251/18")]
    [TestCase(Shawn + "cn_old4.xml", "CN104223590A", "CN201410513187.5", "脚型量具", "叶建鑫", "A43D 1/02")]
    [TestCase(Shawn + "200880114428_A.xml", "CN103492414A", "CN200880114428.1", "抗HEPCIDIN抗体及其用途", "伊莱利利公司", "C07K 16/18")]
    [TestCase(Lexis + "CN85202237U.xml", "CN85202237U", "CN85202237", "小大双链两档自行车", "柴丕谟", "B62M 9/00")]
    [TestCase(Lexis + "CN86105254A.xml", "CN86105254A", "CN86105254", "侧传动钻井", "维特柯近海工业公司", "E21B 3/00")]
    [TestCase(Lexis + "CN87102734A.xml", "CN87102734A", "CN87102734", "蜗杆滚珠传动装置", "欧子文", "F16H 1/00")]
    [TestCase(Lexis + "CN201693419U.xml", "CN201693419U", "CN200920276079", "一种墙壁打磨机的手柄", "永康市豪迈工具有限公司", "B24B 7/18")]
    [TestCase(Lexis + "CN101096965A.xml", "CN101096965A", "CN200710112087", "轴流送风机", "三菱电机株式会社", "F04D 29/38")]
    [TestCase(Lexis + "CN101100502A.xml", "CN101100502A", "CN200710044725", "一种B阶段环氧树脂溶液及其制备方法", "同济大学", "C08G 59/00")]
    [TestCase(Lexis + "CN101108287A.xml", "CN101108287A", "CN200710040553", "一种气浮滤池", "上海市政工程设计研究总院", "B01D 36/00")]
    [TestCase(Lexis + "CN101223695A.xml", "CN101223695A", "CN200580051058", "自动分配机的传感器装置", "SCA卫生产品股份公司", "H03K 17/94")]
    [TestCase(Lexis + "CN201094265Y.xml", "CN201094265Y", "CN200720183102", "巴旦姆破壳机", "新疆农业科学院农业机械化研究所", "A23N 5/00")]
    [TestCase(Lexis + "CN201134856Y.xml", "CN201134856Y", "CN200720306577", "将胶片影像转换为数字资料的装置", "豪佳电子股份有限公司", "H04N 5/253")]
    [TestCase(Lexis + "CN101243817A.xml", "CN101243817A", "CN200710008616", "一种茶叶萎凋处理设备", "林清矫", "A23F 3/06")]
    public void Every_document_maps_its_chinese_title_numbers_applicant_and_class(
        string file, string publication, string application, string title, string applicant, string ipc)
    {
        var record = Map(file);
        var kind = publication[^1];
        Assert.Multiple(() =>
        {
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Patent));
            Assert.That(record.ExternalId, Is.EqualTo(publication));
            Assert.That(record.Title, Is.EqualTo(title));
            Assert.That(record.Language, Is.EqualTo("chi"));
            Assert.That(record.Identifiers.PatentNumbers.Take(2), Is.EqualTo(new[] { publication, application }));
            Assert.That(record.Organizations[0], Is.EqualTo(applicant));
            Assert.That(record.Authors, Is.Not.Empty);
            Assert.That(record.Classifications[0], Is.EqualTo(ipc));
            Assert.That(record.Abstract, Is.Not.Null.And.Length.GreaterThan(20));
            Assert.That(record.Publisher, Is.EqualTo("国家知识产权局"));
            Assert.That(record.Patent!.Kind, Is.EqualTo(kind.ToString()));
            Assert.That(record.Patent.Category, Is.EqualTo(kind is 'U' or 'Y' ? PatentCategories.UtilityModel : PatentCategories.Invention));
            Assert.That(record.Patent.ApplicationNumber, Is.EqualTo(application));
            Assert.That(record.Patent.ApplicationDate, Is.Not.Null);
        });
    }

    [Test]
    public void A_cnipa_2_document_keeps_the_15_digit_application_number_and_its_inventors()
    {
        var record = Map("Rshcaroline__xy-inv/test.XML");
        Assert.Multiple(() =>
        {
            Assert.That(record.Identifiers.PatentNumbers, Is.EqualTo(new[] { "CN106504675A", "CN201510436362.X", "CN102015000436362" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "王德贵" }));
            Assert.That(record.Classifications, Is.EqualTo(new[] { "G09F 15/02", "G09F 23/00" }));
            Assert.That(record.Patent!.PublicationDate, Is.EqualTo(new DateOnly(2017, 3, 15)));
            Assert.That(record.Patent.ApplicationDate, Is.EqualTo(new DateOnly(2015, 9, 7)));
        });
    }

    [Test]
    public void A_pct_national_phase_document_has_its_priorities()
    {
        var record = Map(Shawn + "cn_new3.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Identifiers.PatentNumbers, Does.Contain("CN112021000002433"));
            Assert.That(record.Patent!.Priorities, Has.Count.EqualTo(8));
            Assert.That(record.Patent.Priorities[0], Is.EqualTo(new PatentPriority("US", "62/982,670", new DateOnly(2020, 2, 27))));
        });
    }

    [Test]
    public void A_lexisnexis_document_has_the_chinese_title_first_the_english_one_beside_it_and_no_docdb_duplicates()
    {
        var record = Map(Lexis + "CN201094265Y.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo("巴旦姆破壳机"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Almond hulling machine" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "吐鲁洪", "刘向东", "马月虹", "阿依木妮沙" }));
            Assert.That(record.Organizations, Does.Not.Contain("XINJIANG AGRICULTURAL SCIENCE"));
            Assert.That(record.Abstract, Does.StartWith("一种巴旦姆破壳机"));
            Assert.That(record.Patent!.Category, Is.EqualTo(PatentCategories.UtilityModel));
        });
    }

    [Test]
    public void Full_width_characters_in_a_title_are_shown_as_sent()
    {
        var path = SharedData.Require(Path.Combine("patent-xml", "cnipa", "Rshcaroline__xy-inv", "test.XML"));
        var harvested = PatentXmlReader.Read(File.ReadAllBytes(path), "test.XML", "cnipa", CancellationToken.None).Records.Single();
        const string title = "一种（２００２～２００５）Ⅰ～Ⅳ型桌面广告卡座：ＡＢＣ";
        var edited = harvested with { Payload = harvested.Payload!.Replace("一种可以放笔的桌面广告卡座", title, StringComparison.Ordinal) };
        Assert.That(new PatentXmlMapper().Map(edited).Title, Is.EqualTo(title));
    }
}

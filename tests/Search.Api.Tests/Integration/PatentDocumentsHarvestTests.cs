using System.Text.Json.Nodes;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;
using Search.Tests.Support;

namespace Search.Api.Tests.Integration;

/// <summary>
/// A folder of European (tests/TestData/patent-xml-epo) and Chinese patent documents (CNIPA 2.x, SIPO 2006 and
/// LexisNexis, from the shared data folder: no open licence, so never copied into the repository) harvested through
/// the file connector: none is quarantined, and each is found by its English (EPO) or Chinese (CN) title and by its
/// publication and application numbers, in the box and as <c>PN=</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class PatentDocumentsHarvestTests
{
    // file, publication number (the record id), title to find it by, application number as the office writes it.
    private static readonly (string File, string Publication, string Title, string Application)[] Epo =
    [
        ("v1-0-A1.xml", "EP1325900A1", "PROCESS FOR PRODUCING FLUOROALKANOL", "01963450.0"),
        ("v1-0-A2.xml", "EP1326188A2", "Method and system for establishing the usage costs for the use of an apparatus", "02019404.9"),
        ("v1-0-B2.xml", "EP0874807B2", "PROCESS FOR THE PREPARATION OF METHOXYMINOPHENYLGLYOXYLIC ACID DERIVATIVES", "96939832.0"),
        ("v1-01-A1.xml", "EP1679948A1", "WEB COVERS FOR CONVEYOR SCREENS", "04768329.7"),
        ("v1-2-A2.xml", "EP1873405A2", "Chipboard screw", "07012363.3"),
        ("v1-3-A1.xml", "EP1981358A1", "NUTRITIONAL COMPOSITION FOR LOW BIRTH WEIGHT INFANTS", "07704233.1"),
        ("v1-3-A2.xml", "EP2007181A2", "CONTROLLER FOR INDUSTRIAL ROBOT", "07738344.6"),
        ("v1-4-A2.xml", "EP2136607A2", "Method for operating a battery powered torch", "09007746.2"),
        ("v1-5-A1.xml", "EP3782854A1", "VEHICLE-MOUNTED DISPLAY ASSEMBLY AND VEHICLE", "18877305.5"),
        ("v1-5-A2.xml", "EP3814387A2", "RADIOPAQUE POLYMERS", "19766069.9"),
        ("v1-5-B1.xml", "EP3404678B1", "HIGH VOLTAGE ASSEMBLY AND METHOD TO OPERATE THE HIGH VOLTAGE ASSEMBLY", "17171508.9"),
        ("v1-5-1-A1-1.xml", "EP4090146A1", "POWER TAKEOFF CONTROL", "21741385.5"),
    ];

    private static readonly (string File, string Publication, string Title, string Application)[] Cn =
    [
        ("ShawnXiha__PatentStandardization/cn_new1.xml", "CN113781974A", "显示设备", "202111286633.X"),
        ("ShawnXiha__PatentStandardization/cn_new3.xml", "CN113784721A", "抗COVID-19的高活性化合物", "202180002433.9"),
        ("ShawnXiha__PatentStandardization/CN102015000481495CN00001152124630AFULZH20221021CN00D.XML", "CN115212463A", "一种医用放射治疗装置", "201510481495.9"),
        ("ShawnXiha__PatentStandardization/cn_old1.xml", "CN104223352A", "一种甘草发酵所得烟用香料及其应用", "201410408762.5"),
        ("ShawnXiha__PatentStandardization/cn_old3.xml", "CN104245682A", "马来酸伊索拉定的制造方法", "201480000788.4"),
        ("ShawnXiha__PatentStandardization/cn_old4.xml", "CN104223590A", "脚型量具", "201410513187.5"),
        ("ShawnXiha__PatentStandardization/200880114428_A.xml", "CN103492414A", "抗HEPCIDIN抗体及其用途", "200880114428.1"),
        ("Rshcaroline__xy-inv/test.XML", "CN106504675A", "一种可以放笔的桌面广告卡座", "201510436362.X"),
        ("techknowledgist__techknowledgist/CN85202237U.xml", "CN85202237U", "小大双链两档自行车", "85202237"),
        ("techknowledgist__techknowledgist/CN86105254A.xml", "CN86105254A", "侧传动钻井", "86105254"),
        ("techknowledgist__techknowledgist/CN87102734A.xml", "CN87102734A", "蜗杆滚珠传动装置", "87102734"),
        ("techknowledgist__techknowledgist/CN201693419U.xml", "CN201693419U", "一种墙壁打磨机的手柄", "200920276079"),
        ("techknowledgist__techknowledgist/CN101096965A.xml", "CN101096965A", "轴流送风机", "200710112087"),
        ("techknowledgist__techknowledgist/CN101100502A.xml", "CN101100502A", "一种B阶段环氧树脂溶液及其制备方法", "200710044725"),
        ("techknowledgist__techknowledgist/CN101108287A.xml", "CN101108287A", "一种气浮滤池", "200710040553"),
        ("techknowledgist__techknowledgist/CN101223695A.xml", "CN101223695A", "自动分配机的传感器装置", "200580051058"),
        ("techknowledgist__techknowledgist/CN201094265Y.xml", "CN201094265Y", "巴旦姆破壳机", "200720183102"),
        ("techknowledgist__techknowledgist/CN201134856Y.xml", "CN201134856Y", "将胶片影像转换为数字资料的装置", "200720306577"),
        ("techknowledgist__techknowledgist/CN101243817A.xml", "CN101243817A", "一种茶叶萎凋处理设备", "200710008616"),
    ];

    // Application numbers in the other forms partners and users write them: check digit typed or left out, CNIPA's 15 digits.
    private static readonly (string Publication, string Number)[] OtherApplicationForms =
    [
        ("CN106504675A", "201510436362"),
        ("CN106504675A", "102015000436362"),
        ("CN106504675A", "CN102015000436362"),
        ("CN113784721A", "112021000002433"),
        ("CN113784721A", "202180002433"),
        ("CN104223352A", "CN201410408762"),
        ("CN201094265Y", "200720183102.2"),
        ("CN201094265Y", "202007000183102"),
        ("EP1873405A2", "EP07012363"),
    ];

    private string _folder = null!;

    /// <summary>Whether the CNIPA documents (shared data, no open licence) are there; the EPO ones always are.</summary>
    private bool _withChinese;

    [SetUp]
    public void CopyDocuments()
    {
        var cnipa = SharedData.Root is { } root && Directory.Exists(Path.Combine(root, "patent-xml", "cnipa")) ? Path.Combine(root, "patent-xml", "cnipa") : null;
        _withChinese = cnipa is not null;
        _folder = Path.Combine(Path.GetTempPath(), "patent-documents-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "epo"));
        Directory.CreateDirectory(Path.Combine(_folder, "cn"));
        foreach (var (file, _, _, _) in Epo)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "patent-xml-epo", file), Path.Combine(_folder, "epo", file));
        }

        foreach (var (file, _, _, _) in cnipa is null ? [] : Cn)
        {
            File.Copy(Path.Combine(cnipa!, file), Path.Combine(_folder, "cn", Path.GetFileName(file)));
        }
    }

    [TearDown]
    public void RemoveDocuments()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task European_and_chinese_documents_are_found_by_title_and_by_publication_and_application_numbers()
    {
        if (!_withChinese)
        {
            TestContext.Out.WriteLine($"The CNIPA documents are not here ({SharedData.Variable}); the EPO documents are checked alone.");
        }

        var cn = _withChinese ? Cn : [];
        using var app = new SearchApp();
        await app.PutSourceAsync("patents", "file", new { path = _folder, format = "patent-xml" });
        var run = await app.HarvestAsync("patents");
        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
            Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(Epo.Length + cn.Length), run.ToJsonString());
            Assert.That(run["quarantined"]!.GetValue<int>(), Is.Zero, run.ToJsonString());
        });

        var failures = new List<string>();
        async Task Expect(string query, string publication, bool first, string extra = "")
        {
            var ids = SearchApp.HitIds(await app.SearchAsync(query, extra));
            var id = RecordIds.For("patents", publication);
            if (first ? ids.FirstOrDefault() != id : !ids.Contains(id))
            {
                failures.Add($"{query}{extra} -> [{string.Join(", ", ids.Take(3))}], expected {publication}{(first ? " first" : "")}");
            }
        }

        foreach (var (_, publication, title, application) in Epo)
        {
            await Expect(title, publication, first: true);
            await Expect(publication, publication, first: true);
            await Expect($"PN={publication}", publication, first: true, "&syntax=expert");
            await Expect($"EP{application}", publication, first: true);
            await Expect($"PN=EP{application}", publication, first: true, "&syntax=expert");
        }

        foreach (var (_, publication, title, application) in cn)
        {
            await Expect(title, publication, first: true);
            await Expect(publication, publication, first: true);
            await Expect($"PN={publication}", publication, first: true, "&syntax=expert");
            await Expect(application, publication, first: true);
            await Expect($"PN={application}", publication, first: true, "&syntax=expert");
            await Expect($"CN{application}", publication, first: true);
        }

        foreach (var (publication, number) in OtherApplicationForms.Where(f => _withChinese || f.Publication.StartsWith("EP", StringComparison.Ordinal)))
        {
            await Expect(number, publication, first: true);
            await Expect($"PN={number}", publication, first: true, "&syntax=expert");
        }

        await Expect("HARTHUM", "EP3404678B1", first: false);
        await Expect("Metabowerke", "EP2136607A2", first: false);
        if (_withChinese)
        {
            await Expect("王德贵", "CN106504675A", first: false);
            await Expect("三星显示有限公司", "CN113781974A", first: false);
            await Expect("吐鲁洪", "CN201094265Y", first: false);
            await Expect("wang degui", "CN106504675A", first: false);
            await Expect("AU=段焰青", "CN104223352A", first: true, "&syntax=expert");
        }

        Assert.That(failures, Is.Empty);

        using var client = app.CreateClient();
        var grant = JsonNode.Parse(await client.GetStringAsync($"/api/records/{RecordIds.For("patents", "EP3404678B1")}"))!;
        var utilityModel = _withChinese ? JsonNode.Parse(await client.GetStringAsync($"/api/records/{RecordIds.For("patents", "CN201094265Y")}"))! : null;
        Assert.Multiple(() =>
        {
            Assert.That(grant["patent"]!["kind"]!.GetValue<string>(), Is.EqualTo("B1"));
            Assert.That(grant["patent"]!["category"]!.GetValue<string>(), Is.EqualTo(PatentCategories.Grant));
            Assert.That(grant["patent"]!["applicationNumber"]!.GetValue<string>(), Is.EqualTo("EP17171508.9"));
            Assert.That(grant["patent"]!["publicationDate"]!.GetValue<string>(), Is.EqualTo("2021-06-30"));
            Assert.That(grant["patent"]!["designatedStates"]!.AsArray(), Has.Count.EqualTo(38));
            if (utilityModel is not null)
            {
                Assert.That(utilityModel["patent"]!["category"]!.GetValue<string>(), Is.EqualTo(PatentCategories.UtilityModel));
                Assert.That(utilityModel["title"]!.GetValue<string>(), Is.EqualTo("巴旦姆破壳机"));
                Assert.That(utilityModel["alternativeTitles"]!.AsArray().Select(t => t!.GetValue<string>()), Does.Contain("Almond hulling machine"));
            }
        });
    }
}

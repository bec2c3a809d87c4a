using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;
using Search.Tests.Support;

namespace Search.Ingestion.Tests.Mapping;

/// <summary>European Publication Server documents (tests/TestData/patent-xml-epo), one per DTD version and kind.</summary>
[TestFixture]
public class EpoPatentMappingTests
{
    private static CatalogRecord Map(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "patent-xml-epo", file));
        var harvested = PatentXmlReader.Read(bytes, file, "epo", CancellationToken.None).Records.Single();
        return new PatentXmlMapper().Map(harvested);
    }

    [TestCase("v1-0-A1.xml", "EP1325900A1", "EP01963450.0", "eng", "PROCESS FOR PRODUCING FLUOROALKANOL", "ASAHI GLASS COMPANY LTD.", "TOHMA, Toshihiko", true)]
    [TestCase("v1-0-A2.xml", "EP1326188A2", "EP02019404.9", "ger", "Method and system for establishing the usage costs for the use of an apparatus", "Phoenix Contact GmbH & Co. KG", "Bibelhausen, Volker, Dipl.-Ing.", true)]
    [TestCase("v1-0-B2.xml", "EP0874807B2", "EP96939832.0", "eng", "PROCESS FOR THE PREPARATION OF METHOXYMINOPHENYLGLYOXYLIC ACID DERIVATIVES", "Bayer CropScience AG", "ASSERCQ, Jean-Marie", false)]
    [TestCase("v1-01-A1.xml", "EP1679948A1", "EP04768329.7", "eng", "WEB COVERS FOR CONVEYOR SCREENS", "Rankin, David", "Rankin, David", false)]
    [TestCase("v1-2-A2.xml", "EP1873405A2", "EP07012363.3", "ger", "Chipboard screw", "SWG Schraubenwerk Gaisbach GmbH", "Heim, Markus", true)]
    [TestCase("v1-3-A1.xml", "EP1981358A1", "EP07704233.1", "eng", "NUTRITIONAL COMPOSITION FOR LOW BIRTH WEIGHT INFANTS", "Nestec S.A.", "HASCHKE, Ferdinand", false)]
    [TestCase("v1-3-A2.xml", "EP2007181A2", "EP07738344.6", "eng", "CONTROLLER FOR INDUSTRIAL ROBOT", "KABUSHIKI KAISHA YASKAWA DENKI", null, true)]
    [TestCase("v1-4-A2.xml", "EP2136607A2", "EP09007746.2", "ger", "Method for operating a battery powered torch", "Metabowerke GmbH", "Gräber, Jochen", true)]
    [TestCase("v1-5-A1.xml", "EP3782854A1", "EP18877305.5", "eng", "VEHICLE-MOUNTED DISPLAY ASSEMBLY AND VEHICLE", "BOE TECHNOLOGY GROUP CO., LTD.", "FENG, Yuhsiung", true)]
    [TestCase("v1-5-A2.xml", "EP3814387A2", "EP19766069.9", "eng", "RADIOPAQUE POLYMERS", "Biocompatibles UK Limited", "LEWIS, Andrew, Lennard", false)]
    [TestCase("v1-5-B1.xml", "EP3404678B1", "EP17171508.9", "eng", "HIGH VOLTAGE ASSEMBLY AND METHOD TO OPERATE THE HIGH VOLTAGE ASSEMBLY", "General Electric Technology GmbH", "HARTHUM, Jörg", false)]
    [TestCase("v1-5-1-A1-1.xml", "EP4090146A1", "EP21741385.5", "eng", "POWER TAKEOFF CONTROL", "Zimeno, Inc. DBA Monarch Tractor", "WHITNEY, Christopher Travis", false)]
    public void Every_version_and_kind_maps_numbers_titles_parties_and_classes(
        string file, string publication, string application, string language, string englishTitle, string applicant, string? inventor, bool hasAbstract)
    {
        var record = Map(file);
        var kind = publication[^2..];
        Assert.Multiple(() =>
        {
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Patent));
            Assert.That(record.ExternalId, Is.EqualTo(publication));
            Assert.That(record.Identifiers.PatentNumbers, Is.EqualTo(new[] { publication, application }));
            Assert.That(record.Language, Is.EqualTo(language));
            Assert.That(new[] { record.Title }.Concat(record.AlternativeTitles).ToList(), Has.Count.EqualTo(3).And.Contains(englishTitle));
            Assert.That(record.Organizations[0], Is.EqualTo(applicant));
            Assert.That(record.Authors, inventor is null ? Is.Not.Empty : Does.Contain(inventor));
            Assert.That(record.Classifications, Is.Not.Empty.And.All.Matches(@"^[A-H]\d\d[A-Z] \d+/\d+$"));
            Assert.That(record.Abstract, hasAbstract ? Is.Not.Null.And.Length.GreaterThan(50) : Is.Null);
            Assert.That(record.Publisher, Is.EqualTo("European Patent Office"));
            Assert.That(record.Patent!.Kind, Is.EqualTo(kind));
            Assert.That(record.Patent.Category, Is.EqualTo(kind[0] == 'B' ? PatentCategories.Grant : PatentCategories.Invention));
            Assert.That(record.Patent.ApplicationNumber, Is.EqualTo(application));
            Assert.That(record.Patent.ApplicationDate, Is.Not.Null);
            Assert.That(record.Patent.PublicationDate?.Year, Is.EqualTo(record.Year));
            Assert.That(record.Patent.DesignatedStates, Is.Not.Empty.And.All.Matches("^[A-Z]{2}$"));
        });
    }

    [Test]
    public void A_german_document_shows_its_german_title_first_and_keeps_english_and_french()
    {
        var record = Map("v1-2-A2.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo("Spanplattenschraube"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Chipboard screw", "Vis pour panneau aggloméré" }));
            Assert.That(record.Abstract, Does.Not.Contain("<"));
        });
    }

    [Test]
    public void An_english_document_shows_its_english_title_first()
    {
        var record = Map("v1-5-B1.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo("HIGH VOLTAGE ASSEMBLY AND METHOD TO OPERATE THE HIGH VOLTAGE ASSEMBLY"));
            Assert.That(record.AlternativeTitles[0], Is.EqualTo("HOCHSPANNUNGSANORDNUNG UND VERFAHREN ZUM BETREIBEN DER HOCHSPANNUNGSANORDNUNG"));
            Assert.That(record.Patent!.PublicationDate, Is.EqualTo(new DateOnly(2021, 6, 30)));
            Assert.That(record.Patent.ApplicationDate, Is.EqualTo(new DateOnly(2017, 5, 17)));
            Assert.That(record.Patent.Priorities, Is.Empty);
        });
    }

    [Test]
    public void Edition_7_classes_priorities_and_designated_states_are_read()
    {
        var record = Map("v1-0-A1.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Classifications, Is.EqualTo(new[] { "C07C 29/44", "C07C 31/38" }));
            Assert.That(record.Patent!.Priorities, Is.EqualTo(new[] { new PatentPriority("JP", "2000273711", new DateOnly(2000, 9, 8)) }));
            Assert.That(record.Identifiers.Other, Does.Contain("JP2000273711"));
            Assert.That(record.Patent.DesignatedStates, Has.Count.EqualTo(20));
            Assert.That(record.Patent.DesignatedStates.Take(3), Is.EqualTo(new[] { "AT", "BE", "CH" }));
        });
    }

    [Test]
    public void A_grant_has_its_proprietor_and_both_priorities()
    {
        var record = Map("v1-0-B2.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Patent!.Priorities.Select(p => p.Country + p.Number), Is.EqualTo(new[] { "CH338895", "CH45196" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "ASSERCQ, Jean-Marie", "BREITSCHUH, Richard", "PFAFF, Werner" }));
        });
    }

    [Test]
    public void Reform_ipc_text_gives_the_symbols_without_version_dates()
    {
        var record = Map("v1-5-A1.xml");
        Assert.That(record.Classifications, Has.All.Matches(@"^[A-H]\d\d[A-Z] \d+/\d+$").And.Not.Empty);
    }

    [Test]
    public void Full_width_characters_in_a_title_are_shown_as_sent()
    {
        var file = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "patent-xml-epo", "v1-5-A2.xml");
        var harvested = PatentXmlReader.Read(File.ReadAllBytes(file), "v1-5-A2.xml", "epo", CancellationToken.None).Records.Single();
        const string title = "RADIOPAQUE POLYMERS （２００２～２００５） Ⅰ～Ⅳ";
        var edited = harvested with { Payload = harvested.Payload!.Replace("<B542>RADIOPAQUE POLYMERS</B542>", $"<B542>{title}</B542>", StringComparison.Ordinal) };
        Assert.That(new PatentXmlMapper().Map(edited).Title, Is.EqualTo(title));
    }

    [Test]
    public void The_full_1_5_1_application_from_the_shared_data_has_its_abstract_and_every_class()
    {
        var path = SharedData.Require(Path.Combine("patent-xml", "epo", "max-planck-innovation-competition__go-epo-eps", "v1-5-1-A1.xml"));
        var harvested = PatentXmlReader.Read(File.ReadAllBytes(path), "v1-5-1-A1.xml", "epo", CancellationToken.None).Records.Single();
        var record = new PatentXmlMapper().Map(harvested);
        Assert.Multiple(() =>
        {
            Assert.That(record.ExternalId, Is.EqualTo("EP3882239A1"));
            Assert.That(record.Identifiers.PatentNumbers, Is.EqualTo(new[] { "EP3882239A1", "EP19883405.3" }));
            Assert.That(record.Title, Is.EqualTo("1,3,4-OXADIAZOLONE COMPOUND AND MEDICINE"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "1,3,4-OXADIAZOLON-VERBINDUNGEN UND MEDIZIN", "COMPOSÉ DE 1,3,4-OXADIAZOLONE ET MÉDICAMENT" }));
            Assert.That(record.Organizations, Is.EqualTo(new[] { "Nippon Shinyaku Co., Ltd." }));
            Assert.That(record.Authors[0], Is.EqualTo("KAMITANI Hirotaka"));
            Assert.That(record.Classifications, Has.Count.EqualTo(14));
            Assert.That(record.Classifications[0], Is.EqualTo("C07D 271/113"));
            Assert.That(record.Abstract, Is.Not.Null.And.Length.GreaterThan(50));
            Assert.That(record.Patent!.Priorities, Is.EqualTo(new[] { new PatentPriority("JP", "2018214950", new DateOnly(2018, 11, 15)) }));
        });
    }
}

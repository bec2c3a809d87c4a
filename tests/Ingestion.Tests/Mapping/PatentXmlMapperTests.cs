using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Ingestion.Tests.Mapping;

[TestFixture]
public class PatentXmlMapperTests
{
    private static CatalogRecord Map(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "patent-xml", file));
        var harvested = PatentXmlReader.Read(bytes, file, "uspto", CancellationToken.None).Records.Single();
        return new PatentXmlMapper().Map(harvested);
    }

    [Test]
    public void A_2014_grant_has_its_numbers_parties_classes_and_abstract()
    {
        var record = Map("US08930553.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Patent));
            Assert.That(record.Title, Is.EqualTo("Managing mid-dialog session initiation protocol (SIP) messages"));
            Assert.That(record.Identifiers.PatentNumbers, Is.EqualTo(new[] { "US8930553B2", "US13648029" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "Nissim, Nitzan", "Pulito, Brian", "Zinger, Asaf" }));
            Assert.That(record.Organizations, Is.EqualTo(new[] { "International Business Machines Corporation" }));
            Assert.That(record.Classifications, Does.Contain("G06F 15/16"));
            Assert.That(record.Year, Is.EqualTo(2015));
            Assert.That(record.Language, Is.EqualTo("eng"));
            Assert.That(record.Abstract, Does.StartWith("Processing mid-dialog SIP messages"));
            Assert.That(record.Abstract, Has.Length.GreaterThan(100));
        });
    }

    [Test]
    public void Cpc_classes_and_priority_claims_are_kept()
    {
        var record = Map("US08927118-bibliographic.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Identifiers.Other, Does.Contain("JP2008148514"));
            Assert.That(record.Classifications, Has.Some.Matches<string>(c => c.StartsWith('C') || c.StartsWith('H')));
            Assert.That(record.Identifiers.PatentNumbers[0], Is.EqualTo("US8927118B2"));
        });
    }

    [TestCase("US06859910.xml", "US6859910B2", 2005)]
    [TestCase("US07272630B2.xml", "US7272630B2", 2007)]
    [TestCase("US20050004437A1.xml", "US20050004437A1", 2005)]
    [TestCase("US20010000044A1.xml", "US20010000044A1", 2001)]
    [TestCase("US20010009014A1.xml", "US20010009014A1", 2001)]
    public void Every_generation_maps_to_a_patent_with_title_inventors_and_ipc(string file, string number, int year)
    {
        var record = Map(file);
        Assert.Multiple(() =>
        {
            Assert.That(record.Identifiers.PatentNumbers[0], Is.EqualTo(number));
            Assert.That(record.Year, Is.EqualTo(year));
            Assert.That(record.Title, Is.Not.Empty);
            Assert.That(record.Authors, Is.Not.Empty);
            Assert.That(record.Classifications, Is.Not.Empty.And.All.Matches(@"^[A-H]\d\d[A-Z] \d+/\d+$"));
            Assert.That(record.Abstract, Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public void The_2001_publication_has_its_inventors_in_order()
    {
        var record = Map("US20010009014A1.xml");
        Assert.Multiple(() =>
        {
            Assert.That(record.Title, Is.EqualTo("Facilitating real-time, multi-point communications over the internet"));
            Assert.That(record.Authors.Take(2), Is.EqualTo(new[] { "Savage, James A.", "Muller, Sophie" }));
            Assert.That(record.Classifications, Is.EqualTo(new[] { "G06F 15/16" }));
            Assert.That(record.Identifiers.PatentNumbers, Does.Contain("US09777392"));
        });
    }

    [Test]
    public void A_document_that_is_not_a_patent_is_a_mapping_failure()
    {
        var harvested = new HarvestedRecord("uspto", "x", null, false, MetadataFormats.PatentXml, "<cpc-scheme/>", []);
        Assert.That(() => new PatentXmlMapper().Map(harvested), Throws.TypeOf<MappingException>().With.Message.Contains("cpc-scheme"));
    }
}

using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.Marc;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Ingestion.Tests.Mapping;

public class UnimarcMapperTests
{
    private static readonly UnimarcMapper Mapper = new();

    [Test]
    public void A_CNMARC_record_maps_title_names_imprint_identifiers_classes_and_subjects()
    {
        var record = Mapper.Map(Fixtures.Harvested("unimarc", Fixtures.Read("marc", "synthetic-cnmarc-book.xml"), "CN-SYN-0001"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("大数据环境下的科技文献检索: 理论与实践"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Sci-tech literature retrieval in the big data era" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "欧阳明哲", "司马雨桐" }));
            Assert.That(record.Organizations, Is.EqualTo(new[] { "中国科学院. 文献情报中心" }));
            Assert.That(record.Publisher, Is.EqualTo("科学出版社"));
            Assert.That(record.Year, Is.EqualTo(2018));
            Assert.That(record.Language, Is.EqualTo("chi"));
            Assert.That(record.Identifiers.Isbn, Is.EqualTo(new[] { "9787030456786" }));
            Assert.That(record.Classifications.First(), Is.EqualTo("G254.9"));
            Assert.That(record.Subjects, Is.EqualTo(new[] { "情报检索 -- 研究" }));
            Assert.That(record.Keywords, Is.EqualTo(new[] { "大数据", "文献检索" }));
            Assert.That(record.Abstract, Does.StartWith("本书系统介绍了"));
            Assert.That(record.SourceTitle, Is.EqualTo("信息科学技术丛书"));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Book));
            Assert.That(record.Links.Select(l => l.Url), Is.EqualTo(new[] { "https://example.org/books/CN-SYN-0001" }));
        }
    }

    [Test]
    public async Task Pymarc_testunimarc_read_from_ISO_2709_is_detected_as_UNIMARC_and_mapped()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "marc-iso2709", "pymarc-testunimarc.dat");
        await using var stream = File.OpenRead(path);
        var content = await new Iso2709FileFormatReader().ReadAsync(stream, new FileReadContext("s", "testunimarc.dat", default), CancellationToken.None);
        Assert.That(content.Problems, Is.Empty);
        var harvested = content.Records.Single();
        Assert.That(harvested.MetadataFormat, Is.EqualTo(MarcSourceSettings.UnimarcFormat));

        var record = new MapperRegistry(DefaultMappers.All()).Map(harvested);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(harvested.ExternalId, Is.EqualTo(@"IT\ICCU\ANA\0019370"));
            Assert.That(record.Title, Is.EqualTo("L'altra faccia della spirale"));
            Assert.That(record.Authors, Is.EqualTo(new[] { "Asimov, Isaac", "Fruttero, Carlo", "Lucentini, Franco", "Scaglia, Cesare" }));
            Assert.That(record.Publisher, Is.EqualTo("A. Mondadori"));
            Assert.That(record.Year, Is.EqualTo(1996));
            Assert.That(record.Language, Is.EqualTo("ita"));
            Assert.That(record.Identifiers.Isbn, Is.EqualTo(new[] { "9788804406822" }));
            Assert.That(record.SourceTitle, Is.EqualTo("Bestsellers"));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Book));
        }
    }

    [Test]
    public void A_record_without_200_is_refused_with_a_reason()
    {
        var payload = "<record xmlns=\"http://www.loc.gov/MARC21/slim\"><leader>00000nam0 2200000   450 </leader><controlfield tag=\"001\">x</controlfield></record>";
        var ex = Assert.Throws<MappingException>(() => Mapper.Map(Fixtures.Harvested("unimarc", payload)));
        Assert.That(ex!.Message, Does.Contain("200"));
    }

    [Test]
    public void MARC21_records_keep_the_marcxml_format_and_UNIMARC_ones_are_told_apart()
    {
        var settings = MarcSourceSettings.Default;
        Assert.That(settings.FormatFor(["001", "245", "100"]), Is.EqualTo(MetadataFormats.MarcXml));
        Assert.That(settings.FormatFor(["001", "200", "700"]), Is.EqualTo("unimarc"));
        Assert.That((settings with { Flavour = MarcFlavour.Marc21 }).FormatFor(["200"]), Is.EqualTo(MetadataFormats.MarcXml));
    }
}

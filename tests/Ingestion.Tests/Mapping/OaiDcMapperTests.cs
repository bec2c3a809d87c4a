using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Ingestion.Tests.Mapping;

public class OaiDcMapperTests
{
    private readonly OaiDcMapper _mapper = new();

    [Test]
    public void Sickle_record_maps_title_authors_year_type_and_link()
    {
        var record = _mapper.Map(Fixtures.OaiDc("sickle-1585322.xml", "oai:test.example.com:1585322"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Id, Is.EqualTo(RecordIds.For("test-source", "oai:test.example.com:1585322")));
            Assert.That(record.SourceId, Is.EqualTo("test-source"));
            Assert.That(record.ExternalId, Is.EqualTo("oai:test.example.com:1585322"));
            Assert.That(record.Title, Is.EqualTo("Sample Title"));
            Assert.That(record.Authors, Is.EqualTo(new[] { "John Doe" }), "the four repeated creators are one author");
            Assert.That(record.Year, Is.EqualTo(2010));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.JournalArticle), "info:eu-repo/semantics/article");
            Assert.That(record.Language, Is.EqualTo("eng"));
            Assert.That(record.Publisher, Is.EqualTo("Sample Publisher"));
            Assert.That(record.SourceTitle, Is.EqualTo("Sample Source"));
            Assert.That(record.Abstract, Does.StartWith("Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor"));
            Assert.That(record.Abstract, Does.Not.Contain("  ").And.Not.Contain("\n"));
            Assert.That(record.Links, Is.EqualTo(new[] { new RecordLink("http://test.example.com/publication/1585322", "landing") }));
            Assert.That(record.Datestamp, Is.EqualTo(Fixtures.Datestamp));
            Assert.That(record.Sets, Is.EqualTo(new[] { "set-a", "set-b" }));
        }
    }

    [Test]
    public void Sickle_utf8_record_keeps_chinese_creator()
    {
        var record = _mapper.Map(Fixtures.OaiDc("sickle-utf8-1996652.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Authors, Is.EqualTo(new[] { "某人" }));
            Assert.That(record.Year, Is.EqualTo(2011));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Other), "'text' names no type of ours");
        }
    }

    [TestCase("Library Hi Tech News, 2011, 28(4): 5-7", "Library Hi Tech News", "28", "4", "5", "7")]
    [TestCase("情报学报，2011，30（4）：５－７", "情报学报", "30", "4", "5", "7")]
    // The journal name as sent; the numbers are keys, so folded.
    public void A_citation_source_gives_the_journal_name_and_its_numbers(string source, string journal, string volume, string issue, string first, string last)
    {
        var payload = $"""
            <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title>T</dc:title><dc:source>{source}</dc:source>
            </oai_dc:dc>
            """;
        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload));
        Assert.Multiple(() =>
        {
            Assert.That(record.SourceTitle, Is.EqualTo(journal));
            Assert.That((record.Volume, record.Issue, record.FirstPage, record.LastPage), Is.EqualTo((volume, issue, first, last)));
            Assert.That(record.Year, Is.EqualTo(2011), "no dc:date: the citation's year");
        });
    }

    [Test]
    public void Dspace_record_detects_isbn_handle_link_and_contributor()
    {
        var record = _mapper.Map(Fixtures.OaiDc("pyoai-hdl-1765-308.xml", "hdl:1765/308"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("Kijken in het brein: Over de mogelijkheden van neuromarketing"));
            Assert.That(record.Authors, Is.EqualTo(new[] { "Smidts, A." }), "contributor, and the comma does not split it");
            Assert.That(record.Identifiers.Isbn, Is.EqualTo(new[] { "9789058920362" }), "90-5892-036-4 as ISBN-13");
            Assert.That(record.Links, Is.EqualTo(new[] { new RecordLink("http://hdl.handle.net/1765/308", "landing") }));
            Assert.That(record.Year, Is.EqualTo(2003));
            Assert.That(record.Language, Is.Null, "'other' is no language");
            Assert.That(record.Keywords, Has.Count.EqualTo(13));
            Assert.That(record.Keywords[0], Is.EqualTo("neuroimaging"));
            Assert.That(record.Keywords, Does.Contain("brain activity"));
            Assert.That(record.Abstract, Does.StartWith("Met moderne beeldvormende technieken"), "the longest description");
        }
    }

    [Test]
    public void Gallica_record_with_prefixes_declared_on_the_element()
    {
        var record = _mapper.Map(Fixtures.OaiDc("phpoaipmh-gallica-bpt6k5440618t.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("Le Poème. Publication mensuelle"));
            Assert.That(record.Year, Is.EqualTo(1889));
            Assert.That(record.Language, Is.EqualTo("fre"));
            Assert.That(record.Publisher, Is.EqualTo("[s.n.?] (Paris)"));
            Assert.That(record.Links.Select(l => l.Url), Is.EqualTo(new[] { "http://gallica.bnf.fr/ark:/12148/bpt6k5440618t" }));
            Assert.That(record.Authors, Is.Empty);
        }
    }

    [Test]
    public void Chinese_record_is_split_and_keeps_its_full_width_letters()
    {
        var record = _mapper.Map(Fixtures.OaiDc("csl-dev-0545-zh.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("基于超声波传感器的喷杆位姿控制系统"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Ｓｐｒａｙ ｂｏｏｍ ｐｏｓｅ ｃｏｎｔｒｏｌ ｓｙｓｔｅｍ" }), "shown as sent; the index folds");
            Assert.That(record.Authors, Is.EqualTo(new[] { "张三", "李四", "王五" }));
            Assert.That(record.Keywords, Is.EqualTo(new[] { "喷杆位姿", "喷杆喷雾机", "位姿控制器", "超声波传感器" }));
            Assert.That(record.Abstract, Does.StartWith("对喷杆位姿进行控制是提高喷杆喷雾机喷施质量的有效途径，为了"), "leading U+3000 gone, CJK comma kept");
            Assert.That(record.Year, Is.EqualTo(2014));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.JournalArticle));
            Assert.That(record.Language, Is.EqualTo("chi"));
            Assert.That(record.Identifiers.Doi, Is.EqualTo("10.12345/csl.dev.0545"));
            Assert.That(record.Identifiers.Issn, Is.EqualTo(new[] { "1002-6819" }));
            Assert.That(record.Links, Is.EqualTo(new[] { new RecordLink("https://example.org/fulltext/csl-dev-0545.pdf", "fulltext") }));
            Assert.That(record.SourceTitle, Is.EqualTo("示例期刊"));
        }
    }

    [TestCase("article", RecordTypes.JournalArticle)]
    [TestCase("Journal Article", RecordTypes.JournalArticle)]
    [TestCase("期刊论文", RecordTypes.JournalArticle)]
    [TestCase("info:eu-repo/semantics/doctoralThesis", RecordTypes.Thesis)]
    [TestCase("Dissertation", RecordTypes.Thesis)]
    [TestCase("学位论文", RecordTypes.Thesis)]
    [TestCase("info:eu-repo/semantics/conferenceObject", RecordTypes.ConferencePaper)]
    [TestCase("Proceedings", RecordTypes.ConferencePaper)]
    [TestCase("会议论文", RecordTypes.ConferencePaper)]
    [TestCase("Patent", RecordTypes.Patent)]
    [TestCase("专利", RecordTypes.Patent)]
    [TestCase("Standard", RecordTypes.Standard)]
    [TestCase("标准", RecordTypes.Standard)]
    [TestCase("Technical Report", RecordTypes.Report)]
    [TestCase("报告", RecordTypes.Report)]
    [TestCase("Book", RecordTypes.Book)]
    [TestCase("图书", RecordTypes.Book)]
    [TestCase("Monograph", RecordTypes.Book)]
    [TestCase("Image", RecordTypes.Other)]
    public void Dc_type_maps_to_record_type(string dcType, string expected)
    {
        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, Dc($"<dc:title>T</dc:title><dc:type>{dcType}</dc:type>")));

        Assert.That(record.Type, Is.EqualTo(expected));
    }

    [Test]
    public void Identifiers_are_sorted_into_doi_isbn_issn_links_and_other()
    {
        var payload = Dc("""
            <dc:title>T</dc:title>
            <dc:identifier>doi:10.1000/ABC</dc:identifier>
            <dc:identifier>https://doi.org/10.2000/second</dc:identifier>
            <dc:identifier>ISBN 7572101011</dc:identifier>
            <dc:identifier>ISSN 0378-5955</dc:identifier>
            <dc:identifier>https://repo.example.org/item/1</dc:identifier>
            <dc:identifier>https://repo.example.org/item/1/file.PDF</dc:identifier>
            <dc:identifier>urn:nbn:de:1234</dc:identifier>
            <dc:identifier>7572101011</dc:identifier>
            """);

        var ids = _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload)).Identifiers;
        var links = _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload)).Links;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids.Doi, Is.EqualTo("10.1000/abc"));
            Assert.That(ids.Isbn, Is.EqualTo(new[] { "9787572101014" }));
            Assert.That(ids.Issn, Is.EqualTo(new[] { "0378-5955" }));
            Assert.That(ids.Other, Is.EqualTo(new[] { "doi:10.2000/second", "urn:nbn:de:1234", "7572101011" }), "bare ten digits are not taken for an ISBN");
            Assert.That(links, Is.EqualTo(new[]
            {
                new RecordLink("https://repo.example.org/item/1", "landing"),
                new RecordLink("https://repo.example.org/item/1/file.PDF", "fulltext"),
            }));
        }
    }

    [Test]
    public void Other_titles_and_contributors_follow_the_first()
    {
        var payload = Dc("""
            <dc:title>主标题</dc:title><dc:title>Main title</dc:title><dc:title>主标题</dc:title>
            <dc:contributor>赵六</dc:contributor><dc:creator>Smith, John; Doe, Jane</dc:creator>
            """);

        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("主标题"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Main title" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "Smith, John", "Doe, Jane", "赵六" }));
        }
    }

    [Test]
    public void Payload_may_be_the_metadata_wrapper_and_use_other_prefixes()
    {
        var payload = """
            <metadata xmlns="http://www.openarchives.org/OAI/2.0/">
              <d:dc xmlns:d="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:e="http://purl.org/dc/elements/1.1/">
                <e:title>Wrapped</e:title><e:date>[2015]</e:date>
              </d:dc>
            </metadata>
            """;

        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload));

        Assert.That((record.Title, record.Year), Is.EqualTo(("Wrapped", (int?)2015)));
    }

    [Test]
    public void Record_without_title_is_refused()
    {
        var ex = Assert.Throws<MappingException>(() => _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, Dc("<dc:title> </dc:title><dc:creator>A</dc:creator>"))));

        Assert.That(ex.Message, Is.EqualTo("oai_dc record has no dc:title"));
    }

    [Test]
    public void Broken_xml_is_refused_with_position()
    {
        var ex = Assert.Throws<MappingException>(() => _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, "<oai_dc:dc xmlns:oai_dc=\"x\">\n<dc:title>T</dc:title>")));

        Assert.That(ex.Message, Does.Contain("not well-formed XML").And.Contain("line 2"));
    }

    [Test]
    public void Dtd_is_never_processed()
    {
        var payload = """<!DOCTYPE dc [<!ENTITY e SYSTEM "file:///etc/passwd">]><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&e;</dc:title></oai_dc:dc>""";

        Assert.Throws<MappingException>(() => _mapper.Map(Fixtures.Harvested(MetadataFormats.OaiDc, payload)));
    }

    [Test]
    public void Deleted_record_without_payload_is_a_mapping_failure()
    {
        var deleted = new HarvestedRecord("s", "gone", null, true, MetadataFormats.OaiDc, null, []);

        Assert.Throws<MappingException>(() => _mapper.Map(deleted));
    }

    private static string Dc(string inner) =>
        $"""<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">{inner}</oai_dc:dc>""";
}

using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Ingestion.Tests.Mapping;

public class MarcXmlMapperTests
{
    private readonly MarcXmlMapper _mapper = new();

    [Test]
    public void Yaz_chinese_record_prefers_the_vernacular_880_fields()
    {
        var record = _mapper.Map(Fixtures.Marc("yaz-marc12.xml", "on1183349983"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Id, Is.EqualTo(RecordIds.For("test-source", "on1183349983")));
            Assert.That(record.Title, Is.EqualTo("车票去哪儿了"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Che piao qu na er le" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "刘旭恭", "Liu, Xugong" }));
            Assert.That(record.Publisher, Is.EqualTo("长江少年儿童出版社"));
            Assert.That(record.Year, Is.EqualTo(2020));
            Assert.That(record.Language, Is.EqualTo("chi"));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Book));
            Assert.That(record.Identifiers.Isbn, Is.EqualTo(new[] { "9787572101014" }), "the ISBN-10 and -13 forms are one ISBN");
            Assert.That(record.Identifiers.Other, Is.EqualTo(new[] { "on1183349983", "(OCoLC)1183349983" }));
            Assert.That(record.Abstract, Does.StartWith("\"这是一本充满想象力的儿童绘本。"));
            Assert.That(record.SourceTitle, Is.EqualTo("海豚绘本花园"), "the vernacular series");
            Assert.That(record.Subjects, Is.EqualTo(new[] { "Bus drivers -- Juvenile fiction", "Bus occupants -- Juvenile fiction" }));
            Assert.That(record.Links, Is.Empty);
            Assert.That(record.Datestamp, Is.EqualTo(Fixtures.Datestamp));
            Assert.That(record.Sets, Is.EqualTo(new[] { "set-a", "set-b" }));
        }
    }

    [Test]
    public void Marccol_record_pairs_each_name_with_its_880_and_keeps_the_parallel_title()
    {
        var record = _mapper.Map(Fixtures.Marc("marccol1-86118651.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("森林學 名詞 辭典"), "U+3000 word separators become spaces");
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "English Chinese dictionary of forestry", "Sen lin hsüeh ming tzʻu tzʻu tien" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "陳 銘東", "黃 釱仙", "Chʻen, Ming-tsʻun", "Huang, Chin-hsien" }));
            Assert.That(record.Publisher, Is.EqualTo("名山 出版社"));
            Assert.That(record.Year, Is.EqualTo(1985));
            Assert.That(record.Language, Is.EqualTo("chi"));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Book));
            Assert.That(record.Classifications, Is.EqualTo(new[] { "SD126", "634.90321" }));
            Assert.That(record.Subjects, Is.EqualTo(new[] { "Forests and forestry -- Dictionaries", "English language -- Dictionaries -- Chinese" }));
            Assert.That(record.Identifiers.Isbn, Is.Empty, "020 has only a price");
            Assert.That(record.Identifiers.Other, Does.Contain("86118651 /ACN/r88"));
        }
    }

    [Test]
    public void Yaz_arabic_serial_is_a_journal_with_vernacular_organizations()
    {
        var record = _mapper.Map(Fixtures.Marc("yaz-marc9.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Type, Is.EqualTo(RecordTypes.JournalArticle), "leader a+s");
            Assert.That(record.Title, Is.EqualTo("قضاء الأسرة: مجلة متخصصة"));
            Assert.That(record.AlternativeTitles, Does.Contain("Qaḍāʼ al-usrah: majallah mutakhaṣṣiṣah"));
            Assert.That(record.AlternativeTitles, Does.Contain("Justice de la famille"));
            Assert.That(record.AlternativeTitles, Does.Contain("مجلة قضاء الأسرة"));
            Assert.That(record.Language, Is.EqualTo("ara"));
            Assert.That(record.Year, Is.EqualTo(2005));
            Assert.That(record.Publisher, Is.EqualTo("جمعية نشر المعلومة القانونية والقضائية"));
            Assert.That(record.Organizations[0], Is.EqualTo("جمعية نشر المعلومة القانونية والقضائية"));
            Assert.That(record.Organizations, Does.Contain("Morocco. Wizārat al-ʻAdl"));
            Assert.That(record.Subjects, Does.Contain("Marriage law -- Morocco"));
        }
    }

    [Test]
    public void Pymarc_sound_recording_without_880()
    {
        var record = _mapper.Map(Fixtures.Marc("pymarc-utf8.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Title, Is.EqualTo("Zen Classics"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Wilfried Hiller: Book of Stars" }));
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Other), "leader j (musical sound recording)");
            Assert.That(record.Year, Is.EqualTo(2008), "008 says 9999, so 260 $c is read");
            Assert.That(record.Publisher, Is.EqualTo("Virgin Classics"));
            Assert.That(record.Language, Is.Null);
            Assert.That(record.Links, Is.EqualTo(new[] { new RecordLink("http://www.aspresolver.com/aspresolver.asp?CLMU;925318", "fulltext") }));
            Assert.That(record.Identifiers.Other, Is.EqualTo(new[] { "ASP925318/clmu" }));
        }
    }

    [Test]
    public void Thesis_with_clc_doi_and_vernacular_abstract_and_keywords()
    {
        var record = _mapper.Map(Fixtures.Marc("synthetic-clc-thesis.xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Type, Is.EqualTo(RecordTypes.Thesis));
            Assert.That(record.Title, Is.EqualTo("基于超声波传感器的喷杆位姿控制系统"));
            Assert.That(record.AlternativeTitles, Is.EqualTo(new[] { "Ji yu chao sheng bo chuan gan qi de pen gan wei zi kong zhi xi tong" }));
            Assert.That(record.Authors, Is.EqualTo(new[] { "张三", "Zhang, San" }));
            Assert.That(record.Publisher, Is.EqualTo("华中农业大学"));
            Assert.That(record.Year, Is.EqualTo(2020));
            Assert.That(record.Language, Is.EqualTo("chi"));
            Assert.That(record.Identifiers.Isbn, Is.EqualTo(new[] { "9787111547426" }), "the second 020 has a bad check digit");
            Assert.That(record.Identifiers.Issn, Is.EqualTo(new[] { "1002-6819" }));
            Assert.That(record.Identifiers.Doi, Is.EqualTo("10.27157/d.cnki.ghzku.2020.000001"));
            Assert.That(record.Identifiers.Other, Is.EqualTo(new[] { "THESIS-0001" }));
            Assert.That(record.Classifications, Is.EqualTo(new[] { "S491", "S49", "TP391" }), "CLC first");
            Assert.That(record.Abstract, Is.EqualTo("设计了一种基于超声波传感器的喷杆位姿控制器。"));
            Assert.That(record.Keywords, Is.EqualTo(new[] { "喷杆位姿", "Pen gan wei zi" }));
            Assert.That(record.Subjects, Is.EqualTo(new[] { "Spraying equipment -- Automatic control" }));
            Assert.That(record.SourceTitle, Is.EqualTo("Hua zhong nong ye da xue xue wei lun wen ku"));
            Assert.That(record.Links, Is.EqualTo(new[]
            {
                new RecordLink("https://example.org/thesis/0001.pdf", "fulltext"),
                new RecordLink("https://example.org/thesis/0001/read", "fulltext"),
                new RecordLink("https://example.org/thesis/0001", "landing"),
            }));
        }
    }

    [TestCase("am", "", RecordTypes.Book)]
    [TestCase("as", "", RecordTypes.JournalArticle)]
    [TestCase("ab", "", RecordTypes.JournalArticle)]
    [TestCase("aa", "", RecordTypes.JournalArticle)]
    [TestCase("tm", "", RecordTypes.Book)]
    [TestCase("tm", "502", RecordTypes.Thesis)]
    [TestCase("am", "111", RecordTypes.ConferencePaper)]
    [TestCase("am", "711", RecordTypes.ConferencePaper)]
    [TestCase("am", "088", RecordTypes.Report)]
    [TestCase("em", "", RecordTypes.Other)]
    [TestCase("gm", "", RecordTypes.Other)]
    public void Leader_and_fields_give_the_type(string leader0607, string extraTag, string expected)
    {
        var extra = extraTag.Length == 0 ? string.Empty : $"""<datafield tag="{extraTag}" ind1=" " ind2=" "><subfield code="a">x</subfield></datafield>""";
        var payload = Record($"00000n{leader0607} a2200000 a 4500", $"""<datafield tag="245" ind1="0" ind2="0"><subfield code="a">T.</subfield></datafield>{extra}""");

        Assert.That(_mapper.Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload)).Type, Is.EqualTo(expected));
    }

    [Test]
    public void Host_item_773_gives_the_journal_and_the_page_range()
    {
        var payload = Record("00000naa a2200000 a 4500", """
            <datafield tag="245" ind1="0" ind2="0"><subfield code="a">An article.</subfield></datafield>
            <datafield tag="773" ind1="0" ind2=" "><subfield code="t">Library hi tech news.</subfield><subfield code="g">Vol. 28, no. 4 (2011), p. 5-7</subfield></datafield>
            """);
        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload));
        Assert.Multiple(() =>
        {
            Assert.That(record.SourceTitle, Is.EqualTo("Library hi tech news"));
            Assert.That((record.Volume, record.Issue, record.FirstPage, record.LastPage), Is.EqualTo(("28", "4", "5", "7")));
        });
    }

    [Test]
    public void Congresses_subject_makes_a_conference_paper()
    {
        var payload = Record("00000nam a2200000 a 4500", """
            <datafield tag="245" ind1="0" ind2="0"><subfield code="a">Proceedings.</subfield></datafield>
            <datafield tag="650" ind1=" " ind2="0"><subfield code="a">Physics</subfield><subfield code="v">Congresses.</subfield></datafield>
            """);

        Assert.That(_mapper.Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload)).Type, Is.EqualTo(RecordTypes.ConferencePaper));
    }

    [Test]
    public void Broken_tag_is_refused_with_the_reason()
    {
        var ex = Assert.Throws<MappingException>(() => _mapper.Map(Fixtures.Marc("pymarc-bad_tag.xml")));

        Assert.That(ex.Message, Does.Contain("invalid tag '42'"));
    }

    [Test]
    public void Collection_of_several_records_is_refused()
    {
        var ex = Assert.Throws<MappingException>(() => _mapper.Map(Fixtures.Marc("pymarc-batch.xml")));

        Assert.That(ex.Message, Does.Contain("holds 2 records"));
    }

    [TestCase("<collection xmlns=\"http://www.loc.gov/MARC21/slim\"/>", "holds no record")]
    [TestCase("<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"/>", "not MARCXML")]
    [TestCase("<record xmlns=\"http://www.loc.gov/MARC21/slim\"><leader>00000nam a2200000 a 4500</leader></record>", "no title")]
    [TestCase("<record xmlns=\"http://www.loc.gov/MARC21/slim\"><datafield tag=\"245\"><subfield code=\"ab\">x</subfield></datafield></record>", "single character")]
    [TestCase("<record xmlns=\"http://www.loc.gov/MARC21/slim\"><datafield tag=\"245\" ind1=\"10\"><subfield code=\"a\">x</subfield></datafield></record>", "indicator")]
    [TestCase("<record><leader>", "not well-formed")]
    [TestCase("", "no payload")]
    public void Not_marc_is_refused(string payload, string reason)
    {
        var ex = Assert.Throws<MappingException>(() => _mapper.Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload)));

        Assert.That(ex.Message, Does.Contain(reason));
    }

    [Test]
    public void Record_without_namespace_and_short_leader_still_maps()
    {
        var payload = """
            <record><leader>00000nam</leader>
              <controlfield tag="008">860227s1983    cc ac    b    00000dchi  </controlfield>
              <datafield tag="245" ind1="0" ind2="0"><subfield code="a">I shu chia yü te yü.</subfield></datafield>
              <datafield tag="700" ind1="1" ind2=" "><subfield code="a">Smith, J.</subfield></datafield>
            </record>
            """;

        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload));

        Assert.That((record.Title, record.Authors.Single(), record.Year, record.Type), Is.EqualTo(("I shu chia yü te yü", "Smith, J.", (int?)1983, RecordTypes.Book)));
    }

    [Test]
    public void Host_item_numbers_give_volume_issue_and_first_page()
    {
        var payload = Record(
            "00000nab a2200000 a 4500",
            """<datafield tag="245" ind1="0" ind2="0"><subfield code="a">一种算法</subfield></datafield>""" +
            """<datafield tag="773" ind1="0" ind2=" "><subfield code="t">农业工程学报</subfield><subfield code="g">Vol. 35, no. 3 (2019), p. 12-18</subfield><subfield code="x">1002-6819</subfield></datafield>""");

        var record = _mapper.Map(Fixtures.Harvested(MetadataFormats.MarcXml, payload));

        Assert.That((record.SourceTitle, record.Volume, record.Issue, record.FirstPage), Is.EqualTo(("农业工程学报", "35", "3", "12")));
    }

    private static string Record(string leader, string fields) =>
        $"""<record xmlns="http://www.loc.gov/MARC21/slim"><leader>{leader}</leader>{fields}</record>""";
}

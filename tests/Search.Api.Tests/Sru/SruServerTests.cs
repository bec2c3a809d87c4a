using System.Text.Json.Nodes;
using System.Xml.Linq;
using Search.Api.Tests.Support;
using Search.Indexer.Query.Cql;
using Search.Ingestion.Model;
using static Search.Api.Tests.Sru.SruResponses;

namespace Search.Api.Tests.Sru;

/// <summary>
/// The SRU server in-process over the held-out records of TestData/sru (twelve articles, 2011-2022): explain,
/// searchRetrieve in 2.0 and 1.2, paging, sorting, record schemas, scan, diagnostics and the echoed XCQL.
/// The records are only read, so the fixture harvests them once.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SruServerTests
{
    private SearchApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task HarvestTheHeldOutRecords()
    {
        _app = new SearchApp();
        await _app.PutSourceAsync("sru", "file", new { path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "sru"), format = "oai-pmh" }, "SRU 测试库");
        await _app.HarvestAsync("sru");
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private static string Id(int n) => RecordIds.For("sru", $"oai:sru:sru-{n:00}");

    private Task<XDocument> SruAsync(params (string Name, string Value)[] parameters) => GetAsync(_client, Url(parameters));

    [Test]
    public async Task Explain_lists_sets_indexes_schemas_sort_keys_and_limits()
    {
        var doc = await GetAsync(_client, "/sru");
        Assert.That(doc.Root!.Name, Is.EqualTo(Sru2 + "explainResponse"));
        Assert.That(doc.Root.Element(Sru2 + "version")!.Value, Is.EqualTo("2.0"));
        var explain = doc.Descendants(ZeeRex + "explain").Single();
        var sets = explain.Descendants(ZeeRex + "set").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.That(sets, Is.EquivalentTo(new[] { "cql", "dc", "bath", "kj" }));
        var indexes = explain.Descendants(ZeeRex + "index").ToDictionary(
            i => i.Descendants(ZeeRex + "name").Single().Attribute("set")!.Value + "." + i.Descendants(ZeeRex + "name").Single().Value);
        Assert.That(indexes.Keys, Does.Contain("dc.title").And.Contain("dc.creator").And.Contain("dc.date").And.Contain("kj.AU"));
        Assert.That((string)indexes["dc.title"].Attribute("scan")!, Is.EqualTo("true"));
        Assert.That((string)indexes["dc.date"].Attribute("sort")!, Is.EqualTo("true"));
        Assert.That(explain.Descendants(ZeeRex + "schema").Select(s => (string)s.Attribute("identifier")!),
            Does.Contain("info:srw/schema/1/dc-v1.1").And.Contain("info:srw/schema/1/marcxml-v1.1"));
        Assert.That(explain.Descendants(ZeeRex + "setting").Single(s => (string)s.Attribute("type")! == "maximumRecords").Value, Is.EqualTo("100"));

        var old = await SruAsync(("version", "1.2"), ("operation", "explain"));
        Assert.That(old.Root!.Name, Is.EqualTo(Sru12 + "explainResponse"));
        Assert.That(old.Root.Element(Sru12 + "version")!.Value, Is.EqualTo("1.2"));
    }

    [Test]
    public async Task Every_explained_index_is_searchable()
    {
        var explain = (await GetAsync(_client, "/sru")).Descendants(ZeeRex + "index")
            .Where(i => (string)i.Attribute("search")! == "true")
            .Select(i => i.Descendants(ZeeRex + "name").Single())
            .Select(n => n.Attribute("set")!.Value + "." + n.Value)
            .ToList();
        Assert.That(explain, Has.Count.GreaterThan(10));
        foreach (var index in explain)
        {
            var doc = await SruAsync(("query", index + " = 2015"));
            Assert.That(DiagnosticUris(doc), Is.Empty, index);
        }
    }

    [TestCase("2.0", "dc.title = 湿地", 9)]
    [TestCase("2.0", "dc.creator = 王立新", 3)]
    [TestCase("2.0", "kj.AU = 李晓梅", 2)]
    [TestCase("2.0", "dc.date = 2015", 1)]
    [TestCase("2.0", "dc.date within \"2015 2018\"", 4)]
    [TestCase("2.0", "dc.date > 2019", 3)]
    [TestCase("2.0", "dc.title = 湿地 and dc.creator = 赵云", 2)]
    [TestCase("2.0", "dc.title = 湿地 not dc.date < 2016", 5)]
    [TestCase("2.0", "cql.allRecords = 1", 12)]
    [TestCase("1.2", "dc.title = 湿地", 9)]
    [TestCase("1.2", "dc.creator = 王立新 or dc.creator = 陈志远", 5)]
    [TestCase("1.2", "bath.name = grant", 1)]
    public async Task SearchRetrieve_counts_title_author_and_date_queries(string version, string query, int expected)
    {
        var doc = await SruAsync(("version", version), ("operation", "searchRetrieve"), ("query", query));
        Assert.That(DiagnosticUris(doc), Is.Empty);
        Assert.That(doc.Root!.Name.Namespace, Is.EqualTo(version == "2.0" ? Sru2 : Sru12));
        Assert.That(NumberOfRecords(doc), Is.EqualTo(expected));
        Assert.That(Records(doc), Has.Count.EqualTo(Math.Min(expected, 10)), "the default maximumRecords is 10");
    }

    [Test]
    public async Task SearchRetrieve_runs_the_search_of_the_json_api()
    {
        var sru = await SruAsync(("query", "dc.title = 湿地"), ("maximumRecords", "20"));
        var json = await _app.SearchAsync("dc.title = 湿地", "&syntax=cql&size=20");
        Assert.That(NumberOfRecords(sru), Is.EqualTo(json["total"]!.GetValue<long>()));
        Assert.That(DcIds(sru), Is.EqualTo(SearchApp.HitIds(json)), "the same hits in the same order");
    }

    [Test]
    public async Task StartRecord_and_maximumRecords_page_through_the_result_set()
    {
        const string query = "dc.title = 湿地 sortBy dc.date/sort.ascending";
        var whole = await SruAsync(("query", query), ("maximumRecords", "9"));
        Assert.That(NextRecordPosition(whole), Is.Null);
        var pages = new List<string>();
        var start = "1";
        for (var i = 0; i < 5 && start is not null; i++)
        {
            var page = await SruAsync(("query", query), ("startRecord", start), ("maximumRecords", "4"));
            var positions = Records(page).Select(r => r.Element(Sru2 + "recordPosition")!.Value).ToList();
            Assert.That(positions.First(), Is.EqualTo(start));
            pages.AddRange(DcIds(page));
            start = NextRecordPosition(page);
        }

        Assert.That(pages, Is.EqualTo(DcIds(whole)));
        Assert.That(pages, Has.Count.EqualTo(9));

        var countOnly = await SruAsync(("query", query), ("maximumRecords", "0"));
        Assert.That(NumberOfRecords(countOnly), Is.EqualTo(9));
        Assert.That(Records(countOnly), Is.Empty);
        Assert.That(NextRecordPosition(countOnly), Is.Null);

        var greedy = await SruAsync(("query", query), ("maximumRecords", "100000"));
        Assert.That(DiagnosticUris(greedy), Is.Empty, "a larger maximumRecords is cut to the server's limit");
        Assert.That(DcIds(greedy), Is.EqualTo(DcIds(whole)));

        var odd = await SruAsync(("query", query), ("startRecord", "3"), ("maximumRecords", "2"));
        Assert.That(DcIds(odd), Is.EqualTo(DcIds(whole).Skip(2).Take(2)), "startRecord need not fall on a page boundary");
        Assert.That(NextRecordPosition(odd), Is.EqualTo("5"));
    }

    [Test]
    public async Task SortBy_and_sortKeys_order_by_year()
    {
        var descending = await SruAsync(("query", "dc.title = 湿地 sortBy dc.date/sort.descending"));
        Assert.That(DcYears(descending), Is.Ordered.Descending);
        Assert.That(DcYears(descending).First(), Is.EqualTo(2020));
        var ascending = await SruAsync(("query", "dc.title = 湿地 sortBy dc.date"));
        Assert.That(DcYears(ascending), Is.Ordered.Ascending);
        Assert.That(DcYears(ascending).First(), Is.EqualTo(2011));

        var oldDescending = await SruAsync(("version", "1.2"), ("operation", "searchRetrieve"), ("query", "dc.title = 湿地"), ("sortKeys", "dc.date,,0"));
        Assert.That(DcYears(oldDescending), Is.EqualTo(DcYears(descending)));
        var oldAscending = await SruAsync(("version", "1.2"), ("operation", "searchRetrieve"), ("query", "dc.title = 湿地"), ("sortKeys", "dc.date,,1 cql.score"));
        Assert.That(DcYears(oldAscending), Is.EqualTo(DcYears(ascending)));
        Assert.That(oldDescending.Root!.Element(Sru12 + "echoedSearchRetrieveRequest")!.Element(Sru12 + "sortKeys")!.Value, Is.EqualTo("dc.date,,0"));
    }

    [Test]
    public async Task SortBy_and_sortKeys_order_by_title_and_first_author()
    {
        static List<string> Firsts(XDocument doc, string element) =>
            Records(doc).Select(r => RecordData(r).Descendants(Dc + element).Select(e => e.Value).FirstOrDefault() ?? "\uffff").ToList();
        var byTitle = await SruAsync(("query", "cql.allRecords = 1 sortBy dc.title"), ("maximumRecords", "100"));
        var titles = Firsts(byTitle, "title");
        Assert.That(titles, Has.Count.EqualTo(12));
        Assert.That(titles, Is.EqualTo(titles.OrderBy(t => t.ToLowerInvariant(), StringComparer.Ordinal)));
        var byTitleDown = await SruAsync(("query", "cql.allRecords = 1 sortBy kj.TI/sort.descending cql.score"), ("maximumRecords", "100"));
        Assert.That(Firsts(byTitleDown, "title"), Is.EqualTo(Enumerable.Reverse(titles)));

        var byAuthor = await SruAsync(("query", "cql.allRecords = 1 sortBy dc.creator"), ("maximumRecords", "100"));
        var authors = Firsts(byAuthor, "creator");
        Assert.That(authors, Is.EqualTo(authors.OrderBy(a => a.ToLowerInvariant(), StringComparer.Ordinal)));
        var oldAuthorDown = await SruAsync(("version", "1.2"), ("operation", "searchRetrieve"), ("query", "cql.allRecords = 1"), ("sortKeys", "dc.creator,,0"), ("maximumRecords", "100"));
        Assert.That(Firsts(oldAuthorDown, "creator").Where(a => a != "\uffff"), Is.EqualTo(authors.Where(a => a != "\uffff").Reverse()));

        var explain = (await GetAsync(_client, "/sru")).Descendants(ZeeRex + "index")
            .ToDictionary(i => i.Descendants(ZeeRex + "name").Single().Attribute("set")!.Value + "." + i.Descendants(ZeeRex + "name").Single().Value);
        Assert.That((string)explain["dc.title"].Attribute("sort")!, Is.EqualTo("true"));
        Assert.That((string)explain["dc.creator"].Attribute("sort")!, Is.EqualTo("true"));
    }

    [TestCase("dc.nope = 湿地", 16)]
    [TestCase("dc.title = (湿地", 10)]
    [TestCase("dc.title = \"湿地", 10)]
    [TestCase("dc.title = 湿地 and", 10)]
    [TestCase("foo.title = 湿地", 15)]
    [TestCase("dc.title within 湿地", 19)]
    [TestCase("dc.date = 去年", 24)]
    [TestCase("dc.title = 湿地 sortBy dc.subject", 88)]
    [TestCase("dc.title = 湿地 sortBy dc.date/sort.sideways", 90)]
    public async Task Bad_queries_are_diagnostics(string query, int number)
    {
        foreach (var version in new[] { "2.0", "1.2" })
        {
            var doc = await SruAsync(("version", version), ("operation", "searchRetrieve"), ("query", query));
            Assert.That(DiagnosticUris(doc), Is.EqualTo(new[] { $"info:srw/diagnostic/1/{number}" }), version);
            Assert.That(NumberOfRecords(doc), Is.Zero);
            Assert.That(doc.Descendants(version == "2.0" ? Diag2 + "diagnostic" : Diag12 + "diagnostic").Single().Element(version == "2.0" ? Diag2 + "message" : Diag12 + "message")!.Value, Is.Not.Empty);
        }
    }

    [TestCase("recordSchema=mods", 66)]
    [TestCase("startRecord=0", 6)]
    [TestCase("startRecord=abc", 6)]
    [TestCase("startRecord=50", 61)]
    [TestCase("maximumRecords=-1", 6)]
    [TestCase("recordXMLEscaping=base64", 71)]
    [TestCase("recordXPath=/dc/title", 72)]
    [TestCase("queryType=pqf", 6)]
    [TestCase("version=3.0", 5)]
    public async Task Bad_parameters_are_diagnostics(string parameter, int number)
    {
        var doc = await GetAsync(_client, "/sru?query=" + Uri.EscapeDataString("dc.title = 湿地") + "&" + parameter);
        Assert.That(DiagnosticUris(doc), Is.EqualTo(new[] { $"info:srw/diagnostic/1/{number}" }));
        Assert.That(Records(doc), Is.Empty);
    }

    [Test]
    public async Task Missing_query_and_unknown_operation_are_diagnostics()
    {
        var missing = await SruAsync(("version", "1.2"), ("operation", "searchRetrieve"));
        Assert.That(DiagnosticUris(missing), Is.EqualTo(new[] { "info:srw/diagnostic/1/7" }));
        var unknown = await SruAsync(("version", "1.2"), ("operation", "update"));
        Assert.That(DiagnosticUris(unknown), Is.EqualTo(new[] { "info:srw/diagnostic/1/4" }));
    }

    [TestCase("dc.title = 湿地")]
    [TestCase("dc.title any \"湿地 遥感\" and dc.date within \"2015 2020\"")]
    [TestCase("> dc = \"info:srw/cql-context-set/1/dc-v1.1\" dc.creator =/relevant 王立新 or (kj.TI = 湿地 prox/distance<3 kj.KY = 遥感)")]
    [TestCase("dc.title = 湿地 sortBy dc.date/sort.descending cql.score")]
    public async Task The_echoed_request_carries_the_parsed_query_as_xcql(string query)
    {
        var expected = CqlParser.Parse(query).Canonical();
        var doc2 = await SruAsync(("query", query));
        var xcql2 = XQuery(doc2);
        Assert.That(xcql2.Name.Namespace, Is.EqualTo((XNamespace)"http://docs.oasis-open.org/ns/search-ws/xcql"));
        Assert.That(Canonical(xcql2), Is.EqualTo(expected));
        Assert.That(doc2.Root!.Element(Sru2 + "echoedSearchRetrieveRequest")!.Element(Sru2 + "query")!.Value, Is.EqualTo(query));

        var doc12 = await SruAsync(("version", "1.2"), ("operation", "searchRetrieve"), ("query", query));
        var xcql12 = XQuery(doc12);
        Assert.That(xcql12.Name.Namespace, Is.EqualTo((XNamespace)"http://www.loc.gov/zing/cql/xcql/"));
        Assert.That(Canonical(xcql12), Is.EqualTo(expected));
    }

    /// <summary>The echo against another implementation's parse: cql-java's XCQL for its regression corpus.</summary>
    [Test]
    public async Task The_echoed_xcql_matches_cql_java_for_its_regression_corpus()
    {
        var root = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "cql", "cql-java-regression");
        var compared = 0;
        foreach (var file in Directory.GetFiles(root, "*.cql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var expectedFile = Path.ChangeExtension(file, ".xcql");
            var expectedText = await File.ReadAllTextAsync(expectedFile);
            if (!expectedText.TrimStart().StartsWith('<'))
            {
                continue; // cql-java rejects it: group 11's malformed queries, answered with diagnostic 10 below.
            }

            var query = (await File.ReadAllTextAsync(file)).TrimEnd('\n', '\r');
            var doc = await SruAsync(("query", query), ("maximumRecords", "0"));
            Assert.That(Canonical(XQuery(doc)), Is.EqualTo(Canonical(XElement.Parse(expectedText))), query);
            compared++;
        }

        Assert.That(compared, Is.GreaterThan(80));
        var malformed = await SruAsync(("query", await File.ReadAllTextAsync(Path.Combine(root, "11", "01.cql"))));
        Assert.That(DiagnosticUris(malformed), Is.EqualTo(new[] { "info:srw/diagnostic/1/10" }));
    }

    [Test]
    public async Task Dublin_core_records_carry_partner_text_escaped()
    {
        var doc = await SruAsync(("query", "dc.creator = 吴芳"));
        var dc = RecordData(Records(doc).Single()).Elements().Single();
        Assert.That(dc.Name, Is.EqualTo((XNamespace)"info:srw/schema/1/dc-schema" + "dc"));
        Assert.That(dc.Element(Dc + "title")!.Value, Is.EqualTo("湿地保护立法比较研究 <综述> & 展望"));
        Assert.That(dc.Element(Dc + "creator")!.Value, Is.EqualTo("吴芳"));
        Assert.That(dc.Element(Dc + "date")!.Value, Is.EqualTo("2011"));
        Assert.That(dc.Elements(Dc + "identifier").First().Value, Is.EqualTo(Id(11)));
        Assert.That(Records(doc).Single().Element(Sru2 + "recordSchema")!.Value, Is.EqualTo("info:srw/schema/1/dc-v1.1"));
    }

    [Test]
    public async Task Marcxml_records_in_xml_and_as_a_string()
    {
        var doc = await SruAsync(("query", "dc.creator = 李晓梅 and dc.date = 2018"), ("recordSchema", "marcxml"));
        var marc = RecordData(Records(doc).Single()).Element(Marc + "record")!;
        string Sub(string tag, string code) => marc.Elements(Marc + "datafield").First(f => (string)f.Attribute("tag")! == tag)
            .Elements(Marc + "subfield").First(s => (string)s.Attribute("code")! == code).Value;
        Assert.That(marc.Elements(Marc + "controlfield").Single(c => (string)c.Attribute("tag")! == "001").Value, Is.EqualTo(Id(2)));
        Assert.That(Sub("245", "a"), Is.EqualTo("长江中游湿地碳储量的遥感估算"));
        Assert.That(Sub("100", "a"), Is.EqualTo("李晓梅"));
        Assert.That(Sub("700", "a"), Is.EqualTo("王立新"));
        Assert.That(Sub("264", "c"), Is.EqualTo("2018"));
        Assert.That(marc.Element(Marc + "leader")!.Value, Has.Length.EqualTo(24));
        Assert.That(Records(doc).Single().Element(Sru2 + "recordSchema")!.Value, Is.EqualTo("info:srw/schema/1/marcxml-v1.1"));

        var packed = await SruAsync(("version", "1.2"), ("operation", "searchRetrieve"), ("query", "dc.creator = 吴芳"), ("recordSchema", "info:srw/schema/1/marcxml-v1.1"), ("recordPacking", "string"));
        var record = Records(packed).Single();
        Assert.That(record.Element(Sru12 + "recordPacking")!.Value, Is.EqualTo("string"));
        Assert.That(RecordData(record).HasElements, Is.False, "the record is escaped text");
        var inner = XElement.Parse(RecordData(record).Value);
        Assert.That(inner.Descendants(Marc + "subfield").First(s => s.Parent!.Attribute("tag")!.Value == "245").Value, Is.EqualTo("湿地保护立法比较研究 <综述> & 展望"));
    }

    [Test]
    public async Task Json_records_are_escaped_text()
    {
        var doc = await SruAsync(("query", "dc.creator = 吴芳"), ("recordSchema", "json"));
        var record = Records(doc).Single();
        Assert.That(record.Element(Sru2 + "recordXMLEscaping")!.Value, Is.EqualTo("string"));
        var json = JsonNode.Parse(RecordData(record).Value)!;
        Assert.That(json["id"]!.GetValue<string>(), Is.EqualTo(Id(11)));
        Assert.That(json["title"]!.GetValue<string>(), Is.EqualTo("湿地保护立法比较研究 <综述> & 展望"));
        Assert.That(json["year"]!.GetValue<int>(), Is.EqualTo(2011));
        Assert.That(json["access"]!["fulltext"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Scan_lists_author_title_and_subject_terms_with_counts()
    {
        var authors = await SruAsync(("scanClause", "dc.creator = 王"), ("maximumTerms", "3"));
        Assert.That(authors.Root!.Name, Is.EqualTo(Scan2 + "scanResponse"));
        var terms = authors.Descendants(Scan2 + "term").ToList();
        Assert.That(terms, Has.Count.EqualTo(3));
        Assert.That(terms[0].Element(Scan2 + "value")!.Value, Is.EqualTo("王立新"));
        Assert.That(terms[0].Element(Scan2 + "numberOfRecords")!.Value, Is.EqualTo("3"));
        Assert.That(terms[0].Element(Scan2 + "whereInList")!.Value, Is.EqualTo("first"));

        var titles = await SruAsync(("version", "1.2"), ("operation", "scan"), ("scanClause", "dc.title = 湿地"), ("maximumTerms", "5"), ("responsePosition", "2"));
        var titleTerms = titles.Descendants(Sru12 + "term").Select(t => t.Element(Sru12 + "value")!.Value).ToList();
        Assert.That(titleTerms, Has.Count.EqualTo(5));
        Assert.That(titleTerms[1], Is.EqualTo("湿地"), "responsePosition 2 puts the start term second");
        Assert.That(titleTerms, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(titles.Descendants(Sru12 + "term").ElementAt(1).Element(Sru12 + "numberOfRecords")!.Value, Is.EqualTo("9"));

        var subjects = await SruAsync(("scanClause", "dc.subject = 遥感"), ("maximumTerms", "1"));
        Assert.That(subjects.Descendants(Scan2 + "term").Single().Element(Scan2 + "numberOfRecords")!.Value, Is.EqualTo("2"));
    }

    [TestCase("scanClause=" + "dc.date%3D2015", 16)]
    [TestCase("scanClause=" + "dc.title%3D%28", 10)]
    [TestCase("scanClause=" + "dc.title%3Da%20and%20dc.title%3Db", 10)]
    [TestCase("scanClause=" + "dc.title%3Da&maximumTerms=5000", 121)]
    [TestCase("scanClause=" + "dc.title%3Da&maximumTerms=3&responsePosition=9", 120)]
    [TestCase("operation=scan", 7)]
    public async Task Bad_scans_are_diagnostics(string parameters, int number)
    {
        var doc = await GetAsync(_client, "/sru?" + parameters);
        Assert.That(doc.Root!.Name, Is.EqualTo(Scan2 + "scanResponse"));
        Assert.That(DiagnosticUris(doc), Is.EqualTo(new[] { $"info:srw/diagnostic/1/{number}" }));
    }

    [Test]
    public async Task Characters_xml_cannot_hold_do_not_break_the_answer()
    {
        var doc = await GetAsync(_client, "/sru?query=" + Uri.EscapeDataString("dc.title = \"湿地\u0001\u0000\"") + "&recordSchema=%01");
        Assert.That(DiagnosticUris(doc), Is.EqualTo(new[] { "info:srw/diagnostic/1/66" }));
        var scan = await GetAsync(_client, "/sru?scanClause=" + Uri.EscapeDataString("dc.title = \u0002"));
        Assert.That(DiagnosticUris(scan), Is.Empty);
    }

    [Test]
    public async Task Queries_over_the_search_budget_are_diagnostics()
    {
        var manyTerms = "dc.title any \"" + string.Join(" ", Enumerable.Range(0, 300).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\"";
        Assert.That(DiagnosticUris(await SruAsync(("query", manyTerms))), Is.EqualTo(new[] { "info:srw/diagnostic/1/10" }), "more terms than the search takes");
        var deep = "dc.title = w0";
        for (var i = 1; i <= 40; i++)
        {
            deep = $"dc.title = w{i} {(i % 2 == 0 ? "and" : "or")} ({deep})";
        }

        Assert.That(DiagnosticUris(await SruAsync(("query", deep))), Is.EqualTo(new[] { "info:srw/diagnostic/1/10" }), "nested deeper than the search takes");
        var tooLong = "dc.title = " + new string('湿', 3000);
        Assert.That(DiagnosticUris(await SruAsync(("query", tooLong))), Is.EqualTo(new[] { "info:srw/diagnostic/1/12" }));
    }

    [Test]
    public async Task Post_is_answered_like_get()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["query"] = "dc.creator = 赵云", ["version"] = "2.0" });
        var response = await _client.PostAsync("/sru", form);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(NumberOfRecords(doc), Is.EqualTo(2));
    }
}

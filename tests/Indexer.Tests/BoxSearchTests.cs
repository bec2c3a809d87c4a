using System.Text;
using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests;

public class BoxSearchTests
{
    private CatalogIndex _index = null!;
    private SearchService _search = null!;
    private readonly CatalogRecord _hubei = TestRecords.Make("1", "湖北省科技信息研究院年度报告", year: 2019, type: RecordTypes.Report);
    private readonly CatalogRecord _wuhan = TestRecords.Make("2", "武汉大学图书馆的数字资源建设", year: 2021, abstractText: "介绍武汉大学图书馆的数字资源。");
    private readonly CatalogRecord _script = TestRecords.Make("3", "<script>alert('x')</script> & Deep Learning: a survey?", year: 2018, language: "eng",
        abstractText: "We survey <b>deep learning</b> methods for 图像识别 in \U00020BB7野家 kitchens.");
    private readonly CatalogRecord _punct = TestRecords.Make("4", "基于BP神经网络的C++/C#代码[缺陷]预测：方法与实践（第2版）", year: null, doi: "10.1234/ABC.2020-17", source: "other");
    private readonly CatalogRecord _english = TestRecords.Make("5", "Pride and Prejudice: Models of Information Retrieval", year: 2015, language: "eng", type: RecordTypes.Book);

    [OneTimeSetUp]
    public void SetUp()
    {
        _index = CatalogIndex.InMemory();
        _index.Upsert([_hubei, _wuhan, _script, _punct, _english]);
        _search = new SearchService(_index);
    }

    [OneTimeTearDown]
    public void TearDown() => _index.Dispose();

    private List<string> Ids(string query) => _search.Search(new SearchRequest { Query = query }).Hits.Select(h => h.Id).ToList();

    [Test]
    public void Hubei_finds_hubei_province()
    {
        Assert.That(Ids("湖北"), Is.EqualTo(new List<string> { _hubei.Id }));
        Assert.That(Ids("湖"), Is.EqualTo(new List<string> { _hubei.Id }));
        Assert.That(Ids("北省科"), Is.EqualTo(new List<string> { _hubei.Id }), "across SmartCn word boundaries");
    }

    [Test]
    public void SmartCn_words_find_a_run_that_is_not_contiguous_in_the_text()
    {
        Assert.That(Ids("武汉大学图书馆数字资源"), Does.Contain(_wuhan.Id));
        Assert.That(Ids("武汉大学图书馆数字资源"), Has.None.EqualTo(_hubei.Id));
    }

    [Test]
    public void Implicit_and_or_and_not()
    {
        Assert.That(Ids("湖北 武汉"), Is.Empty);
        Assert.That(Ids("湖北 OR 武汉"), Is.EquivalentTo(new[] { _hubei.Id, _wuhan.Id }));
        Assert.That(Ids("报告 OR 建设 -湖北"), Is.EqualTo(new List<string> { _wuhan.Id }));
        Assert.That(Ids("报告 OR 建设 NOT 武汉"), Is.EqualTo(new List<string> { _hubei.Id }));
        Assert.That(Ids("-湖北"), Has.Count.EqualTo(4));
    }

    [Test]
    public void Fragments_cut_inside_latin_words_and_numbers_find_the_title()
    {
        Assert.That(Ids("etrieval"), Is.EqualTo(new List<string> { _english.Id }));
        Assert.That(Ids("ejudic"), Is.EqualTo(new List<string> { _english.Id }));
        Assert.That(Ids("nformation Retrieval"), Is.EqualTo(new List<string> { _english.Id }));
        Assert.That(Ids("P神经网络的C"), Is.EqualTo(new List<string> { _punct.Id }));
        Assert.That(Ids("rieval Modelz"), Is.Empty, "every word must still be there");
        Assert.That(Ids("Pride and Prejudice: Models of Information Retrieval"), Is.EqualTo(new List<string> { _english.Id }));
        Assert.That(Ids("trievals"), Is.Empty);
        Assert.That(Ids("odels"), Is.Empty, "a short plain word alone matches whole words only");
    }

    [Test]
    public void Only_the_first_and_last_of_several_words_may_be_cut_inside_a_word()
    {
        Assert.That(Ids("ejudice Models nformation"), Is.EqualTo(new List<string> { _english.Id }), "the edges may be cut");
        Assert.That(Ids("Pride ejudice Models"), Is.Empty, "a word between two others is a whole word");
        Assert.That(Ids("Pride rejudice"), Is.EqualTo(new List<string> { _english.Id }));
    }

    [Test]
    public void A_minus_before_a_digit_or_in_a_pasted_fragment_is_text_not_negation()
    {
        Assert.That(Ids("-2版"), Is.EqualTo(new List<string> { _punct.Id }));
        Assert.That(Ids("-湖北省科技"), Is.EqualTo(new List<string> { _hubei.Id }));
        Assert.That(Ids("-BP神经"), Is.EqualTo(new List<string> { _punct.Id }));
        Assert.That(Ids("-湖北"), Has.Count.EqualTo(4), "a short word alone is still excluded");
        Assert.That(Ids("报告 OR 建设 -湖北省科技"), Is.EqualTo(new List<string> { _wuhan.Id }), "beside other words it still excludes");
        Assert.That(Ids("-\"information retrieval\""), Has.None.EqualTo(_english.Id));
    }

    [Test]
    public void Quoted_phrases_must_be_contiguous()
    {
        Assert.That(Ids("\"information retrieval\""), Is.EqualTo(new List<string> { _english.Id }));
        Assert.That(Ids("\"retrieval information\""), Is.Empty);
        Assert.That(Ids("“科技信息”"), Is.EqualTo(new List<string> { _hubei.Id }));
        Assert.That(Ids("\"pride models"), Is.Empty, "an unclosed quote runs to the end");
    }

    [Test]
    public void Latin_words_match_unstemmed_and_case_insensitive()
    {
        Assert.That(Ids("MODELS"), Is.EqualTo(new List<string> { _english.Id }));
        Assert.That(Ids("model"), Is.Empty, "no stemming");
        Assert.That(Ids("Smith"), Has.Count.EqualTo(5), "authors are searched");
    }

    [TestCase("基于BP神经网络的C++/C#代码[缺陷]预测：方法与实践（第2版）")]
    [TestCase("基于BP神经网络的C++/C#代码[缺陷]预测: 方法与实践 (第2版)")]
    [TestCase("C++ 代码 缺陷")]
    [TestCase("神经网络 && 预测 || {方法} ^2 ~ * ? \\ / + -")]
    public void Pasted_titles_with_punctuation_find_their_record(string query)
    {
        Assert.That(Ids(query).FirstOrDefault(), Is.EqualTo(_punct.Id));
    }

    [TestCase("10.1234/abc.2020-17")]
    [TestCase("https://doi.org/10.1234/ABC.2020-17")]
    public void Identifiers_match_exactly(string query)
    {
        Assert.That(Ids(query).FirstOrDefault(), Is.EqualTo(_punct.Id));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("？？？")]
    public void Empty_query_matches_everything(string query)
    {
        Assert.That(_search.Search(new SearchRequest { Query = query }).Total, Is.EqualTo(5));
    }

    [Test]
    public void Highlights_escape_partner_text()
    {
        var hit = _search.Search(new SearchRequest { Query = "script deep" }).Hits.Single();
        Assert.That(hit.Title, Does.StartWith("<script>"), "the plain title stays plain");
        Assert.That(hit.Highlights["title"], Is.EqualTo("&lt;<em>script</em>&gt;alert(&#39;x&#39;)&lt;/<em>script</em>&gt; &amp; <em>Deep</em> Learning: a survey?"));
        Assert.That(hit.Highlights["abstract"], Does.Contain("&lt;b&gt;<em>deep</em>"));
    }

    [Test]
    public void Highlights_never_split_surrogate_pairs()
    {
        var hit = _search.Search(new SearchRequest { Query = "\U00020BB7野" }).Hits.Single();
        Assert.That(hit.Id, Is.EqualTo(_script.Id));
        Assert.That(hit.Highlights["abstract"], Does.Contain("<em>\U00020BB7野</em>"));
        var tiny = new SearchService(_index, new SearchOptions { AbstractFragmentLength = 7 });
        foreach (var text in tiny.Search(new SearchRequest { Query = "野家" }).Hits.Single().Highlights.Values)
        {
            Assert.That(IsWellFormed(text), Is.True, text);
        }
    }

    [Test]
    public void Facets_and_filters()
    {
        var result = _search.Search(new SearchRequest());
        Assert.That(result.Facets.Type[0], Is.EqualTo(new FacetValue(RecordTypes.JournalArticle, 3)));
        Assert.That(result.Facets.Type.Sum(f => f.Count), Is.EqualTo(5));
        Assert.That(result.Facets.Source, Is.EqualTo(new[] { new FacetValue("demo", 4), new FacetValue("other", 1) }));
        Assert.That(result.Facets.Year.Select(f => f.Value), Is.EqualTo(new[] { "2021", "2019", "2018", "2015" }));
        Assert.That(_search.Search(new SearchRequest { Types = [RecordTypes.Report, RecordTypes.Book] }).Total, Is.EqualTo(2));
        Assert.That(_search.Search(new SearchRequest { YearFrom = 2018, YearTo = 2019 }).Total, Is.EqualTo(2));
        Assert.That(_search.Search(new SearchRequest { YearFrom = 2019 }).Total, Is.EqualTo(2));
        Assert.That(_search.Search(new SearchRequest { Languages = ["eng"] }).Total, Is.EqualTo(2));
    }

    [Test]
    public void Year_sorts_put_records_without_a_year_last()
    {
        var desc = _search.Search(new SearchRequest { Sort = SearchSort.YearDescending }).Hits;
        var asc = _search.Search(new SearchRequest { Sort = SearchSort.YearAscending }).Hits;
        Assert.That(desc.Select(h => h.Year), Is.EqualTo(new int?[] { 2021, 2019, 2018, 2015, null }));
        Assert.That(asc.Select(h => h.Year), Is.EqualTo(new int?[] { 2015, 2018, 2019, 2021, null }));
    }

    [Test]
    public void Random_garbage_never_throws()
    {
        const string alphabet = "ab Z09湖北省科技:()[]{}^~*?\\/+-&&||\"'“”！？：（）【】—…·\u3000\t\n<>%$#@!=;,.。，、OR NOT AND";
        var random = new Random(42);
        for (var i = 0; i < 1500; i++)
        {
            var length = random.Next(0, 40);
            var text = new StringBuilder();
            for (var j = 0; j < length; j++)
            {
                var roll = random.Next(100);
                if (roll < 3)
                {
                    text.Append((char)random.Next(0xD800, 0xE000)); // lone surrogate halves
                }
                else if (roll < 6)
                {
                    text.Append(char.ConvertFromUtf32(random.Next(0x20000, 0x2A6DF)));
                }
                else if (roll < 9)
                {
                    text.Append((char)random.Next(0x20, 0xFFFF) is var c && !char.IsSurrogate(c) ? c : 'x');
                }
                else
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }
            }

            var query = text.ToString();
            Assert.DoesNotThrow(
                () => _search.Search(new SearchRequest { Query = query, Page = random.Next(-3, 5), Size = random.Next(-5, 500) }),
                query);
        }
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

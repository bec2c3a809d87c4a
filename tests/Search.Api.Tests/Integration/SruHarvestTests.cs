using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;
using Search.Api.Tests.Peers;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Integration;

/// <summary>
/// Harvests a real SRU target (Index Data's Zebra on 127.0.0.1, loaded with MARCXML made for this test from
/// CSL rows) through the librarian API, then finds the records by title, author and ISBN.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class SruHarvestTests
{
    private const string Source = "union-catalogue";
    private const int RecordCount = 120;

    private static readonly string[] Surnames = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "公孙", "慕容", "尉迟", "长孙", "宇文"];
    private static readonly string[] GivenNames = ["雨桐", "子涵", "思远", "明哲", "嘉怡", "浩然", "若溪", "俊杰", "静姝", "文轩"];

    [Test]
    public async Task Records_of_a_real_SRU_target_are_harvested_page_by_page_and_found_by_title_author_and_isbn()
    {
        var books = Books().ToList();
        await using var zebra = await ZebraServer.StartAsync(Collection(books));
        using var app = new SearchApp();
        await app.PutSourceAsync(Source, "sru", new { baseUrl = zebra.BaseUrl.ToString(), query = "cql.allRecords = 1", recordSchema = "marcxml", maximumRecords = 25, http = new { politenessDelaySeconds = 0 } });

        var run = await app.HarvestAsync(Source);
        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
            Assert.That(run["harvested"]!.GetValue<int>(), Is.EqualTo(RecordCount));
            Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(RecordCount));
            Assert.That(run["quarantined"]!.GetValue<int>(), Is.Zero);
        });

        foreach (var book in books.Where((_, i) => i % 10 == 0))
        {
            var id = RecordIds.For(Source, book.ControlNumber);
            Assert.That(SearchApp.HitIds(await app.SearchAsync(book.Title)).FirstOrDefault(), Is.EqualTo(id), $"title {book.Title}");
            Assert.That(SearchApp.HitIds(await app.SearchAsync(book.Isbn)), Does.Contain(id), $"ISBN {book.Isbn}");
            Assert.That(SearchApp.HitIds(await app.SearchAsync($"{book.Author} {book.Title}")).FirstOrDefault(), Is.EqualTo(id), $"author {book.Author}");
            var byAuthor = await app.SearchAsync(book.Author, "&size=100");
            Assert.That(SearchApp.HitIds(byAuthor), Does.Contain(id), $"author alone {book.Author}");
        }

        // A second run is a new full pass: nothing new, nothing changed.
        var second = await app.HarvestAsync(Source);
        Assert.Multiple(() =>
        {
            Assert.That(second["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), second.ToJsonString());
            Assert.That(second["harvested"]!.GetValue<int>(), Is.EqualTo(RecordCount));
            Assert.That(second["new"]!.GetValue<int>(), Is.Zero);
        });
    }

    [Test]
    public async Task Dublin_Core_records_of_the_target_are_harvested_too()
    {
        var books = Books().Take(30).ToList();
        await using var zebra = await ZebraServer.StartAsync(Collection(books));
        using var app = new SearchApp();
        await app.PutSourceAsync(Source, "sru", new { baseUrl = zebra.BaseUrl.ToString(), query = "cql.allRecords = 1", recordSchema = "dc", version = "2.0", http = new { politenessDelaySeconds = 0 } });

        var run = await app.HarvestAsync(Source);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        Assert.That(run["new"]!.GetValue<int>(), Is.EqualTo(30));
        var book = books[7];
        var hit = await app.SearchAsync(book.Title);
        Assert.That(SearchApp.HitTitles(hit).FirstOrDefault(), Is.EqualTo(book.Title));
    }

    [Test]
    public async Task A_query_the_target_cannot_parse_fails_the_run_with_the_SRU_diagnostic()
    {
        await using var zebra = await ZebraServer.StartAsync(Collection(Books().Take(3)));
        using var app = new SearchApp();
        await app.PutSourceAsync(Source, "sru", new { baseUrl = zebra.BaseUrl.ToString(), query = "dc.title = (", recordSchema = "marcxml", http = new { politenessDelaySeconds = 0, maxAttempts = 1 } });

        var run = await app.HarvestAsync(Source);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(run["errors"]!.ToJsonString(), Does.Contain("info:srw/diagnostic/1/10").And.Contain("Query syntax error"));
    }

    private sealed record Book(string ControlNumber, string Title, string Author, string Isbn, string Abstract, int Year);

    /// <summary>Books the team has not seen: CSL titles and abstracts with made-up authors and ISBNs.</summary>
    private static IEnumerable<Book> Books()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "csl", "csl-dev-1000.jsonl");
        var i = 0;
        foreach (var line in File.ReadLines(path).Skip(300).Take(RecordCount))
        {
            using var row = JsonDocument.Parse(line);
            var title = row.RootElement.GetProperty("title").GetString()!;
            var summary = row.RootElement.GetProperty("abstract").GetString()!;
            var author = Surnames[i % Surnames.Length] + GivenNames[i / Surnames.Length % GivenNames.Length];
            yield return new Book($"sru-{i:D4}", title, author, Isbn13(i), summary, 2010 + (i % 11));
            i++;
        }
    }

    private static string Isbn13(int n)
    {
        var digits = "9787" + (500000000 + (n * 7919)).ToString("D8", CultureInfo.InvariantCulture)[..8];
        var sum = digits.Select((c, k) => (c - '0') * (k % 2 == 0 ? 1 : 3)).Sum();
        return digits + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    private static string Collection(IEnumerable<Book> books)
    {
        static string X(string s) => SecurityElement.Escape(s);
        var xml = new StringBuilder("<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n");
        foreach (var b in books)
        {
            var year = b.Year.ToString(CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"""
                <record>
                  <leader>00000nam a2200000 i 4500</leader>
                  <controlfield tag="001">{b.ControlNumber}</controlfield>
                  <controlfield tag="008">200810s{year}    cc a   a      000 0 chi  </controlfield>
                  <datafield tag="020" ind1=" " ind2=" "><subfield code="a">{b.Isbn}</subfield></datafield>
                  <datafield tag="100" ind1="1" ind2=" "><subfield code="a">{X(b.Author)}</subfield></datafield>
                  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">{X(b.Title)}</subfield></datafield>
                  <datafield tag="264" ind1=" " ind2="1"><subfield code="b">科学出版社</subfield><subfield code="c">{year}</subfield></datafield>
                  <datafield tag="520" ind1=" " ind2=" "><subfield code="a">{X(b.Abstract)}</subfield></datafield>
                </record>

                """);
        }

        return xml.Append("</collection>\n").ToString();
    }
}

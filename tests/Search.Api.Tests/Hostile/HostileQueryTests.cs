using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Hostile;

/// <summary>
/// The probes of the reliability issue that gave 500s or took seconds: cursors reused with another sort or
/// forged, queries with more terms than Lucene's clause limit, and advanced forms of many long rows. Each
/// must be a 400 whose message names what was wrong.
/// </summary>
[TestFixture]
[NonParallelizable]
public class HostileQueryTests
{
    private SearchApp _app = null!;

    [OneTimeSetUp]
    public async Task HarvestTheDemoDumps() => _app = await SearchApp.WithCslDemoAsync();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string pathAndQuery) => _app.GetJsonAsync(pathAndQuery);

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAdvancedAsync(object form)
    {
        using var client = _app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/search/advanced", form);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string Cursor(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Test]
    public async Task A_relevance_cursor_reused_with_another_sort_is_a_400_that_says_so()
    {
        var first = await _app.SearchAsync("研究", "&size=5");
        var next = first["next"]!.GetValue<string>();

        var (status, body) = await GetAsync("/api/search?q=研究&size=5&sort=year&after=" + next);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That(body["detail"]!.GetValue<string>(), Does.Contain("another sort order"));

        var (advanced, advancedBody) = await PostAdvancedAsync(new { rows = new[] { new { terms = "研究" } }, size = 5, sort = "year", after = next });
        Assert.That(advanced, Is.EqualTo(HttpStatusCode.BadRequest), advancedBody.ToJsonString());
        Assert.That(advancedBody["detail"]!.GetValue<string>(), Does.Contain("another sort order"));

        var (same, _) = await GetAsync("/api/search?q=研究&size=5&after=" + next);
        Assert.That(same, Is.EqualTo(HttpStatusCode.OK), "the cursor still serves the sort it was made for");
    }

    [TestCase("score,year-,id|sAAAA|i1|f1", TestName = "forged cursor: values of the wrong types")]
    [TestCase("score,year-,id|n|n|n", TestName = "forged cursor: missing values")]
    [TestCase("score,year-,id|fNaN|i2020|sAAA=", TestName = "forged cursor: not a number for the score")]
    [TestCase("score,year-,id|f1|i99999999999|sAAA=", TestName = "forged cursor: a year beyond int")]
    [TestCase("score,year-,id|f1|i2020", TestName = "forged cursor: too few values")]
    [TestCase("year-,score,id|i2020|f1|sAAA=", TestName = "forged cursor: another sort's values")]
    public async Task A_forged_cursor_is_a_400(string decoded)
    {
        var (status, body) = await GetAsync("/api/search?q=研究&after=" + Cursor(decoded));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That(body["detail"]!.GetValue<string>(), Does.StartWith("after:"));
    }

    [Test]
    public async Task A_cursor_of_invalid_utf8_is_a_400()
    {
        var bytes = Convert.ToBase64String([0xff, 0xfe, 0x7c, 0x80]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var (status, _) = await GetAsync("/api/search?q=研究&after=" + bytes);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>520 distinct one-character terms in the box and 520 more in an earlier query: over Lucene's 1,024 clauses.</summary>
    [Test]
    public async Task Too_many_terms_are_a_400_naming_the_limit()
    {
        var terms = string.Join(' ', Enumerable.Range(0x4E00, 520).Select(c => ((char)c).ToString()));
        var others = string.Join(' ', Enumerable.Range(0x5E00, 520).Select(c => ((char)c).ToString()));
        var (status, body) = await GetAsync($"/api/search?q={Uri.EscapeDataString(terms)}&within={Uri.EscapeDataString(others)}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That(body["detail"]!.GetValue<string>(), Does.Contain("more than 128 terms"));

        var (expert, expertBody) = await GetAsync("/api/search?syntax=expert&q=" + Uri.EscapeDataString(string.Join("+", Enumerable.Range(0x4E00, 300).Select(c => "TI=" + (char)c))));
        Assert.That(expert, Is.EqualTo(HttpStatusCode.BadRequest), expertBody.ToJsonString());
        Assert.That(expertBody["detail"]!.GetValue<string>(), Does.Contain("terms"));
    }

    [Test]
    public async Task Within_a_budget_many_terms_still_search()
    {
        var terms = string.Join(' ', Enumerable.Range(0x4E00, 100).Select(c => ((char)c).ToString()));
        var (status, body) = await GetAsync("/api/search?q=" + Uri.EscapeDataString(terms + " OR 研究"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
    }

    /// <summary>20 OR rows of 2,000 characters and ten earlier queries: refused by the character budget, not searched for seconds.</summary>
    [Test]
    public async Task An_advanced_form_of_many_long_rows_is_a_400_naming_the_limit()
    {
        var row = string.Concat(Enumerable.Repeat("神经网络模型预测研究方法", 170))[..2000];
        var rows = Enumerable.Range(0, 20).Select(i => new { op = "OR", field = "TI", terms = row }).ToArray();
        var (status, body) = await PostAdvancedAsync(new { rows, within = Enumerable.Repeat(row, 10).ToArray() });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That(body["detail"]!.GetValue<string>(), Does.Contain("4000 characters"));
    }

    /// <summary>As deep as the length limit lets brackets go, in each syntax: an answer, never a server error.</summary>
    [TestCase("expert", "TI=研究", TestName = "deep brackets: expert")]
    [TestCase("cql", "dc.title=研究", TestName = "deep brackets: cql")]
    [TestCase("simple", "研究", TestName = "deep brackets: box")]
    public async Task Brackets_as_deep_as_the_length_limit_allows_are_no_server_error(string syntax, string inner)
    {
        var deep = new string('(', 996) + inner + new string(')', 996);
        deep = deep[..Math.Min(deep.Length, 2000)];
        var (status, body) = await GetAsync($"/api/search?syntax={syntax}&q=" + Uri.EscapeDataString(deep));
        Assert.That((int)status, Is.LessThan(500), body.ToJsonString());
        var (nested, nestedBody) = await GetAsync($"/api/search?syntax={syntax}&q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("(" + inner + " OR ", 40)) + inner + new string(')', 40)));
        Assert.That((int)nested, Is.LessThan(500), nestedBody.ToJsonString());
    }
}

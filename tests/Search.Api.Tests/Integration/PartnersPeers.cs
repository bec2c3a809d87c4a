using System.Globalization;
using System.Net;
using System.Text.Json;
using Search.Api.Tests.Peers;

namespace Search.Api.Tests.Integration;

/// <summary>
/// The local partners of the integration tests: an NSTL-like JSON API served by <see cref="FixtureHttpServer"/>
/// (page/pageSize paging, an API key header required) and the standards catalogue pages of TestData.
/// </summary>
internal sealed class NstlApi
{
    public const string Path = "/openapi/v1/documents";
    public const string KeyHeader = "X-Nstl-Key";

    private IReadOnlyList<ProviderRecord> _records;

    public NstlApi(IReadOnlyList<ProviderRecord> records, string key)
    {
        _records = records;
        Key = key;
    }

    public string Key { get; }

    public IReadOnlyList<ProviderRecord> Records
    {
        get => Volatile.Read(ref _records);
        set => Volatile.Write(ref _records, value);
    }

    public static string ExternalId(ProviderRecord record) => "NSTL-" + record.Id;

    public void MapOn(FixtureHttpServer server) => server.Map(Path, Answer);

    /// <summary>The source settings for this API at <paramref name="baseUrl"/> (the server, or a proxy in front of it).</summary>
    public static object Settings(Uri baseUrl, string keyEnv, object? http = null) => new
    {
        url = new Uri(baseUrl, Path + "?db=journal").ToString(),
        paging = new { mode = "page", pageParam = "page", sizeParam = "pageSize", pageSize = 25, firstPage = 1 },
        recordsPath = "data.items",
        idPath = "id",
        datePath = "updatedAt",
        fields = new Dictionary<string, string>
        {
            ["title"] = "title.zh",
            ["authors"] = "$.creators[*].name",
            ["keywords"] = "keywords",
            ["abstract"] = "abstract",
            ["year"] = "year",
            ["type"] = "docType",
            ["identifiers"] = "csl",
            ["language"] = "lang",
        },
        apiKey = new { header = KeyHeader, env = keyEnv },
        http = http ?? new { timeoutSeconds = 10, maxAttempts = 3, baseDelaySeconds = 0.05, maxDelaySeconds = 2, politenessDelaySeconds = 0 },
    };

    private FixtureResponse Answer(HttpListenerRequest request)
    {
        if (request.Headers[KeyHeader] != Key)
        {
            return FixtureResponse.Text("""{"code": 401, "message": "invalid api key"}""", "application/json", 401);
        }

        var page = int.Parse(request.QueryString["page"] ?? "1", CultureInfo.InvariantCulture);
        var size = int.Parse(request.QueryString["pageSize"] ?? "20", CultureInfo.InvariantCulture);
        var all = Records;
        var items = all.Skip((page - 1) * size).Take(size).Select(r => new
        {
            id = ExternalId(r),
            title = new { zh = r.Titles[0], en = (string?)null },
            creators = r.Creators.Select(c => new { name = c, org = "中国科学技术信息研究所" }),
            keywords = r.Subjects,
            @abstract = r.Description,
            year = int.Parse(r.Date!, CultureInfo.InvariantCulture),
            docType = "期刊论文",
            csl = r.Identifiers,
            lang = "zh",
            updatedAt = r.Datestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        var body = JsonSerializer.Serialize(new { code = 0, message = "ok", data = new { total = all.Count, page, pageSize = size, items } });
        return FixtureResponse.Text(body, "application/json; charset=utf-8");
    }
}

/// <summary>The standards catalogue fixture pages, copied to a folder the test may change.</summary>
internal sealed class StandardsSite : IDisposable
{
    public StandardsSite()
    {
        Root = Directory.CreateTempSubdirectory("standards-site-").FullName;
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "standards");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Root, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public const string StartPath = "std/list-1.html";

    public static object Settings(Uri baseUrl, object? http = null) => new
    {
        startUrl = new Uri(baseUrl, StartPath).ToString(),
        selectors = new
        {
            detailLink = "table.result-table td.std-no a",
            nextPage = ".pagination a.next",
            fields = new Dictionary<string, string>
            {
                ["number"] = "#std-code",
                ["titleZh"] = "#title-cn",
                ["titleEn"] = "#title-en",
                ["status"] = ".std-status",
                ["issueDate"] = "#issue-date",
                ["implementationDate"] = "#impl-date",
                ["replaces"] = "#replaced a",
                ["replacedBy"] = "#replaced-by a",
                ["ics"] = "#ics",
                ["ccs"] = "#ccs",
                ["issuer"] = "#issued-by",
                ["abstract"] = "#summary",
            },
        },
        http = http ?? new { timeoutSeconds = 10, maxAttempts = 3, baseDelaySeconds = 0.05, maxDelaySeconds = 2, politenessDelaySeconds = 0 },
    };

    /// <summary>Takes the row linking to <paramref name="detailFile"/> off its list page (the catalogue withdrew it).</summary>
    public void Withdraw(string listFile, string detailFile)
    {
        var path = System.IO.Path.Combine(Root, "std", listFile);
        var html = File.ReadAllText(path);
        var link = html.IndexOf($"detail/{detailFile}", StringComparison.Ordinal);
        var start = html.LastIndexOf("<tr>", link, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", link, StringComparison.Ordinal) + "</tr>".Length;
        File.WriteAllText(path, html[..start] + html[end..]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

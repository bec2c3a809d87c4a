using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Search.Api.Tests.Support;

namespace Search.Api.Tests.Oai;

/// <summary>
/// The engine in-process with a fake clock of its own, on a folder that may outlive it (a second instance on the
/// same folder is the engine after a restart), and intent methods: write an OAI-PMH dump, harvest it, ask /oai.
/// </summary>
public sealed class OaiApp : WebApplicationFactory<Program>
{
    public const string RepositoryIdentifier = "kjwx.test.org";
    public const string AdminUser = "librarian";
    public const string AdminPassword = "oai-test-password";

    private readonly bool _ownsRoot;
    private readonly int _pageSize;

    private readonly string? _postgres;

    /// <summary>On SQLite in the folder, or on <paramref name="postgres"/> (a connection string) when given.</summary>
    public OaiApp(FakeTimeProvider time, string? root = null, int pageSize = 100, string? postgres = null)
    {
        _postgres = postgres;
        Time = time;
        _ownsRoot = root is null;
        Root = root ?? Path.Combine(Path.GetTempPath(), "oai-app-" + Guid.NewGuid().ToString("N"));
        _pageSize = pageSize;
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        Directory.CreateDirectory(Path.Combine(Root, "config", "sources"));
        Directory.CreateDirectory(Path.Combine(Root, "dumps"));
    }

    public FakeTimeProvider Time { get; }

    public string Root { get; }

    public static string Identifier(string workId) => $"oai:{RepositoryIdentifier}:{workId}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Search:DataDirectory", Path.Combine(Root, "data"));
        builder.UseSetting("Search:ConfigDirectory", Path.Combine(Root, "config"));
        builder.UseSetting("Search:FileSources:AllowedFolders:0", Root);
        builder.UseSetting("Search:Admin:User", AdminUser);
        builder.UseSetting("Search:Admin:Password", AdminPassword);
        builder.UseSetting("Search:HarvestNewConfiguredSources", "false");
        builder.UseSetting("Search:Oai:RepositoryIdentifier", RepositoryIdentifier);
        builder.UseSetting("Search:Oai:PageSize", _pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Search:Oai:TokenLifetime", "01:00:00");
        if (_postgres is not null)
        {
            builder.UseSetting("Search:Database:Provider", "Postgres");
            builder.UseSetting("Search:Database:ConnectionString", _postgres);
        }

        builder.UseEnvironment("Development");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    /// <summary>Writes <paramref name="file"/> into the source's dump folder (a new or changed file is read by the next harvest).</summary>
    public void WriteDump(string sourceId, string file, string xml)
    {
        var folder = Path.Combine(Root, "dumps", sourceId);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), xml, new UTF8Encoding(false));
    }

    /// <summary>Defines the source as a file source of its dump folder (once) and harvests it, waiting for the run and the index.</summary>
    public async Task HarvestAsync(string sourceId, string name)
    {
        using var admin = AdminClient();
        var put = await admin.PutAsJsonAsync($"/api/admin/sources/{sourceId}", new
        {
            name,
            connector = "file",
            settings = new { path = Path.Combine(Root, "dumps", sourceId), format = "oai-pmh" },
            schedule = (string?)null,
        });
        Assert.That(put.IsSuccessStatusCode, Is.True, await put.Content.ReadAsStringAsync());
        var started = await admin.PostAsync($"/api/admin/sources/{sourceId}/harvests", null);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
        var run = await Eventually.WaitAsync(
            async () =>
            {
                var r = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                return r!["status"]!.GetValue<string>() == "running" ? null : r;
            },
            TimeSpan.FromSeconds(120),
            $"harvest run {runId} to finish");
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
    }

    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
        return client;
    }

    /// <summary>GET /oai with the arguments; the answer must be 200, text/xml and well formed (DTDs prohibited).</summary>
    public async Task<XDocument> OaiAsync(params (string Name, string Value)[] arguments)
    {
        using var client = CreateClient();
        return await OaiResponses.ReadAsync(await client.GetAsync(OaiResponses.Url(arguments)));
    }

    /// <summary>POST /oai with the arguments as a form.</summary>
    public async Task<XDocument> OaiPostAsync(params (string Name, string Value)[] arguments)
    {
        using var client = CreateClient();
        using var form = new FormUrlEncodedContent(arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        return await OaiResponses.ReadAsync(await client.PostAsync("/oai", form));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownsRoot)
        {
            DeleteRoot();
        }
    }

    /// <summary>Removes the folder (for a test that made the folder itself and ran several instances on it).</summary>
    public void DeleteRoot()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Reading OAI-PMH answers in tests.</summary>
public static class OaiResponses
{
    public static readonly XNamespace Pmh = "http://www.openarchives.org/OAI/2.0/";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public static readonly XNamespace OaiDc = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Marc = "http://www.loc.gov/MARC21/slim";

    public static string Url(params (string Name, string Value)[] arguments) =>
        "/oai" + (arguments.Length == 0 ? "" : "?" + string.Join("&", arguments.Select(a => a.Name + "=" + Uri.EscapeDataString(a.Value))));

    /// <summary>200, text/xml, well formed, the OAI-PMH root with its schema location, responseDate and request.</summary>
    public static async Task<XDocument> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"), body);
        using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var doc = XDocument.Load(reader);
        Assert.That(doc.Root!.Name, Is.EqualTo(Pmh + "OAI-PMH"), body);
        Assert.That((string?)doc.Root.Attribute(Xsi + "schemaLocation"), Is.EqualTo("http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"));
        var children = doc.Root.Elements().ToList();
        Assert.That(children[0].Name, Is.EqualTo(Pmh + "responseDate"), body);
        Assert.That(children[0].Value, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        Assert.That(children[1].Name, Is.EqualTo(Pmh + "request"), body);
        Assert.That(children[1].Value, Does.EndWith("/oai"));
        var rest = children.Skip(2).ToList();
        Assert.That(rest.Count > 0 && (rest.All(e => e.Name == Pmh + "error") || (rest.Count == 1 && rest[0].Name.Namespace == Pmh)), Is.True, body);
        return doc;
    }

    public static IReadOnlyList<string> ErrorCodes(XDocument doc) =>
        doc.Root!.Elements(Pmh + "error").Select(e => (string)e.Attribute("code")!).ToList();

    public static XElement Request(XDocument doc) => doc.Root!.Element(Pmh + "request")!;

    public static IReadOnlyList<XElement> Headers(XDocument doc) => doc.Descendants(Pmh + "header").ToList();

    public static XElement? Token(XDocument doc) => doc.Descendants(Pmh + "resumptionToken").SingleOrDefault();

    public static string Id(XElement header) => header.Element(Pmh + "identifier")!.Value;

    public static bool IsDeleted(XElement header) => (string?)header.Attribute("status") == "deleted";
}

/// <summary>Dumps of OAI-PMH ListRecords answers written by the tests: Dublin Core records, some deleted.</summary>
public static class OaiDump
{
    public sealed record Item(string Id, string Title, int Year, string? Doi = null, bool Deleted = false, string Creator = "张伟");

    public static string ListRecords(params Item[] items)
    {
        var records = string.Concat(items.Select(i => i.Deleted
            ? $"""
              <record><header status="deleted"><identifier>{i.Id}</identifier><datestamp>2026-01-20T00:00:00Z</datestamp></header></record>
              """
            : $"""
              <record><header><identifier>{i.Id}</identifier><datestamp>2026-01-15T00:00:00Z</datestamp></header>
              <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <dc:title>{System.Security.SecurityElement.Escape(i.Title)}</dc:title><dc:creator>{i.Creator}</dc:creator>
              <dc:type>期刊论文</dc:type><dc:date>{i.Year}</dc:date><dc:language>chi</dc:language>
              {(i.Doi is null ? "" : $"<dc:identifier>https://doi.org/{i.Doi}</dc:identifier>")}
              </oai_dc:dc></metadata></record>
              """));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-02-01T00:00:00Z</responseDate>
            <request verb="ListRecords" metadataPrefix="oai_dc">https://partner.example.invalid/oai</request>
            <ListRecords>{records}</ListRecords></OAI-PMH>
            """;
    }
}

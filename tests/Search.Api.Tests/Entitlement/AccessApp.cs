using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Search.Api.Tests.Support;
using Search.Ingestion.Model;

namespace Search.Api.Tests.Entitlement;

/// <summary>
/// The engine with a fake clock, the access test records (sources alpha and beta) and a test-only way to
/// choose the client's address: the <see cref="ClientHeader"/> header, read by a startup filter that sets the
/// connection's remote address before the application's own pipeline (the forwarded-headers middleware) runs.
/// </summary>
public sealed class AccessApp : WebApplicationFactory<Program>
{
    public const string ClientHeader = "X-Test-Connection-Address";
    public const string AdminUser = "librarian";
    public const string AdminPassword = "test-password-正确";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "access-app-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public AccessApp(DateTimeOffset start, Dictionary<string, string?>? settings = null)
    {
        Time = new FakeTimeProvider(start);
        _settings = settings ?? [];
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        Directory.CreateDirectory(Path.Combine(_root, "config", "sources"));
    }

    public FakeTimeProvider Time { get; }

    public static string AlphaOne => RecordIds.For("alpha", "oai:alpha:alpha-1");

    public static string AlphaTwo => RecordIds.For("alpha", "oai:alpha:alpha-2");

    public static string BetaOne => RecordIds.For("beta", "oai:beta:beta-1");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Search:DataDirectory", Path.Combine(_root, "data"));
        builder.UseSetting("Search:ConfigDirectory", Path.Combine(_root, "config"));
        builder.UseSetting("Search:FileSources:AllowedFolders:0", RepoPaths.Root);
        builder.UseSetting("Search:Admin:User", AdminUser);
        builder.UseSetting("Search:Admin:Password", AdminPassword);
        builder.UseSetting("Search:HarvestNewConfiguredSources", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
        });
    }

    /// <summary>Defines and harvests alpha and beta.</summary>
    public async Task LoadRecordsAsync()
    {
        using var admin = AdminClient();
        foreach (var source in new[] { "alpha", "beta" })
        {
            await PutAsync(admin, $"/api/admin/sources/{source}", new
            {
                name = source == "alpha" ? "Alpha 期刊库" : "Beta 期刊库",
                connector = "file",
                settings = new { path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "access", source), format = "oai-pmh" },
                schedule = (string?)null,
            });
            var started = await admin.PostAsync($"/api/admin/sources/{source}/harvests", null);
            Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
            var runId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<long>();
            await Eventually.WaitAsync(
                async () =>
                {
                    var r = await admin.GetFromJsonAsync<JsonObject>($"/api/admin/harvests/{runId}");
                    return r!["status"]!.GetValue<string>() == "running" ? null : r;
                },
                TimeSpan.FromSeconds(60),
                $"harvest of {source}");
        }

        var store = Services.GetRequiredService<Search.Ingestion.Storage.CatalogStore>();
        var index = Services.GetRequiredService<Search.Indexer.Writing.CatalogIndex>();
        var last = (await store.ReadChangesAsync(0, int.MaxValue, CancellationToken.None)).LastOrDefault()?.ChangeId ?? 0;
        Assert.That(last, Is.EqualTo(3), "three records harvested");
        await Eventually.WaitAsync(() => Task.FromResult(index.LastAppliedChangeId >= last ? (object?)true : null), TimeSpan.FromSeconds(60), "the index");
    }

    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(AdminUser, AdminPassword);
        return client;
    }

    /// <summary>A browser at <paramref name="address"/> (its own cookies, so its own session).</summary>
    public HttpClient Browser(string? address, string userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(ClientHeader, address);
        }

        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        // What a browser sends with a change from the site's own page (the engine checks it against CSRF).
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static async Task<JsonObject?> PutAsync(HttpClient client, string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"PUT {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text) as JsonObject;
    }

    /// <summary>The full-text decision on the record page for this client.</summary>
    public static async Task<string> DecisionAsync(HttpClient client, string recordId)
    {
        var response = await client.GetAsync($"/api/records/{recordId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!["access"]!["fulltext"]!.GetValue<string>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Test-only: the connection's address comes from <see cref="ClientHeader"/>.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
            app =>
            {
                app.Use(async (context, following) =>
                {
                    if (context.Request.Headers.TryGetValue(ClientHeader, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    await following(context);
                });
                next(app);
            };
    }
}

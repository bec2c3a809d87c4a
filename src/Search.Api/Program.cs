using System.Net;
using Microsoft.Extensions.Options;
using Search.Api.Admin;
using Search.Api.Api;
using Search.Api.Hosting;
using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080");

// config/appsettings.json sits beside the source definitions; environment variables and the command line win.
var configDirectory = builder.Configuration[$"{SearchHostOptions.Section}:ConfigDirectory"] ?? "config";
builder.Configuration.AddJsonFile(Path.GetFullPath(Path.Combine(configDirectory, "appsettings.json")), optional: true);
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(args);

builder.Services.AddOptions<SearchHostOptions>()
    .Bind(builder.Configuration.GetSection(SearchHostOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClientErrorHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

// Ingestion: the store, the mappers, the runner.
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<SearchHostOptions>>().Value;
    Directory.CreateDirectory(options.ResolvedDataDirectory);
    var database = options.Database.Provider == DatabaseProvider.Postgres
        ? new Database(DatabaseProvider.Postgres, options.Database.ConnectionString
            ?? throw new OptionsValidationException(SearchHostOptions.Section, typeof(SearchHostOptions), ["Search:Database:ConnectionString is required for PostgreSQL."]))
        : options.Database.ConnectionString is { Length: > 0 } cs
            ? new Database(DatabaseProvider.Sqlite, cs)
            : Database.SqliteFile(Path.Combine(options.ResolvedDataDirectory, "catalog.db"));
    return new CatalogStore(database, sp.GetRequiredService<TimeProvider>());
});
builder.Services.AddSingleton<IRecordChangeFeed>(sp => sp.GetRequiredService<CatalogStore>());
builder.Services.AddSingleton<ChangeSignal>();
builder.Services.AddSingleton(_ => new MapperRegistry(DefaultMappers.All()));
builder.Services.AddSingleton<HarvestRunner>();
builder.Services.AddSingleton<HarvestDispatcher>();

// Connectors.
builder.Services.AddHttpClient("partners", c => c.DefaultRequestHeaders.UserAgent.ParseAdd("SciTechSearch-Harvester/1.0"))
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
builder.Services.AddSingleton(sp => PartnerConnectors.Create(sp));

// Index.
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<SearchHostOptions>>().Value;
    return new CatalogIndex(Path.Combine(options.ResolvedDataDirectory, "index"));
});
builder.Services.AddSingleton(sp => new IndexSynchronizer(
    sp.GetRequiredService<IRecordChangeFeed>(), sp.GetRequiredService<ChangeSignal>(), sp.GetRequiredService<CatalogIndex>()));
// Ranking (field boosts, recency, paging limits) from Search:Ranking.
var ranking = builder.Configuration.GetSection($"{SearchHostOptions.Section}:Ranking").Get<SearchOptions>() ?? new SearchOptions();
builder.Services.AddSingleton(sp => new SearchService(sp.GetRequiredService<CatalogIndex>(), ranking, sp.GetService<TimeProvider>()));

// Librarians.
builder.Services.AddSingleton<PasswordHasher>();
builder.Services.AddLibrarianAuthentication();

// Hosted services start in this order: the catalogue first, then the workers.
builder.Services.AddHostedService<CatalogStartup>();
builder.Services.AddHostedService<IndexSyncService>();
builder.Services.AddHostedService<HarvestWorker>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));
app.MapGet("/health/ready", HealthApi.ReadyAsync);
app.MapSearchApi();
app.MapExplainApi();
app.MapRecordsApi();
app.MapAdminApi();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

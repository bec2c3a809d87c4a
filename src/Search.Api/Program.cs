using System.Net;
using Microsoft.Extensions.Options;
using Quartz;
using Search.Api.Accounts;
using Search.Api.Admin;
using Search.Api.Api;
using Search.Api.Counter;
using Search.Api.Entitlement;
using Search.Api.Hosting;
using Search.Api.Oai;
using Search.Api.Sru;
using Search.Api.Usage;
using Search.Indexer.Search;
using Search.Indexer.Writing;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Mapping;
using Search.Api.Export;
using Search.Api.Site;
using Search.Ingestion.Normalization;
using Search.Ingestion.Merge;
using Search.Ingestion.Storage;

// The page's files are copied beside the binaries, so the engine serves them from wherever it is started.
var shippedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Directory.Exists(shippedWebRoot) ? shippedWebRoot : null,
});
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080");

// config/appsettings.json sits beside the source definitions; environment variables and the command line win.
var configDirectory = ConfigLocation.Resolve(
    builder.Configuration[$"{SearchHostOptions.Section}:ConfigDirectory"], Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
builder.Configuration.AddJsonFile(Path.Combine(configDirectory, "appsettings.json"), optional: true);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{SearchHostOptions.Section}:ConfigDirectory"] = configDirectory });
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(args);

builder.Services.AddOptions<SearchHostOptions>()
    .Bind(builder.Configuration.GetSection(SearchHostOptions.Section))
    .ValidateDataAnnotations()
    .Validate(o => ScheduleTimeZones.TryFind(o.ScheduleTimeZone, out _), "Search:ScheduleTimeZone is not a known time zone (an IANA id such as Asia/Shanghai).")
    .ValidateOnStart();
builder.Services.AddOptions<MergeOptions>()
    .Bind(builder.Configuration.GetSection(MergeOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MetricsExport>();
builder.Services.AddOptions<CrossSiteOptions>().Bind(builder.Configuration.GetSection(SearchHostOptions.Section));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "科技文献检索 — search, records, protocols and the librarian API";
    document.Info.Description = "The engine's HTTP API: the public search and record routes, the open protocols (SRU, OAI-PMH, OpenSearch) and the librarian API under /api/admin (HTTP Basic or the librarian's cookie).";
    return Task.CompletedTask;
}));
builder.Services.AddExceptionHandler<ClientErrorHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
    o.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), AccessJson.AddAccessProperty));

// The database: Ingestion's catalogue and Search.Api's own tables (users, entitlement, sessions, usage) live in it,
// each with its own migrations.
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<SearchHostOptions>>().Value;
    Directory.CreateDirectory(options.ResolvedDataDirectory);
    return options.Database.Provider == DatabaseProvider.Postgres
        ? new Database(DatabaseProvider.Postgres, options.Database.ConnectionString
            ?? throw new OptionsValidationException(SearchHostOptions.Section, typeof(SearchHostOptions), ["Search:Database:ConnectionString is required for PostgreSQL."]))
        : options.Database.ConnectionString is { Length: > 0 } cs
            ? new Database(DatabaseProvider.Sqlite, cs)
            : Database.SqliteFile(Path.Combine(options.ResolvedDataDirectory, "catalog.db"));
});

// Ingestion: the store, the mappers, the runner.
builder.Services.AddSingleton(sp => new CatalogStore(
    sp.GetRequiredService<Database>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<MergeOptions>>().Value));
builder.Services.AddSingleton<IRecordChangeFeed>(sp => sp.GetRequiredService<CatalogStore>());
builder.Services.AddSingleton<ChangeSignal>();
builder.Services.AddSingleton(_ => new MapperRegistry(DefaultMappers.All()));
// Record and field size limits at ingest, from Search:Ingestion:Limits.
var limits = builder.Configuration.GetSection($"{SearchHostOptions.Section}:Ingestion:Limits").Get<RecordLimits>() ?? new RecordLimits();
if (new[] { limits.MaxPayloadCharacters, limits.MaxTitleCharacters, limits.MaxAbstractCharacters, limits.MaxValueCharacters, limits.MaxValues }.Any(v => v < 1))
{
    throw new OptionsValidationException($"{SearchHostOptions.Section}:Ingestion:Limits", typeof(RecordLimits), ["Every limit in Search:Ingestion:Limits must be at least 1."]);
}

builder.Services.AddSingleton(limits);
builder.Services.AddSingleton<HarvestRunner>();
builder.Services.AddSingleton<HarvestDispatcher>();

// Connectors.
builder.Services.AddHttpClient("partners", c => c.DefaultRequestHeaders.UserAgent.ParseAdd("SciTechSearch-Harvester/1.0"))
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
builder.Services.AddSingleton(sp => PartnerConnectors.Create(sp));

// Index.
builder.Services.AddOptions<CatalogIndexOptions>()
    .Bind(builder.Configuration.GetSection(CatalogIndexOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<SearchHostOptions>>().Value;
    return new CatalogIndex(
        Path.Combine(options.ResolvedDataDirectory, "index"),
        sp.GetRequiredService<IOptions<CatalogIndexOptions>>().Value,
        sp.GetRequiredService<TimeProvider>());
});
builder.Services.AddSingleton(sp => new IndexSynchronizer(
    sp.GetRequiredService<IRecordChangeFeed>(),
    sp.GetRequiredService<ChangeSignal>(),
    sp.GetRequiredService<CatalogIndex>(),
    sp.GetRequiredService<IOptions<CatalogIndexOptions>>().Value.ChunkSize,
    settleWhenQuietFor: sp.GetRequiredService<IOptions<CatalogIndexOptions>>().Value.SettleWhenQuietFor));
// Ranking (field boosts, recency, paging limits) from Search:Ranking.
var ranking = builder.Configuration.GetSection($"{SearchHostOptions.Section}:Ranking").Get<SearchOptions>() ?? new SearchOptions();
builder.Services.AddSingleton(sp => new SearchService(sp.GetRequiredService<CatalogIndex>(), ranking, sp.GetService<TimeProvider>()));

// Librarians.
builder.Services.AddSingleton<PasswordHasher>();
builder.Services.AddSingleton<LibrarianStore>();
builder.Services.AddLibrarianAuthentication();

// Scheduled harvests: Quartz's persistent store in the engine's database (tables from Search.Api's migrations, which
// run before the scheduler starts), clustered on PostgreSQL so that of several processes one fires each time. The
// scheduler is started and stopped by HarvestScheduler, after the migrations, not by Quartz's hosted service.
var postgresCatalog = builder.Configuration.GetSection($"{SearchHostOptions.Section}:Database").Get<DatabaseSettings>()?.Provider == DatabaseProvider.Postgres;
builder.Services.AddQuartz(q =>
{
    q.ConfigureScheduler(s => s.InstanceName = "search-harvests");
    q.UsePersistentStore(store =>
    {
        store.ConfigureStore(o =>
        {
            o.TablePrefix = "QRTZ_";
            o.StoreJobDataAsStrings = true;
            o.SchemaProvisioning = SchemaProvisioning.Validate;
        });
        if (postgresCatalog)
        {
            store.UsePostgres(o => o.DataSourceFactory = sp => Npgsql.NpgsqlDataSource.Create(sp.GetRequiredService<Database>().ConnectionString));
            store.UseClustering();
        }
        else
        {
            store.UseSqlite(o => o.DataSourceFactory = sp => Microsoft.Data.Sqlite.SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<Database>().ConnectionString));
        }
    });
});
builder.Services.AddSingleton<HarvestScheduler>();

// Entitlement, usage, COUNTER (issue 6).
builder.Services.AddOptions<AccessOptions>().Bind(builder.Configuration.GetSection(AccessOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<CounterOptions>().Bind(builder.Configuration.GetSection(CounterOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddTrustedProxies();
builder.Services.AddSingleton<EntitlementStore>();
builder.Services.AddSingleton<EntitlementCatalog>();
builder.Services.AddSingleton<SessionStore>();
builder.Services.AddSingleton<DownloadEvents>();
builder.Services.AddSingleton<LoginFailures>();
builder.Services.AddSingleton<AccessDecider>();
builder.Services.AddSingleton<RequesterResolver>();
builder.Services.AddSingleton<Search.Api.Entitlement.RecordDisclosure>();
builder.Services.AddSingleton<LoginThrottle>();
builder.Services.AddSingleton<UsageStore>();
builder.Services.AddSingleton<UsageRecorder>();
builder.Services.AddSingleton<CounterReports>();

// Open sharing: the SRU server (issue 13).
builder.Services.AddSru(builder.Configuration);
builder.Services.AddOai(builder.Configuration);

// Hosted services start in this order: the catalogue first, Search.Api's own tables, then the schedules and the workers.
builder.Services.AddHostedService<CatalogStartup>();
builder.Services.AddHostedService<AccessStartup>();
builder.Services.AddHostedService<EntitlementRefresher>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<HarvestScheduler>());
builder.Services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
builder.Services.AddHostedService<IndexSyncService>();
builder.Services.AddHostedService<HarvestWorker>();

var app = builder.Build();
// Listen to the meters from the first request on.
_ = app.Services.GetRequiredService<MetricsExport>();
app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseMiddleware<CrossSiteRequestGuard>();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));
app.MapGet("/health/ready", HealthApi.ReadyAsync);
app.MapMetricsApi();
app.MapSearchApi();
app.MapExplainApi();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapRecordsApi();
app.MapRecordPage();
app.MapCitationApi();
app.MapAdminApi();
app.MapMergeApi();
app.MapFulltextApi();
app.MapAuthApi();
app.MapEntitlementAdminApi();
app.MapSushiApi();
app.MapSruApi();
app.MapOaiApi();
app.MapOpenSearchApi();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

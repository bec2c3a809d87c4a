using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Search.Bench.Ingest;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using Search.Ingestion.Storage;

// dotnet run -c Release --project bench/ingest -- corpus [--seed config/demo/csl] [--count 50000] [--page-size 100] --out DIR [--jsonl FILE] [--variant-out DIR [--shift N] [--delete-every N]] [--distinct]
// dotnet run -c Release --project bench/ingest -- files DIR[,DIR...] [--postgres CONNSTRING] [--harvests 2] [--no-parts] [--feed] [--dump FILE]
// dotnet run -c Release --project bench/ingest -- oai URL    [--postgres CONNSTRING] [--harvests 2] [--no-parts] [--feed]
// With --postgres, a fresh database is created on that server (and dropped after); else a fresh SQLite file in the temp folder.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: corpus --out DIR [--seed DIR] [--count N] [--page-size N] [--jsonl FILE] | files DIR [options] | oai URL [options]");
    return 2;
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
bool Flag(string name) => args.Contains(name);
int IntOption(string name, int fallback) => Option(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

if (args[0] == "corpus")
{
    var output = Option("--out") ?? throw new ArgumentException("--out DIR is required");
    var clock = Stopwatch.StartNew();
    var records = await Corpus.GenerateAsync(Option("--seed") ?? Path.Combine("config", "demo", "csl"), IntOption("--count", 50_000), Flag("--distinct"));
    if (Option("--variant-out") is { } variantOutput)
    {
        var (based, variant) = Corpus.WithVariant(records, IntOption("--shift", 0), IntOption("--delete-every", 0));
        records = based;
        Corpus.WriteDumps(variant, variantOutput, IntOption("--page-size", 100), "fixture.test");
    }

    Corpus.WriteDumps(records, output, IntOption("--page-size", 100), "fixture.test");
    if (Option("--jsonl") is { } jsonl)
    {
        Corpus.WriteProviderData(records, jsonl);
    }

    Console.WriteLine($"{records.Count:N0} records written to {output} in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}

if (args.Length < 2 || args[0] is not ("files" or "oai"))
{
    Console.Error.WriteLine("usage: files DIR [options] | oai URL [options]");
    return 2;
}

IConnector connector;
var sources = new List<(string Id, JsonElement Settings)>();
if (args[0] == "files")
{
    // Each folder is a source of its own, named after the folder, harvested in the order given.
    connector = new FileConnector(new FileConnectorOptions(Path.GetPathRoot(Path.GetFullPath("."))!), [new OaiPmhFileFormatReader()]);
    foreach (var folder in args[1].Split(',').Select(Path.GetFullPath))
    {
        using var settings = JsonDocument.Parse(JsonSerializer.Serialize(new { path = folder, format = OaiPmhFileFormatReader.FormatName }));
        sources.Add((Path.GetFileName(folder), settings.RootElement.Clone()));
    }
}
else
{
#pragma warning disable CA2000 // The client lives as long as the process.
    connector = new OaiPmhConnector(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, TimeProvider.System);
#pragma warning restore CA2000
    using var settings = JsonDocument.Parse(JsonSerializer.Serialize(new { baseUrl = args[1], metadataPrefix = "oai_dc", http = new { politenessDelaySeconds = 0 } }));
    sources.Add(("bench", settings.RootElement.Clone()));
}

var work = Directory.CreateTempSubdirectory("ingest-bench-").FullName;
var postgres = Option("--postgres");
string? postgresName = null;
Database database;
if (postgres is null)
{
    // --db FILE keeps the database (for looking at it afterwards); it must not exist yet.
    database = Database.SqliteFile(Option("--db") is { } kept ? Path.GetFullPath(kept) : Path.Combine(work, "catalog.db"));
}
else
{
    postgresName = "bench_" + Guid.NewGuid().ToString("N")[..12];
    await using (var admin = new NpgsqlConnection(postgres))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresName}", admin);
        await create.ExecuteNonQueryAsync();
    }

    database = new Database(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(postgres) { Database = postgresName }.ToString());
}

try
{
    Console.WriteLine($"{args[0]} {args[1]} -> {database.Provider}, {Environment.ProcessorCount} cores");
    using var harness = new Harness(database, connector, sources);
    foreach (var step in await harness.RunAsync(!Flag("--no-parts"), IntOption("--harvests", 2), CancellationToken.None))
    {
        Console.WriteLine(step);
    }

    if (Option("--then") is { } then)
    {
        // Harvests these folders next, as the sources named after them (from scratch), e.g. a partner's changed dump.
        foreach (var step in await harness.HarvestAgainAsync(then.Split(',').Select(Path.GetFullPath).ToList(), CancellationToken.None))
        {
            Console.WriteLine(step);
        }
    }

    if (Option("--dump") is { } dump)
    {
        await harness.DumpAsync(dump, CancellationToken.None);
    }

    if (Flag("--feed"))
    {
        Console.WriteLine(await harness.ReadFeedAsync(500, CancellationToken.None));
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    NpgsqlConnection.ClearAllPools();
    if (postgresName is not null)
    {
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    Directory.Delete(work, recursive: true);
}

return 0;

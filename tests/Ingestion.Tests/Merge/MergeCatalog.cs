using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Connectors.Harvesting;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Merge;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;
using Search.Ingestion.Tests.Storage;

namespace Search.Ingestion.Tests.Merge;

/// <summary>
/// A catalogue (SQLite or PostgreSQL) whose scripted partners send whole records as JSON, so that tests
/// can say exactly what each partner sends; harvested through the real runner and store.
/// </summary>
internal sealed class MergeCatalog : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "merge-tests-" + Guid.NewGuid().ToString("N"));

    public MergeCatalog(DatabaseProvider provider, MergeOptions? options = null)
        : this(provider == DatabaseProvider.Sqlite ? null : new Database(DatabaseProvider.Postgres, PostgresServer.Shared.CreateDatabase()), options)
    {
    }

    private MergeCatalog(Database? database, MergeOptions? options)
    {
        Directory.CreateDirectory(_dir);
        database ??= Database.SqliteFile(Path.Combine(_dir, "catalog.db"));
        Store = new CatalogStore(database, TimeProvider.System, options);
        Store.MigrateAsync().GetAwaiter().GetResult();
        Runner = new HarvestRunner(
            Store,
            new ConnectorRegistry([Connector]),
            new MapperRegistry([new JsonRecordMapper()]),
            new ChangeSignal(),
            NullLogger<HarvestRunner>.Instance);
    }

    public CatalogStore Store { get; }

    /// <summary>Another catalogue (store, runner, connector) on the same database, as a second host process would be.</summary>
    public MergeCatalog Twin() => new(Store.Database, null);

    public ScriptedConnector Connector { get; } = new();

    public HarvestRunner Runner { get; }

    /// <summary>Defines the source (if new) and harvests exactly <paramref name="records"/> from it, from scratch.</summary>
    public async Task<HarvestRunInfo> HarvestAsync(string sourceId, params Partner[] records)
    {
        using var settings = JsonDocument.Parse("{}");
        await Store.UpsertSourceAsync(new SourceDefinition(sourceId, "Source " + sourceId, ScriptedConnector.KindName, settings.RootElement.Clone(), null));
        await ResetCheckpointAsync(sourceId);
        Connector.Batches.Clear();
        Connector.Batches.Add(records.Select(r => r.ToHarvested(sourceId)).ToList());
        var runId = await Runner.BeginAsync(sourceId);
        return await Runner.ExecuteAsync(runId);
    }

    /// <summary>The work holding the record of <paramref name="sourceId"/>/<paramref name="externalId"/>.</summary>
    public async Task<WorkView> WorkOfAsync(string sourceId, string externalId) =>
        await Store.GetWorkAsync(RecordIds.For(sourceId, externalId)) ?? throw new AssertionException($"no work for {sourceId}/{externalId}");

    public async Task<string> WorkIdAsync(string sourceId, string externalId) => (await WorkOfAsync(sourceId, externalId)).Work.Id;

    private async Task ResetCheckpointAsync(string sourceId)
    {
        await using var connection = await Store.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE sources SET checkpoint = NULL WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = sourceId;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>What a partner sends about one record (or that it deleted it).</summary>
internal sealed record Partner(string ExternalId, CatalogRecord? Record)
{
    public static Partner Deleted(string externalId) => new(externalId, null);

    public static Partner Of(
        string externalId, string title, int? year = null, string? author = null, string? doi = null,
        string type = RecordTypes.JournalArticle, string? abstractText = null, params string[] keywords)
    {
        var record = new CatalogRecord
        {
            Id = "",
            SourceId = "",
            ExternalId = externalId,
            Title = title,
            Year = year,
            Type = type,
            Abstract = abstractText,
        };
        if (author is not null)
        {
            record.Authors.Add(author);
        }

        record.Identifiers.Doi = doi;
        record.Keywords.AddRange(keywords);
        record.Links.Add(new RecordLink("https://partner.example/" + externalId, "landing"));
        return new Partner(externalId, record);
    }

    public HarvestedRecord ToHarvested(string sourceId) =>
        new(sourceId, ExternalId, null, Record is null, "json", Record is null ? null : RecordJson.Serialize(Record), []);
}

/// <summary>Reads the record JSON a <see cref="Partner"/> sends.</summary>
internal sealed class JsonRecordMapper : IRecordMapper
{
    public string Format => "json";

    public CatalogRecord Map(HarvestedRecord record)
    {
        var sent = RecordJson.Deserialize(record.Payload ?? throw new MappingException("empty"));
        var mapped = new CatalogRecord
        {
            Id = RecordIds.For(record.SourceId, record.ExternalId),
            SourceId = record.SourceId,
            ExternalId = record.ExternalId,
            Title = sent.Title,
            Type = sent.Type,
            Year = sent.Year,
            Abstract = sent.Abstract,
            SourceTitle = sent.SourceTitle,
            Volume = sent.Volume,
            Issue = sent.Issue,
            FirstPage = sent.FirstPage,
            Identifiers = sent.Identifiers,
        };
        mapped.Authors.AddRange(sent.Authors);
        mapped.Keywords.AddRange(sent.Keywords);
        mapped.Links.AddRange(sent.Links);
        return mapped;
    }
}

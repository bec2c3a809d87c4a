using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Search.Connectors.Harvesting;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Ingestion.Tests.Storage;

/// <summary>A catalogue in a temporary SQLite file, with a scripted connector and a tiny mapper.</summary>
internal sealed class TestCatalog : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "catalog-tests-" + Guid.NewGuid().ToString("N"));

    public TestCatalog(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        Directory.CreateDirectory(_dir);
        var database = provider == DatabaseProvider.Sqlite
            ? Database.SqliteFile(Path.Combine(_dir, "catalog.db"))
            : new Database(DatabaseProvider.Postgres, PostgresServer.Shared.CreateDatabase());
        Store = new CatalogStore(database, TimeProvider.System);
        Store.MigrateAsync().GetAwaiter().GetResult();
        Runner = new HarvestRunner(
            Store,
            new ConnectorRegistry([Connector]),
            new MapperRegistry([Mapper]),
            Signal,
            NullLogger<HarvestRunner>.Instance);
    }

    public CatalogStore Store { get; }

    public ScriptedConnector Connector { get; } = new();

    public LineMapper Mapper { get; } = new();

    public ChangeSignal Signal { get; } = new();

    public HarvestRunner Runner { get; }

    public async Task AddSourceAsync(string id = "s1")
    {
        using var settings = JsonDocument.Parse("{}");
        await Store.UpsertSourceAsync(new SourceDefinition(id, "Source " + id, ScriptedConnector.KindName, settings.RootElement.Clone(), null));
    }

    /// <summary>Forgets the source's checkpoint, so the next harvest starts from scratch (as a librarian's full re-harvest).</summary>
    public async Task ResetCheckpointAsync(string sourceId = "s1")
    {
        await using var connection = await Store.Database.OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE sources SET checkpoint = NULL WHERE id = @sourceId", new { sourceId });
    }

    public async Task<HarvestRunInfo> HarvestAsync(string sourceId = "s1")
    {
        var runId = await Runner.BeginAsync(sourceId);
        return await Runner.ExecuteAsync(runId);
    }

    public static HarvestedRecord Rec(string id, string? title, bool deleted = false) =>
        new("s1", id, null, deleted, "line", deleted ? null : title, []);

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

/// <summary>Maps a payload that is just a title; "BAD" payloads cannot be mapped.</summary>
internal sealed class LineMapper : IRecordMapper
{
    private int _calls;

    public string Format => "line";

    /// <summary>How many records it was asked to map.</summary>
    public int Calls => _calls;

    /// <summary>Called with each record before it is mapped (a test's probe into the pipeline).</summary>
    public Action<HarvestedRecord>? BeforeMap { get; set; }

    public CatalogRecord Map(HarvestedRecord record)
    {
        Interlocked.Increment(ref _calls);
        BeforeMap?.Invoke(record);
        if (record.Payload is null || record.Payload.StartsWith("BAD", StringComparison.Ordinal))
        {
            throw new MappingException("payload starts with BAD");
        }

        return new CatalogRecord
        {
            Id = RecordIds.For(record.SourceId, record.ExternalId),
            SourceId = record.SourceId,
            ExternalId = record.ExternalId,
            Title = record.Payload,
        };
    }
}

/// <summary>
/// Plays batches from a script. The checkpoint is the index of the next batch, so a resumed run starts
/// where the last committed batch left off; <see cref="FailAtBatch"/> makes the partner "go down".
/// </summary>
internal sealed class ScriptedConnector : IConnector
{
    public const string KindName = "scripted";

    public List<List<HarvestedRecord>> Batches { get; } = [];

    public int? FailAtBatch { get; set; }

    public List<string?> CheckpointsSeen { get; } = [];

    /// <summary>Called with a batch's index when the runner asks for it (a test's probe into the pipeline).</summary>
    public Action<int>? OnBatchAsked { get; set; }

    public string Kind => KindName;

    public ConnectorCapabilities Capabilities => ConnectorCapabilities.Incremental | ConnectorCapabilities.Deletions;

    public IReadOnlyList<string> ValidateSettings(JsonElement settings) => [];

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(HarvestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckpointsSeen.Add(context.Checkpoint);
        var start = context.Checkpoint is null ? 0 : int.Parse(context.Checkpoint, System.Globalization.CultureInfo.InvariantCulture);
        for (var i = start; i < Batches.Count; i++)
        {
            await Task.Yield();
            OnBatchAsked?.Invoke(i);
            if (FailAtBatch == i)
            {
                throw new ConnectorException($"partner down at batch {i}");
            }

            yield return new HarvestBatch(Batches[i], [], (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

using System.Text.Json;
using Dapper;

namespace Search.Ingestion.Storage;

/// <summary>The partner sources librarians define (the <c>sources</c> table); their checkpoints move with the batches (<see cref="BatchWriter"/>).</summary>
public sealed class SourceStore
{
    private readonly Database _database;
    private readonly TimeProvider _time;

    public SourceStore(Database database, TimeProvider time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }


    /// <summary>Creates or replaces a source's definition; its checkpoint and records are kept.</summary>
    /// <returns>True when the source was created.</returns>
    public async Task<bool> UpsertSourceAsync(SourceDefinition source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = Clock.Format(_time.GetUtcNow());
        await using var connection = await _database.OpenAsync(cancellationToken);
        var existed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sources WHERE id = @Id", new { source.Id }) > 0;
        await connection.ExecuteAsync(
            """
            INSERT INTO sources (id, name, connector, settings, schedule, schedule_time_zone, checkpoint, created_at, updated_at)
            VALUES (@Id, @Name, @Connector, @Settings, @Schedule, @ScheduleTimeZone, NULL, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, connector = excluded.connector,
                settings = excluded.settings, schedule = excluded.schedule, schedule_time_zone = excluded.schedule_time_zone,
                updated_at = excluded.updated_at
            """,
            new { source.Id, source.Name, source.Connector, Settings = source.Settings.GetRawText(), source.Schedule, source.ScheduleTimeZone, Now = now });
        return !existed;
    }

    /// <summary>Pauses or resumes the source's scheduled harvests; false when there is no such source.</summary>
    public async Task<bool> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE sources SET paused = @Paused, updated_at = @Now WHERE id = @id",
            new { id, Paused = paused ? 1 : 0, Now = Clock.Format(_time.GetUtcNow()) }) > 0;
    }

    public async Task<StoredSource?> GetSourceAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(SourceSelect + " WHERE s.id = @id", new { id });
        return row?.ToStored();
    }

    public async Task<IReadOnlyList<StoredSource>> ListSourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SourceRow>(SourceSelect + " ORDER BY s.id");
        return rows.Select(r => r.ToStored()).ToList();
    }

    private const string SourceSelect =
        """
        SELECT s.id AS Id, s.name AS Name, s.connector AS Connector, s.settings AS Settings, s.schedule AS Schedule,
               s.schedule_time_zone AS ScheduleTimeZone, s.paused AS Paused,
               s.checkpoint AS Checkpoint, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt,
               (SELECT COUNT(*) FROM records r WHERE r.source_id = s.id) AS RecordCount
        FROM sources s
        """;

    private sealed class SourceRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Connector { get; set; } = "";
        public string Settings { get; set; } = "{}";
        public string? Schedule { get; set; }
        public string? ScheduleTimeZone { get; set; }
        public long Paused { get; set; }
        public string? Checkpoint { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public long RecordCount { get; set; }

        public StoredSource ToStored()
        {
            using var doc = JsonDocument.Parse(Settings);
            return new StoredSource(
                new SourceDefinition(Id, Name, Connector, doc.RootElement.Clone(), Schedule, ScheduleTimeZone),
                Checkpoint,
                Clock.Parse(CreatedAt),
                Clock.Parse(UpdatedAt),
                RecordCount)
            {
                Paused = Paused != 0,
            };
        }
    }
}

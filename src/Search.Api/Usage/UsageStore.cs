using Dapper;
using Search.Ingestion.Storage;

namespace Search.Api.Usage;

/// <summary>The usage log: rows are appended and read, never changed.</summary>
public sealed class UsageStore(Database database)
{
    public async Task AppendAsync(IReadOnlyList<UsageEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await using var c = await database.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(
            """
            INSERT INTO usage_events (occurred_at, kind, outcome, institution_id, account_id, source_id, record_id, data_type,
                searched_sources, query_key, session_id, user_agent, client_address)
            VALUES (@At, @Kind, @Outcome, @Institution, @Account, @Source, @Record, @DataType, @Searched, @QueryKey, @Session, @UserAgent, @ClientAddress)
            """,
            events.Select(e => new
            {
                At = Clock.Format(e.OccurredAt),
                e.Kind,
                e.Outcome,
                e.Institution,
                e.Account,
                e.Source,
                e.Record,
                e.DataType,
                Searched = e.SearchedSources.Count == 0 ? null : string.Join(',', e.SearchedSources),
                e.QueryKey,
                e.Session,
                e.UserAgent,
                e.ClientAddress,
            }),
            tx);
        await tx.CommitAsync(ct);
    }

    /// <summary>Events from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first; institution filter when given.</summary>
    public async Task<IReadOnlyList<UsageEvent>> ReadAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string>? institutions, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var sql = "SELECT occurred_at, kind, outcome, institution_id, account_id, source_id, record_id, data_type, searched_sources, query_key, session_id, user_agent, client_address "
            + "FROM usage_events WHERE occurred_at >= @From AND occurred_at < @To"
            + (institutions is null ? "" : " AND " + database.AnyOf("institution_id", "Institutions"))
            + " ORDER BY occurred_at, id";
        var rows = await c.QueryAsync<Row>(sql, new { From = Clock.Format(from), To = Clock.Format(to), Institutions = institutions?.ToArray() });
        return rows.Select(r => new UsageEvent(
            Clock.Parse(r.occurred_at), r.kind, r.outcome, r.institution_id, r.account_id, r.source_id, r.record_id, r.data_type,
            r.searched_sources is null ? [] : r.searched_sources.Split(','), r.query_key, r.session_id, r.user_agent, r.client_address)).ToList();
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM usage_events");
    }

#pragma warning disable IDE1006, CA1812 // Dapper maps the snake_case columns onto these names; instantiated by Dapper.
    private sealed class Row
    {
        public string occurred_at { get; set; } = "";
        public string kind { get; set; } = "";
        public string? outcome { get; set; }
        public string? institution_id { get; set; }
        public string? account_id { get; set; }
        public string? source_id { get; set; }
        public string? record_id { get; set; }
        public string? data_type { get; set; }
        public string? searched_sources { get; set; }
        public string? query_key { get; set; }
        public string session_id { get; set; } = "";
        public string? user_agent { get; set; }
        public string? client_address { get; set; }
    }
#pragma warning restore IDE1006, CA1812
}

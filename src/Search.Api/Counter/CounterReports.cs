using System.Globalization;
using Microsoft.Extensions.Options;
using Search.Api.Entitlement;
using Search.Api.Usage;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Api.Counter;

/// <summary>
/// Computes the COUNTER R5.1 master reports (PR, DR, TR, IR) from the usage log: robots left out (user-agent
/// list, then any session faster than the rate rule), the double-click rule, unique counts per session and
/// month, per institution with its members (the consortium view).
/// </summary>
public sealed class CounterReports(
    UsageStore usage,
    UsageRecorder recorder,
    CatalogStore catalog,
    EntitlementCatalog entitlement,
    IOptions<CounterOptions> options,
    TimeProvider time)
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["pr"] = "Platform Report",
        ["dr"] = "Database Report",
        ["tr"] = "Title Report",
        ["ir"] = "Item Report",
    };

    private const string Regular = "Regular";

    public async Task<CounterReport> BuildAsync(string reportId, string customer, DateOnly begin, DateOnly end, CancellationToken ct)
    {
        var id = reportId.ToUpperInvariant();
        var o = options.Value;
        await recorder.FlushAsync(ct);
        var snapshot = entitlement.Current;
        var from = new DateTimeOffset(begin.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var raw = await usage.ReadAsync(from, to, snapshot.SelfAndDescendants(customer), ct);
        var events = UsageCleaning.Clean(raw, o);

        var listed = await catalog.ListSourcesAsync(ct);
        var sources = listed.ToDictionary(s => s.Definition.Id, s => s.Definition.Name, StringComparer.Ordinal);
        // A search of everything searched the harvested databases; a live target counts only the searches it was sent (Searches_Federated).
        var searchedByDefault = listed.Where(s => !s.Definition.Live).Select(s => s.Definition.Id).Order(StringComparer.Ordinal).ToList();
        var recordIds = events.Where(e => e.Record is not null).Select(e => e.Record!).Distinct(StringComparer.Ordinal).ToList();
        var records = (await catalog.GetRecordsAsync(recordIds, ct)).ToDictionary(r => r.Id, StringComparer.Ordinal);

        var table = new Tally();
        var items = new Dictionary<string, (List<KeyValuePair<string, object>> Fields, List<string> Tsv)>(StringComparer.Ordinal);
        string[] headers = id switch
        {
            "PR" => ["Platform"],
            "DR" => ["Database", "Publisher", "Publisher_ID", "Platform", "Proprietary_ID"],
            "TR" => ["Title", "Publisher", "Publisher_ID", "Platform", "DOI", "Proprietary_ID", "ISBN", "Print_ISSN", "Online_ISSN", "URI"],
            _ => ["Item", "Publisher", "Publisher_ID", "Platform", "DOI", "Proprietary_ID", "ISBN", "Print_ISSN", "Online_ISSN", "URI"],
        };

        foreach (var e in events)
        {
            var month = e.OccurredAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var unique = e.Session + "\u001f" + e.Record;
            records.TryGetValue(e.Record ?? "", out var record);
            var dataType = CounterDataTypes.Of(record?.Type ?? e.DataType);
            switch (e.Kind)
            {
                case UsageKinds.Search when id == "PR":
                    table.Add(Platform(), "Platform", "Searches_Platform", month);
                    break;
                case UsageKinds.Search when id == "DR":
                    var metric = e.Outcome switch
                    {
                        SearchModes.Regular => "Searches_Regular",
                        SearchModes.Federated => "Searches_Federated",
                        _ => "Searches_Automated",
                    };
                    foreach (var source in e.SearchedSources.Count > 0 ? e.SearchedSources : searchedByDefault)
                    {
                        table.Add(Database(source), "Database_Aggregated", metric, month);
                    }

                    break;
                case UsageKinds.View or UsageKinds.Fulltext when e.Record is not null:
                    var item = id switch
                    {
                        "PR" => Platform(),
                        "DR" => Database(e.Source ?? record?.SourceId ?? "unknown"),
                        "TR" => Title(e.Record, record, ref dataType),
                        _ => Item(e.Record, record),
                    };
                    table.Add(item, dataType, "Total_Item_Investigations", month);
                    table.AddUnique(item, dataType, "Unique_Item_Investigations", month, unique);
                    if (e.Kind == UsageKinds.Fulltext)
                    {
                        table.Add(item, dataType, "Total_Item_Requests", month);
                        table.AddUnique(item, dataType, "Unique_Item_Requests", month, unique);
                    }

                    break;
                case UsageKinds.Denied when id is "DR" or "TR" && e.Record is not null:
                    var denied = e.Outcome == FulltextAccess.LimitExceeded ? "Limit_Exceeded" : "No_License";
                    if (id == "DR")
                    {
                        table.Add(Database(e.Source ?? record?.SourceId ?? "unknown"), "Database_Aggregated", denied, month);
                    }
                    else
                    {
                        var titleItem = Title(e.Record, record, ref dataType);
                        table.Add(titleItem, dataType, denied, month);
                    }

                    break;
            }
        }

        var reportItems = table.Rows()
            .GroupBy(r => r.Item, StringComparer.Ordinal)
            .OrderBy(g => items[g.Key].Tsv[0], StringComparer.Ordinal)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var fields = items[g.Key].Fields;
                var performance = g.OrderBy(r => r.DataType, StringComparer.Ordinal)
                    .Select(r => new AttributePerformance(r.DataType, Regular, r.Performance))
                    .ToList();
                return new CounterReportItem(fields, items[g.Key].Tsv, performance);
            })
            .ToList();

        var exceptions = new List<CounterError>();
        if (reportItems.Count == 0)
        {
            exceptions.Add(new CounterError(3030, "No Usage Available for Requested Dates", $"No usage of {customer} from {begin:yyyy-MM-dd} to {end:yyyy-MM-dd}."));
        }

        var institutionName = snapshot.Institutions.TryGetValue(customer, out var inst) ? inst.Name : customer;
        return new CounterReport(
            id, Names[id], time.GetUtcNow(), o.CreatedBy, customer, institutionName, o.ProprietaryNamespace, begin, end, headers, reportItems, exceptions);

        string Platform() => Register("platform", [new("Platform", o.Platform)], [o.Platform]);

        string Database(string source)
        {
            var name = sources.GetValueOrDefault(source, source);
            var proprietary = $"{o.ProprietaryNamespace}:{source}";
            return Register(
                "db:" + source,
                [new("Database", name), new("Publisher", o.CreatedBy), new("Platform", o.Platform), new("Item_ID", new Dictionary<string, object> { ["Proprietary"] = proprietary })],
                [name, o.CreatedBy, "", o.Platform, proprietary]);
        }

        string Title(string recordId, CatalogRecord? record, ref string dataType)
        {
            if (record is { Type: RecordTypes.JournalArticle, SourceTitle: { Length: > 0 } journal })
            {
                dataType = "Journal";
                var issn = record.Identifiers.Issn.FirstOrDefault();
                var ids = new Dictionary<string, object> { ["Proprietary"] = $"{o.ProprietaryNamespace}:journal:{journal}" };
                if (issn is not null)
                {
                    ids["Print_ISSN"] = issn;
                }

                return Register(
                    "journal:" + journal,
                    [new("Title", journal), new("Item_ID", ids), new("Platform", o.Platform), new("Publisher", record.Publisher ?? o.CreatedBy)],
                    [journal, record.Publisher ?? o.CreatedBy, "", o.Platform, "", (string)ids["Proprietary"], "", issn ?? "", "", ""]);
            }

            return Item(recordId, record, "Title");
        }

        string Item(string recordId, CatalogRecord? record, string label = "Item")
        {
            var title = record?.Title ?? recordId;
            var proprietary = $"{o.ProprietaryNamespace}:{recordId}";
            var ids = new Dictionary<string, object> { ["Proprietary"] = proprietary };
            var doi = record?.Identifiers.Doi;
            var isbn = record?.Identifiers.Isbn.FirstOrDefault();
            var issn = record?.Identifiers.Issn.FirstOrDefault();
            if (doi is not null)
            {
                ids["DOI"] = doi;
            }

            if (isbn is not null)
            {
                ids["ISBN"] = isbn;
            }

            var publisher = record?.Publisher ?? o.CreatedBy;
            return Register(
                label + ":" + recordId,
                [new(label, title), new("Item_ID", ids), new("Platform", o.Platform), new("Publisher", publisher)],
                [title, publisher, "", o.Platform, doi ?? "", proprietary, isbn ?? "", issn ?? "", "", ""]);
        }

        string Register(string key, List<KeyValuePair<string, object>> fields, List<string> tsv)
        {
            items.TryAdd(key, (fields, tsv));
            return key;
        }
    }

    /// <summary>Counts per (item, data type, metric, month); unique metrics count distinct keys.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<(string Item, string DataType), SortedDictionary<string, SortedDictionary<string, long>>> _totals = [];
        private readonly Dictionary<(string Item, string DataType, string Metric, string Month), HashSet<string>> _uniques = [];

        public void Add(string item, string dataType, string metric, string month)
        {
            var perMetric = Row(item, dataType);
            if (!perMetric.TryGetValue(metric, out var months))
            {
                perMetric[metric] = months = new SortedDictionary<string, long>(StringComparer.Ordinal);
            }

            months[month] = months.GetValueOrDefault(month) + 1;
        }

        public void AddUnique(string item, string dataType, string metric, string month, string key)
        {
            if (!_uniques.TryGetValue((item, dataType, metric, month), out var set))
            {
                _uniques[(item, dataType, metric, month)] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            if (set.Add(key))
            {
                Add(item, dataType, metric, month);
            }
        }

        public IEnumerable<(string Item, string DataType, SortedDictionary<string, SortedDictionary<string, long>> Performance)> Rows() =>
            _totals.Select(kv => (kv.Key.Item, kv.Key.DataType, kv.Value));

        private SortedDictionary<string, SortedDictionary<string, long>> Row(string item, string dataType)
        {
            if (!_totals.TryGetValue((item, dataType), out var row))
            {
                _totals[(item, dataType)] = row = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
            }

            return row;
        }
    }
}

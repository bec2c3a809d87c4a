using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Search.Api.Counter;

/// <summary>Writes a <see cref="CounterReport"/> as COUNTER R5.1 JSON or TSV.</summary>
public static class CounterFormats
{
    private static readonly string[] Attributes = ["Data_Type", "Access_Method"];

    public static JsonObject ToJson(CounterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = new JsonObject
        {
            ["Release"] = "5.1",
            ["Report_ID"] = report.ReportId,
            ["Report_Name"] = report.ReportName,
            ["Created"] = Created(report),
            ["Created_By"] = report.CreatedBy,
            ["Institution_ID"] = new JsonObject { ["Proprietary"] = new JsonArray(InstitutionId(report)) },
            ["Institution_Name"] = report.InstitutionName,
            ["Report_Filters"] = new JsonObject
            {
                ["Begin_Date"] = report.Begin.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["End_Date"] = report.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            ["Report_Attributes"] = new JsonObject { ["Attributes_To_Show"] = new JsonArray([.. Attributes.Select(a => (JsonNode)a)]) },
            ["Exceptions"] = new JsonArray([.. report.Exceptions.Select(e => (JsonNode)Exception(e))]),
        };
        var items = new JsonArray();
        foreach (var item in report.Items)
        {
            var node = new JsonObject();
            foreach (var (key, value) in item.Fields)
            {
                node[key] = value switch
                {
                    string s => s,
                    Dictionary<string, object> d => new JsonObject(d.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, JsonValue.Create(kv.Value.ToString())))),
                    _ => null,
                };
            }

            var performance = new JsonArray();
            foreach (var ap in item.Performance)
            {
                var metrics = new JsonObject();
                foreach (var (metric, months) in ap.Performance)
                {
                    var perMonth = new JsonObject();
                    foreach (var (month, count) in months.Where(m => m.Value != 0))
                    {
                        perMonth[month] = count;
                    }

                    metrics[metric] = perMonth;
                }

                performance.Add(new JsonObject { ["Data_Type"] = ap.DataType, ["Access_Method"] = ap.AccessMethod, ["Performance"] = metrics });
            }

            node["Attribute_Performance"] = performance;
            items.Add(node);
        }

        return new JsonObject { ["Report_Header"] = header, ["Report_Items"] = items };
    }

    public static JsonObject Exception(CounterError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var node = new JsonObject { ["Code"] = e.Code, ["Message"] = e.Message };
        if (e.Data is not null)
        {
            node["Data"] = e.Data;
        }

        return node;
    }

    public static string ToTsv(CounterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var months = report.Months();
        var b = new StringBuilder();
        Line(b, "Report_Name", report.ReportName);
        Line(b, "Report_ID", report.ReportId);
        Line(b, "Release", "5.1");
        Line(b, "Institution_Name", report.InstitutionName);
        Line(b, "Institution_ID", "Proprietary:" + InstitutionId(report));
        Line(b, "Metric_Types", "");
        Line(b, "Report_Filters", "");
        Line(b, "Report_Attributes", "Attributes_To_Show=" + string.Join('|', Attributes));
        Line(b, "Exceptions", string.Join("; ", report.Exceptions.Select(e => $"{e.Code}: {e.Message}" + (e.Data is null ? "" : $" ({e.Data})"))));
        Line(b, "Reporting_Period", string.Create(CultureInfo.InvariantCulture, $"Begin_Date={report.Begin:yyyy-MM-dd}; End_Date={report.End:yyyy-MM-dd}"));
        Line(b, "Created", Created(report));
        Line(b, "Created_By", report.CreatedBy);
        Line(b, "Registry_Record", "");
        b.Append('\n');
        var columns = report.TsvItemHeaders.Concat(Attributes).Append("Metric_Type").Append("Reporting_Period_Total")
            .Concat(months.Select(m => DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMM-yyyy", CultureInfo.InvariantCulture)));
        b.Append(string.Join('\t', columns)).Append('\n');
        foreach (var item in report.Items)
        {
            foreach (var ap in item.Performance)
            {
                foreach (var (metric, counts) in ap.Performance)
                {
                    var cells = item.TsvColumns.Select(Clean)
                        .Append(ap.DataType).Append(ap.AccessMethod).Append(metric)
                        .Append(counts.Values.Sum().ToString(CultureInfo.InvariantCulture))
                        .Concat(months.Select(m => counts.GetValueOrDefault(m).ToString(CultureInfo.InvariantCulture)));
                    b.Append(string.Join('\t', cells)).Append('\n');
                }
            }
        }

        return b.ToString();
    }

    private static string InstitutionId(CounterReport r) => $"{r.ProprietaryNamespace}:{r.CustomerId}";

    private static string Created(CounterReport r) => r.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder b, string name, string value) => b.Append(name).Append('\t').Append(Clean(value)).Append('\n');

    /// <summary>Tabs and line breaks inside a value would break the table.</summary>
    private static string Clean(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}

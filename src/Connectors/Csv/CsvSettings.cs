using System.Text.Json;
using Search.Connectors.JsonApi;

namespace Search.Connectors.Csv;

/// <summary>
/// The CSV part of a <c>file</c> source's settings:
/// <c>{"path": "self-built/2024.csv", "format": "csv", "columns": {"title": "题名", "authors": "作者"},
/// "idColumn": "编号", "dateColumn": "更新日期", "delimiter": ","}</c>. The delimiter defaults to a tab for
/// <c>.tsv</c> files and a comma otherwise; <c>"\t"</c> or <c>"tab"</c> name the tab.
/// </summary>
public sealed record CsvSettings(IReadOnlyDictionary<string, string> Columns, string? IdColumn, string? DateColumn, char? Delimiter)
{
    public static CsvSettings? Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty("columns", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in map.EnumerateObject())
            {
                var column = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()?.Trim() : null;
                if (string.IsNullOrEmpty(column))
                {
                    problems.Add($"'columns.{field.Name}' must name a column of the header row.");
                }
                else if (!MappedFields.Known.Contains(field.Name))
                {
                    problems.Add($"'columns.{field.Name}' is not a field of ours; known: {string.Join(", ", MappedFields.Known)}.");
                }
                else
                {
                    columns[field.Name] = column;
                }
            }
        }

        if (!columns.ContainsKey(MappedFields.Title))
        {
            problems.Add("'columns' must map at least \"title\" to a column, e.g. {\"title\": \"题名\", \"authors\": \"作者\"}.");
        }

        char? delimiter = null;
        if (settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty("delimiter", out var d) && d.ValueKind == JsonValueKind.String)
        {
            var text = d.GetString() ?? "";
            delimiter = text switch
            {
                "\\t" or "tab" or "\t" => '\t',
                _ when text.Length == 1 && text[0] is not ('"' or '\r' or '\n') => text[0],
                _ => null,
            };
            if (delimiter is null)
            {
                problems.Add($"'delimiter' must be one character (or \"tab\"); '{text}' is not.");
            }
        }

        return problems.Count > before ? null : new CsvSettings(columns, Text(settings, "idColumn"), Text(settings, "dateColumn"), delimiter);
    }

    private static string? Text(JsonElement settings, string name) =>
        settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString()?.Trim() is { Length: > 0 } text
            ? text
            : null;
}

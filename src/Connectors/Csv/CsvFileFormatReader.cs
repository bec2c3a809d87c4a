using System.Globalization;
using System.Text.Json.Nodes;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.JsonApi;

namespace Search.Connectors.Csv;

/// <summary>
/// Reads CSV/TSV exports of self-built databases for the <c>file</c> connector (format <c>csv</c>): the first
/// row names the columns, each further row is one record. The payload is the envelope of
/// <see cref="MappedFields"/> with the source's column mapping and the row as an object keyed by column name
/// (plus <c>"_line"</c>). A row that cannot be read (bad quoting, wrong number of cells, no id) becomes a
/// problem naming its file and line; the rest of the file is read.
/// </summary>
public sealed class CsvFileFormatReader : IFileFormatReader
{
    public const string FormatName = "csv";

    public string Format => FormatName;

    public IReadOnlyCollection<string> SettingNames { get; } = ["columns", "delimiter", "idColumn", "dateColumn"];

    public string DefaultSearchPattern => "*.*sv";

    public async Task<FileContent> ReadAsync(Stream stream, FileReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        var settings = CsvSettings.Read(context.Settings, problems)
            ?? throw new InvalidDataException($"the CSV settings are not usable: {string.Join(" ", problems)}");

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var (text, _) = CsvText.Decode(buffer.ToArray());
        var delimiter = settings.Delimiter
            ?? (context.RelativePath.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',');

        var records = new List<HarvestedRecord>();
        var rowProblems = new List<HarvestProblem>();
        List<string>? header = null;
        foreach (var row in CsvParser.Parse(text, delimiter))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var where = string.Create(CultureInfo.InvariantCulture, $"{context.RelativePath} line {row.Line}");
            if (header is null)
            {
                if (row.Error is not null)
                {
                    throw new InvalidDataException($"the header row cannot be read: {row.Error}");
                }

                header = row.Cells.Select(c => c.Trim()).ToList();
                var missing = settings.Columns.Values.Concat([settings.IdColumn, settings.DateColumn])
                    .Where(c => c is not null && !header.Contains(c, StringComparer.Ordinal)).ToList();
                if (missing.Count > 0)
                {
                    throw new InvalidDataException($"the header row has no column {string.Join(", ", missing.Select(m => $"'{m}'"))} (it has {string.Join(", ", header)})");
                }

                continue;
            }

            if (row.Error is not null)
            {
                rowProblems.Add(new HarvestProblem(null, $"The row at {where} cannot be read: {row.Error}.", row.Raw));
                continue;
            }

            if (row.Cells.Count != header.Count)
            {
                rowProblems.Add(new HarvestProblem(
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"The row at {where} has {row.Cells.Count} cells where the header has {header.Count}."),
                    row.Raw));
                continue;
            }

            var cells = new JsonObject { ["_line"] = row.Line };
            for (var i = 0; i < header.Count; i++)
            {
                cells[header[i]] = row.Cells[i];
            }

            var id = settings.IdColumn is null
                ? string.Create(CultureInfo.InvariantCulture, $"{context.RelativePath}#{row.Line}")
                : row.Cells[IndexOf(header, settings.IdColumn)].Trim();
            if (id.Length == 0)
            {
                rowProblems.Add(new HarvestProblem(null, $"The row at {where} has no value in the id column '{settings.IdColumn}'.", row.Raw));
                continue;
            }

            DateTimeOffset? date = settings.DateColumn is null ? null
                : DateTimeOffset.TryParse(row.Cells[IndexOf(header, settings.DateColumn)], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : null;
            records.Add(new HarvestedRecord(context.SourceId, id, date, false, MetadataFormats.Csv, MappedFields.Envelope(settings.Columns, cells), []));
        }

        if (header is null)
        {
            throw new InvalidDataException("the file has no header row");
        }

        return new FileContent(records, rowProblems);
    }

    private static int IndexOf(List<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

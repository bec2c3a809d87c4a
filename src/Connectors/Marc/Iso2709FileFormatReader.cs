using Search.Connectors.Files;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Marc;

/// <summary>
/// Reads ISO 2709 MARC files (<c>"format": "iso2709"</c>) for <see cref="FileConnector"/>. Each record becomes a
/// MARCXML payload (<c>marcxml</c> for MARC 21, <c>unimarc</c> for UNIMARC/CNMARC); a record that cannot be read
/// is a problem with its reason, and the records after it are still read.
/// </summary>
public sealed class Iso2709FileFormatReader : IFileFormatReader
{
    public const string FormatName = "iso2709";

    /// <summary>Files larger than this are refused as a whole rather than read into memory.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public string Format => FormatName;

    public IReadOnlyCollection<string> SettingNames { get; } = ["marcFlavour", "encoding"];

    public string DefaultSearchPattern => "*.mrc";

    public async Task<FileContent> ReadAsync(Stream stream, FileReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        var marc = MarcSourceSettings.Read(context.Settings, []);
        if (stream.CanSeek && stream.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"the file is {stream.Length} bytes, more than the {MaxFileBytes} bytes an ISO 2709 file may have here; split it");
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var data = buffer.ToArray();
        if (data.Length > 0 && data[0] == (byte)'<')
        {
            throw new InvalidDataException("the file is XML, not ISO 2709 (use the format \"marcxml\")");
        }

        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        foreach (var entry in Iso2709Reader.ReadAll(data, marc.Encoding))
        {
            var fallbackId = $"{context.RelativePath}#{entry.Number}";
            if (entry.Record is not { } record)
            {
                problems.Add(new HarvestProblem(
                    fallbackId,
                    $"ISO 2709 record {entry.Number} (byte {entry.Offset}) of '{context.RelativePath}' cannot be read: {entry.Problem}.",
                    entry.Raw));
                continue;
            }

            var id = record.ControlValue("001")?.Trim();
            records.Add(new HarvestedRecord(
                context.SourceId,
                string.IsNullOrEmpty(id) ? fallbackId : id,
                null,
                false,
                marc.FormatFor(record.Fields.Select(f => f.Tag)),
                MarcXmlWriter.Write(record),
                []));
        }

        return new FileContent(records, problems);
    }
}

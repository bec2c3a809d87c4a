using System.Text.Json;
using System.Xml;
using Search.Connectors.Files;

namespace Search.Connectors.OaiPmh;

/// <summary>
/// Reads dumps of OAI-PMH <c>ListRecords</c> answers (one answer per file) for <see cref="FileConnector"/>.
/// The metadata prefix is the source's optional <c>"metadataPrefix"</c> setting, else the one the dump echoes
/// in its <c>&lt;request&gt;</c>.
/// </summary>
public sealed class OaiPmhFileFormatReader : IFileFormatReader
{
    public const string FormatName = "oai-pmh";

    public string Format => FormatName;

    public IReadOnlyCollection<string> SettingNames { get; } = ["metadataPrefix"];

    public string DefaultSearchPattern => "*.xml";

    public async Task<FileContent> ReadAsync(Stream stream, FileReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? prefix = null;
        if (context.Settings.ValueKind == JsonValueKind.Object
            && context.Settings.TryGetProperty("metadataPrefix", out var value)
            && value.ValueKind == JsonValueKind.String)
        {
            prefix = value.GetString();
        }

        OaiPmhListPage page;
        try
        {
            page = await OaiPmhResponseReader.ReadListAsync(stream, context.SourceId, prefix, cancellationToken);
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"not an OAI-PMH XML document ({ex.Message})", ex);
        }

        if (page.Error is { Code: OaiPmhError.NoRecordsMatch })
        {
            return new FileContent([], []);
        }

        if (page.Error is { } error)
        {
            throw new InvalidDataException($"the file holds the OAI-PMH error {error}");
        }

        if (page.Verb != "ListRecords")
        {
            throw new InvalidDataException(page.Verb is null
                ? "the file holds no ListRecords list"
                : $"the file holds a {page.Verb} answer (headers only), not ListRecords");
        }

        return new FileContent(page.Records, page.Problems);
    }
}

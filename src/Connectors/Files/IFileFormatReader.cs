using System.Text.Json;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Files;

/// <summary>
/// Reads one dump file of one format for <see cref="FileConnector"/>. Register one per format; the source's
/// <c>"format"</c> setting picks it by <see cref="Format"/> (case-insensitive).
/// </summary>
public interface IFileFormatReader
{
    /// <summary>The name used in a source's settings: <c>oai-pmh</c>, <c>marcxml</c>, <c>iso2709</c>, <c>csv</c>...</summary>
    string Format { get; }

    /// <summary>The files of a folder this format reads unless the source says otherwise (<c>*.xml</c>, <c>*.mrc</c>).</summary>
    string DefaultSearchPattern { get; }

    /// <summary>The source settings this format reads besides the file connector's own (path, format, pattern).</summary>
    IReadOnlyCollection<string> SettingNames => [];

    /// <summary>
    /// Reads the whole file. Records or rows that cannot be read become problems; when the file as a whole is not
    /// of this format, throw <see cref="InvalidDataException"/>: the file is quarantined and the harvest goes on.
    /// </summary>
    Task<FileContent> ReadAsync(Stream stream, FileReadContext context, CancellationToken cancellationToken);
}

/// <summary>What a format reader knows about the file it reads.</summary>
/// <param name="SourceId">The source being harvested.</param>
/// <param name="RelativePath">The file's path relative to the source's folder, with <c>/</c> separators.</param>
/// <param name="Settings">The source's whole settings object, for format-specific options.</param>
public sealed record FileReadContext(string SourceId, string RelativePath, JsonElement Settings);

/// <summary>What one file held.</summary>
public sealed record FileContent(IReadOnlyList<HarvestedRecord> Records, IReadOnlyList<HarvestProblem> Problems);

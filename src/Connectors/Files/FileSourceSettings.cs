using Search.Connectors.Harvesting;
using System.Text.Json;

namespace Search.Connectors.Files;

/// <summary>Where <see cref="FileConnector"/> finds its dumps.</summary>
/// <param name="BaseDirectory">The absolute folder relative source paths are resolved against (the config folder).</param>
/// <param name="AllowedFolders">The folders a source's path must lie in (see <see cref="FileConfinement"/>); null or empty: the base directory only.</param>
public sealed record FileConnectorOptions(string BaseDirectory, IReadOnlyList<string>? AllowedFolders = null);

/// <summary>
/// A source's settings for <see cref="FileConnector"/>: <c>{"path": "demo/oai", "format": "oai-pmh"}</c>, and
/// optionally <c>"pattern"</c> (which files of a folder, e.g. <c>"*.xml"</c>; the format's default otherwise).
/// </summary>
/// <param name="Path">A file or a folder (read recursively), absolute or relative to the base directory.</param>
/// <param name="Format">The format reader's name.</param>
/// <param name="Pattern">The file name pattern for folders, or null for the format's default.</param>
public sealed record FileSourceSettings(string Path, string Format, string? Pattern)
{
    /// <summary>Reads the settings; returns null and adds to <paramref name="problems"/> when they are not usable.</summary>
    public static FileSourceSettings? Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (settings.ValueKind != JsonValueKind.Object)
        {
            problems.Add("The settings must be a JSON object with \"path\" and \"format\".");
            return null;
        }

        var before = problems.Count;
        var path = SettingsReader.ReadString(settings, "path", problems);
        if (path is null)
        {
            problems.Add("'path' is required: a dump file or a folder of dumps.");
        }

        var format = SettingsReader.ReadString(settings, "format", problems);
        if (format is null)
        {
            problems.Add("'format' is required, e.g. \"oai-pmh\".");
        }

        var pattern = SettingsReader.ReadString(settings, "pattern", problems);
        if (pattern is not null && (pattern.Contains('/', StringComparison.Ordinal) || pattern.Contains('\\', StringComparison.Ordinal)))
        {
            problems.Add($"'pattern' is a file name pattern like \"*.xml\", without folders; '{pattern}' is not.");
        }

        return problems.Count > before || path is null || format is null ? null : new FileSourceSettings(path, format, pattern);
    }

}

using Search.Connectors.Harvesting;
using System.Text.Json;
using Search.Connectors.Http;

namespace Search.Connectors.OaiPmh;

/// <summary>
/// A source's settings for <see cref="OaiPmhConnector"/>:
/// <c>{"baseUrl": "https://repo.example.org/oai", "metadataPrefix": "oai_dc", "set": "physics",
/// "from": "2020-01-01", "http": {...}}</c>. Only <c>baseUrl</c> is required.
/// </summary>
/// <param name="BaseUrl">The repository's absolute http(s) base URL.</param>
/// <param name="MetadataPrefix">The format to harvest (<c>oai_dc</c> unless told).</param>
/// <param name="Set">The set (collection) to harvest, or null for everything.</param>
/// <param name="From">Where the first harvest starts (a datestamp), or null for everything.</param>
/// <param name="Http">Time limit, retries and politeness for the repository.</param>
public sealed record OaiPmhSettings(Uri BaseUrl, string MetadataPrefix, string? Set, string? From, HttpPolicy Http)
{
    public const string DefaultMetadataPrefix = "oai_dc";

    /// <summary>
    /// When set, a first harvest is cut into windows of this many days from <c>from</c> (or the repository's
    /// earliestDatestamp) to the partner's clock, each checkpointed: large repositories, and partners whose
    /// resumption tokens expire, are harvested a window at a time.
    /// </summary>
    public int? WindowDays { get; init; }

    /// <summary>Reads the settings; returns null and adds to <paramref name="problems"/> when they are not usable.</summary>
    public static OaiPmhSettings? Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        if (settings.ValueKind != JsonValueKind.Object)
        {
            problems.Add("The settings must be a JSON object with at least \"baseUrl\".");
            return null;
        }

        var baseUrl = SettingsReader.ReadHttpUrl(settings, "baseUrl", "the repository's OAI-PMH address, e.g. \"https://repo.example.org/oai\"", problems);

        var prefix = SettingsReader.ReadString(settings, "metadataPrefix", problems) ?? DefaultMetadataPrefix;
        if (prefix.Any(char.IsWhiteSpace))
        {
            problems.Add($"'metadataPrefix' must not contain spaces; '{prefix}' does.");
        }

        var set = SettingsReader.ReadString(settings, "set", problems);
        var from = SettingsReader.ReadString(settings, "from", problems);
        if (from is not null && OaiPmhDates.Parse(from) is null)
        {
            problems.Add($"'from' must be a date like 2020-01-31 or 2020-01-31T08:00:00Z; '{from}' is not.");
        }

        int? windowDays = null;
        if (settings.TryGetProperty("windowDays", out var window) && window.ValueKind != JsonValueKind.Null)
        {
            if (window.ValueKind == JsonValueKind.Number && window.TryGetInt32(out var days) && days is >= 1 and <= 36_500)
            {
                windowDays = days;
            }
            else
            {
                problems.Add("'windowDays' must be a whole number of days from 1 to 36500.");
            }
        }

        var http = HttpPolicy.FromSettings(settings, problems);
        return problems.Count > before || baseUrl is null ? null : new OaiPmhSettings(baseUrl, prefix, set, from, http) { WindowDays = windowDays };
    }

}

using Search.Connectors.Harvesting;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Search.Connectors.Http;
using Search.Connectors.Marc;

namespace Search.Connectors.Sru;

/// <summary>
/// A source's settings for <see cref="SruConnector"/>:
/// <c>{"baseUrl": "http://z3950.example.org:210/biblio", "query": "dc.title = 科技", "recordSchema": "marcxml",
/// "maximumRecords": 50, "version": "1.2", "marcFlavour": "auto", "http": {...}}</c>. <c>baseUrl</c> and
/// <c>query</c> are required.
/// </summary>
/// <param name="BaseUrl">The SRU endpoint (database address included).</param>
/// <param name="Query">The CQL query whose result set is harvested.</param>
/// <param name="RecordSchema">The schema asked for: <c>marcxml</c> (or <c>marc21</c>, <c>unimarc</c>), <c>dc</c>, or the partner's own name.</param>
/// <param name="MaximumRecords">Records asked for per page.</param>
/// <param name="Version">The SRU version spoken: 1.2 or 2.0.</param>
/// <param name="Marc">How MARC records are told apart (MARC 21 or UNIMARC).</param>
/// <param name="Http">Time limit, retries and politeness for the endpoint.</param>
public sealed record SruSettings(Uri BaseUrl, string Query, string RecordSchema, int MaximumRecords, string Version, MarcSourceSettings Marc, HttpPolicy Http)
{
    public const int DefaultMaximumRecords = 50;
    public const int MaxMaximumRecords = 1000;
    public const string DefaultVersion = "1.2";
    public const string DefaultRecordSchema = "marcxml";

    /// <summary>A short hash of what decides the result set, so a changed query or schema starts again from record 1.</summary>
    public string ResultSetHash
    {
        get
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{BaseUrl}\n{Query}\n{RecordSchema}"));
            return Convert.ToHexStringLower(bytes)[..16];
        }
    }

    /// <summary>Reads the settings; returns null and adds to <paramref name="problems"/> when they are not usable.</summary>
    public static SruSettings? Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        if (settings.ValueKind != JsonValueKind.Object)
        {
            problems.Add("The settings must be a JSON object with at least \"baseUrl\" and \"query\".");
            return null;
        }

        var baseUrl = SettingsReader.ReadHttpUrl(settings, "baseUrl", "the SRU endpoint, e.g. \"http://sru.example.org:210/biblio\"", problems);

        var query = SettingsReader.ReadString(settings, "query", problems);
        if (query is null)
        {
            problems.Add("'query' is required: the CQL query to harvest, e.g. \"dc.title = physics\" or \"cql.allRecords = 1\".");
        }

        var schema = SettingsReader.ReadString(settings, "recordSchema", problems) ?? DefaultRecordSchema;
        var version = SettingsReader.ReadString(settings, "version", problems) ?? DefaultVersion;
        if (version is not ("1.1" or "1.2" or "2.0"))
        {
            problems.Add($"'version' must be \"1.2\" or \"2.0\"; '{version}' is not.");
        }

        var maximum = DefaultMaximumRecords;
        if (settings.TryGetProperty("maximumRecords", out var max) && max.ValueKind != JsonValueKind.Null)
        {
            if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out maximum) || maximum < 1 || maximum > MaxMaximumRecords)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"'maximumRecords' must be a whole number from 1 to {MaxMaximumRecords}."));
            }
        }

        var marc = MarcSourceSettings.Read(settings, problems);
        var http = HttpPolicy.FromSettings(settings, problems);
        return problems.Count > before || baseUrl is null || query is null
            ? null
            : new SruSettings(baseUrl, query, schema, maximum, version, marc, http);
    }

}

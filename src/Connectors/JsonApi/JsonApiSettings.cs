using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.Http;

namespace Search.Connectors.JsonApi;

/// <summary>How a JSON API pages through its records.</summary>
public enum JsonPagingMode
{
    /// <summary><c>page</c> (from <see cref="JsonApiSettings.FirstPage"/>) and <c>pageSize</c> parameters.</summary>
    Page,

    /// <summary>An <c>offset</c> (from 0) and <c>pageSize</c> parameter.</summary>
    Offset,

    /// <summary>The next page's cursor is read from the answer and sent back as a parameter.</summary>
    Cursor,
}

/// <summary>
/// A source's settings for <see cref="JsonApiConnector"/> (see the README's connector table):
/// <code>
/// {"url": "https://api.example.org/v1/papers?db=journal",
///  "paging": {"mode": "page", "pageParam": "page", "sizeParam": "pageSize", "pageSize": 50, "firstPage": 1},
///  "recordsPath": "data.items", "idPath": "id", "datePath": "updatedAt", "deletedPath": null,
///  "fromParam": "updatedSince",
///  "fields": {"title": "title", "authors": "authors[*].name", "year": "year"},
///  "apiKey": {"header": "X-Api-Key", "env": "NSTL_API_KEY"}, "http": {...}}
/// </code>
/// Offset paging uses <c>offsetParam</c>; cursor paging <c>cursorParam</c> and <c>cursorPath</c> (where the
/// answer gives the next cursor; none or empty ends the list). The API key is either <c>"value"</c> or, better,
/// <c>"env"</c>: the name of an environment variable holding it.
/// </summary>
public sealed record JsonApiSettings(
    Uri Url,
    JsonPagingMode Mode,
    string PageParam,
    string SizeParam,
    int PageSize,
    int FirstPage,
    string OffsetParam,
    string CursorParam,
    string? CursorPath,
    string RecordsPath,
    string IdPath,
    string? DatePath,
    string? DeletedPath,
    string? FromParam,
    IReadOnlyDictionary<string, string> Fields,
    string? ApiKeyHeader,
    string? ApiKeyValue,
    string? ApiKeyEnv,
    int MaxPages,
    HttpPolicy Http)
{
    /// <summary>Reads the settings; null with problems added when they are not usable.</summary>
    public static JsonApiSettings? Read(JsonElement settings, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (settings.ValueKind != JsonValueKind.Object)
        {
            problems.Add("The settings must be a JSON object with \"url\", \"recordsPath\", \"idPath\" and \"fields\".");
            return null;
        }

        var before = problems.Count;
        var urlText = SettingsReader.ReadString(settings, "url", problems);
        Uri? url = null;
        if (urlText is null)
        {
            problems.Add("'url' is required: the API's address (paging parameters are added to its query).");
        }
        else if (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"'url' must be an absolute http or https address; '{urlText}' is not.");
        }

        var mode = JsonPagingMode.Page;
        string pageParam = "page", sizeParam = "pageSize", offsetParam = "offset", cursorParam = "cursor";
        string? cursorPath = null;
        int pageSize = 50, firstPage = 1;
        if (settings.TryGetProperty("paging", out var paging) && paging.ValueKind == JsonValueKind.Object)
        {
            var modeText = SettingsReader.ReadString(paging, "mode", problems) ?? "page";
            if (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode))
            {
                problems.Add($"'paging.mode' must be \"page\", \"offset\" or \"cursor\"; '{modeText}' is not.");
            }

            pageParam = SettingsReader.ReadString(paging, "pageParam", problems) ?? pageParam;
            sizeParam = SettingsReader.ReadString(paging, "sizeParam", problems) ?? sizeParam;
            offsetParam = SettingsReader.ReadString(paging, "offsetParam", problems) ?? offsetParam;
            cursorParam = SettingsReader.ReadString(paging, "cursorParam", problems) ?? cursorParam;
            cursorPath = Path(paging, "cursorPath", problems);
            pageSize = Number(paging, "pageSize", 50, 1, 10_000, problems);
            firstPage = Number(paging, "firstPage", 1, 0, 1, problems);
            if (mode == JsonPagingMode.Cursor && cursorPath is null)
            {
                problems.Add("'paging.cursorPath' is required with cursor paging: where the answer gives the next cursor.");
            }
        }
        else if (settings.TryGetProperty("paging", out var other) && other.ValueKind != JsonValueKind.Null)
        {
            problems.Add("'paging' must be an object, e.g. {\"mode\": \"page\", \"pageSize\": 50}.");
        }

        var recordsPath = Path(settings, "recordsPath", problems);
        if (recordsPath is null)
        {
            problems.Add("'recordsPath' is required: where the answer lists the records, e.g. \"data.items\".");
        }

        var idPath = Path(settings, "idPath", problems);
        if (idPath is null)
        {
            problems.Add("'idPath' is required: the record's identifier within a record, e.g. \"id\".");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (settings.TryGetProperty("fields", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in map.EnumerateObject())
            {
                var path = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null;
                if (JsonPaths.Check(path) is { } problem)
                {
                    problems.Add($"'fields.{field.Name}': {problem}.");
                    continue;
                }

                if (!MappedFields.Known.Contains(field.Name))
                {
                    problems.Add($"'fields.{field.Name}' is not a field of ours; known: {string.Join(", ", MappedFields.Known)}.");
                    continue;
                }

                fields[field.Name] = path!;
            }
        }

        if (!fields.ContainsKey(MappedFields.Title))
        {
            problems.Add("'fields' must map at least \"title\", e.g. {\"title\": \"title\", \"authors\": \"authors[*].name\"}.");
        }

        string? keyHeader = null, keyValue = null, keyEnv = null;
        if (settings.TryGetProperty("apiKey", out var key) && key.ValueKind == JsonValueKind.Object)
        {
            keyHeader = SettingsReader.ReadString(key, "header", problems);
            keyValue = SettingsReader.ReadString(key, "value", problems);
            keyEnv = SettingsReader.ReadString(key, "env", problems);
            if (keyHeader is null || (keyValue is null && keyEnv is null))
            {
                problems.Add("'apiKey' needs \"header\" and either \"env\" (an environment variable's name) or \"value\".");
            }
        }

        var http = HttpPolicy.FromSettings(settings, problems);
        var maxPages = Number(settings, "maxPages", 100_000, 1, 10_000_000, problems);
        return problems.Count > before || url is null || recordsPath is null || idPath is null
            ? null
            : new JsonApiSettings(url, mode, pageParam, sizeParam, pageSize, firstPage, offsetParam, cursorParam, cursorPath,
                recordsPath, idPath, Path(settings, "datePath", problems), Path(settings, "deletedPath", problems),
                SettingsReader.ReadString(settings, "fromParam", problems), fields, keyHeader, keyValue, keyEnv, maxPages, http);
    }

    /// <summary>The API key's header and value, or none; throws when the environment variable is missing.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ApiKeyHeaders()
    {
        if (ApiKeyHeader is null)
        {
            return [];
        }

        var value = ApiKeyValue;
        if (ApiKeyEnv is not null)
        {
            value = Environment.GetEnvironmentVariable(ApiKeyEnv);
            if (string.IsNullOrEmpty(value))
            {
                throw new Harvesting.ConnectorException($"The environment variable '{ApiKeyEnv}' that should hold the API key is not set.");
            }
        }

        return [new(ApiKeyHeader, value!)];
    }


    private static string? Path(JsonElement settings, string name, ICollection<string> problems)
    {
        var text = SettingsReader.ReadString(settings, name, problems);
        if (text is not null && JsonPaths.Check(text) is { } problem)
        {
            problems.Add($"'{name}': {problem}.");
            return null;
        }

        return text;
    }

    private static int Number(JsonElement settings, string name, int fallback, int min, int max, ICollection<string> problems)
    {
        if (!settings.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max)
        {
            return n;
        }

        problems.Add($"'{name}' must be a whole number from {min} to {max}.");
        return fallback;
    }
}

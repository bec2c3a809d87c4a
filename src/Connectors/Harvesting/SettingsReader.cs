using System.Text.Json;

namespace Search.Connectors.Harvesting;

/// <summary>Reads values from a source's settings JSON, collecting every problem for the librarian at once.</summary>
public static class SettingsReader
{
    /// <summary>A trimmed string, or null when absent, null or empty; a value of another kind is a problem.</summary>
    public static string? ReadString(JsonElement settings, string name, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!settings.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"'{name}' must be a string.");
            return null;
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>A required absolute http(s) address; <paramref name="what"/> explains it in the problem when missing.</summary>
    public static Uri? ReadHttpUrl(JsonElement settings, string name, string what, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = ReadString(settings, name, problems);
        if (text is null)
        {
            problems.Add($"'{name}' is required: {what}.");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"'{name}' must be an absolute http or https address; '{text}' is not.");
            return null;
        }

        return url;
    }
}

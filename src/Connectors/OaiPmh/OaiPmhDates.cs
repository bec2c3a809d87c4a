using System.Globalization;

namespace Search.Connectors.OaiPmh;

/// <summary>The two datestamp granularities OAI-PMH 2.0 allows.</summary>
public enum OaiPmhGranularity
{
    /// <summary><c>YYYY-MM-DD</c>: every repository supports it.</summary>
    Day,

    /// <summary><c>YYYY-MM-DDThh:mm:ssZ</c>.</summary>
    Seconds,
}

/// <summary>Reads and writes OAI-PMH UTC datestamps.</summary>
public static class OaiPmhDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    /// <summary>Reads the granularity named in an Identify answer; anything but the seconds form is days.</summary>
    public static OaiPmhGranularity ParseGranularity(string? text) =>
        string.Equals(text?.Trim(), "YYYY-MM-DDThh:mm:ssZ", StringComparison.Ordinal)
            ? OaiPmhGranularity.Seconds
            : OaiPmhGranularity.Day;

    /// <summary>Reads a UTC datestamp (day or seconds granularity); null when it is not one.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(
            text.Trim(),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value)
            ? value
            : null;
    }

    /// <summary>Writes a datestamp as a partner with the given granularity expects it (days drop the time).</summary>
    public static string Format(DateTimeOffset value, OaiPmhGranularity granularity)
    {
        var utc = value.ToUniversalTime();
        return granularity == OaiPmhGranularity.Day
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}

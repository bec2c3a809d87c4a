using System.Globalization;

namespace Search.Api.Oai;

/// <summary>The two granularities of <c>from</c> and <c>until</c>.</summary>
public enum OaiGranularity
{
    Day,
    Second,
}

/// <summary>A <c>from</c> or <c>until</c> argument: the moment it names and the granularity it was written in.</summary>
public readonly record struct OaiDate(DateTimeOffset Value, OaiGranularity Granularity)
{
    public const string SecondPattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string DayPattern = "yyyy-MM-dd";

    /// <summary>A UTC datestamp as OAI-PMH writes it, whole seconds.</summary>
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString(SecondPattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>YYYY-MM-DD</c> or <c>YYYY-MM-DDThh:mm:ssZ</c>; anything else is badArgument. A day as <c>until</c> means its
    /// last second (<paramref name="endOfDay"/>), as <c>from</c> its first.
    /// </summary>
    public static OaiDate Parse(string name, string text, bool endOfDay)
    {
        ArgumentNullException.ThrowIfNull(text);
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text.Length == 10 && DateTimeOffset.TryParseExact(text, DayPattern, CultureInfo.InvariantCulture, Utc, out var day))
        {
            return new OaiDate(endOfDay ? day.AddSeconds(86399) : day, OaiGranularity.Day);
        }

        if (text.Length == 20 && DateTimeOffset.TryParseExact(text, SecondPattern, CultureInfo.InvariantCulture, Utc, out var second))
        {
            return new OaiDate(second, OaiGranularity.Second);
        }

        throw new OaiErrorException(OaiError.BadArgument($"{name}: '{text}' is not a date (YYYY-MM-DD) nor a UTC time (YYYY-MM-DDThh:mm:ssZ)."));
    }
}

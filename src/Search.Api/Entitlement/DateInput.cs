using System.Globalization;

namespace Search.Api.Entitlement;

/// <summary>
/// Dates in the librarian API: a full ISO 8601 timestamp, or a date (<c>2026-12-31</c>, taken in UTC). A
/// date as the end of a period means the whole of that day.
/// </summary>
public static class DateInput
{
    public static bool TryParse(string? text, bool endOfPeriod, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = endOfPeriod ? start.AddDays(1).AddTicks(-1) : start;
            return true;
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}

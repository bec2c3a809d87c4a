using System.Globalization;
using Search.Connectors.OaiPmh;

namespace Search.Connectors.Tests.OaiPmh;

public class OaiPmhDatesTests
{
    [TestCase("2024-01-01T00:00:00Z")]
    [TestCase("2024-02-29T23:59:59Z")]
    [TestCase("2023-02-29T00:00:00Z")]
    [TestCase("2024-13-01T00:00:00Z")]
    [TestCase("2024-00-10T00:00:00Z")]
    [TestCase("2024-01-01T24:00:00Z")]
    [TestCase("2024-01-01T23:60:00Z")]
    [TestCase("2024-01-01T23:59:60Z")]
    [TestCase("0000-01-01T00:00:00Z")]
    [TestCase("2024-01-01 00:00:00Z")]
    [TestCase("2024-01-01T00:00:00z")]
    [TestCase("２０２４-01-01T00:00:00Z")]
    [TestCase(" 2024-01-01T00:00:0Z")]
    [TestCase("2024-01-01T00:00:00.5Z")]
    [TestCase("2024-01-01")]
    [TestCase("2024-01-01T10:30Z")]
    public void Datestamps_read_by_hand_read_as_the_formats_read_them(string text)
    {
        var expected = DateTimeOffset.TryParseExact(
            text.Trim(),
            ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm'Z'"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var value)
            ? value
            : (DateTimeOffset?)null;

        var parsed = OaiPmhDates.Parse(text);

        Assert.That(parsed, Is.EqualTo(expected));
        Assert.That(parsed?.Offset, Is.EqualTo(expected?.Offset));
    }
}

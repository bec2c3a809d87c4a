using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Search.Connectors.Harvesting;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Maps a standards catalogue detail page, as cut by the standards connector
/// (<c>{"url", "fields": {"number": [...], "titleZh": [...], ...}}</c>), to a record of type <c>standard</c>:
/// the number in one form (<see cref="StandardNumbers"/>), the Chinese title (the English one as alternative),
/// status (现行, 即将实施, 废止) as a subject <c>状态:现行</c>, issue and implementation dates, replaced standards
/// (as other identifiers and keywords), ICS and CCS classes, the issuing body as organization and publisher.
/// </summary>
public sealed partial class StandardHtmlMapper : IRecordMapper
{
    /// <summary>The statuses the catalogue shows, in the words used as the record's status subject.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["现行", "即将实施", "废止", "被代替"];

    [GeneratedRegex(@"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    [GeneratedRegex(@"(?<![\d.])\d{2}\.\d{3}(?:\.\d{2})?(?![\d.])|(?<![A-Z])[A-Z]\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ClassShape();

    public string Format => MetadataFormats.StandardHtml;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.Payload))
        {
            throw new MappingException($"standard-html record '{record.ExternalId}' has no payload.");
        }

        Dictionary<string, List<string>> fields;
        string? url;
        try
        {
            using var document = JsonDocument.Parse(record.Payload);
            url = document.RootElement.TryGetProperty("url", out var u) ? u.GetString() : null;
            fields = document.RootElement.GetProperty("fields").EnumerateObject().ToDictionary(
                f => f.Name,
                f => f.Value.EnumerateArray().Select(v => TextNormalizer.Normalize(v.GetString())).Where(v => v.Length > 0).ToList(),
                StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MappingException($"standard-html payload is not a cut detail page: {ex.Message}", ex);
        }

        List<string> Values(string name) => fields.GetValueOrDefault(name) ?? [];
        string? First(string name) => Values(name) is [var first, ..] ? first : null;

        var number = Values("number").Select(StandardNumbers.Normalize).FirstOrDefault(n => n is not null)
            ?? throw new MappingException($"standard-html record '{record.ExternalId}' has no standard number that reads as one ('{First("number")}').");
        var title = First("titleZh") ?? First("titleEn")
            ?? throw new MappingException($"standard {number} has no title.");

        var result = MappedRecords.Start(record, StripLabel(title), RecordTypes.Standard);
        result.Language = "chi";
        result.Identifiers.StandardNumbers.Add(number);
        // Also a keyword: identifier fields match the number written as one word (GB/T42354-2023); the analyzed
        // keyword field matches it typed with a space, as a phrase or as words.
        result.Keywords.Add(number);
        result.AlternativeTitles.AddDistinct(Values("titleEn").Select(StripLabel).Where(t => !string.Equals(t, result.Title, StringComparison.Ordinal)));

        var status = Values("status").Select(StripLabel).Select(s => Statuses.FirstOrDefault(k => s.Contains(k, StringComparison.Ordinal))).FirstOrDefault(s => s is not null);
        if (status is not null)
        {
            result.Subjects.AddDistinct("状态:" + status);
        }

        var issued = Values("issueDate").Select(ParseDate).FirstOrDefault(d => d is not null);
        var implemented = Values("implementationDate").Select(ParseDate).FirstOrDefault(d => d is not null);
        result.Year = issued?.Year ?? implemented?.Year ?? Years.Extract(number[(number.LastIndexOf('-') + 1)..]);
        result.Datestamp ??= issued;
        if (issued is { } i)
        {
            result.Subjects.AddDistinct("发布日期:" + i.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (implemented is { } m)
        {
            result.Subjects.AddDistinct("实施日期:" + m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        foreach (var replaced in Values("replaces").Concat(Values("replacedBy")).SelectMany(SplitNumbers))
        {
            if (StandardNumbers.Normalize(replaced) is { } other && other != number)
            {
                result.Identifiers.Other.AddDistinct(other);
                result.Keywords.AddDistinct(other);
            }
        }

        foreach (var value in Values("ics").Concat(Values("ccs")).Select(StripLabel))
        {
            result.Classifications.AddDistinct(ClassShape().Matches(TextNormalizer.Normalize(value, WidthFolding.All).ToUpperInvariant()).Select(c => c.Value));
        }

        foreach (var body in Values("issuer").Concat(Values("proposer")).Select(StripLabel))
        {
            result.Organizations.AddDistinct(NameList.Split(body));
        }

        result.Publisher = Values("issuer").Select(StripLabel).FirstOrDefault();
        result.Authors.AddDistinct(Values("drafters").SelectMany(d => NameList.Split(StripLabel(d))));
        result.Abstract = Values("abstract").Select(StripLabel).FirstOrDefault();
        if (RecordLists.AsWebUrl(url) is { } link)
        {
            result.Links.AddLink(link, LinkKinds.Landing);
        }

        return result;
    }

    /// <summary>The value without a leading label such as "标准号：" or "ICS:".</summary>
    private static string StripLabel(string text)
    {
        var colon = text.IndexOfAny([':', '：']);
        return colon is > 0 and <= 8 && !text[..colon].Any(char.IsAsciiDigit) ? text[(colon + 1)..].Trim() : text;
    }

    private static IEnumerable<string> SplitNumbers(string text) =>
        StripLabel(text).Split(['；', ';', '，', ',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DateTimeOffset? ParseDate(string text)
    {
        var match = DateShape().Match(TextNormalizer.Normalize(text, WidthFolding.All));
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero)
            : null;
    }
}

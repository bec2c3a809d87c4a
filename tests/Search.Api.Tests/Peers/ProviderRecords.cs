using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Search.Api.Tests.Peers;

/// <summary>
/// Realistic records for <see cref="OaiProvider"/>, built from the 1,000 CSL paper records in
/// TestData/csl (titles, abstracts, keywords, categories of real Chinese journal papers).
/// </summary>
public static class ProviderRecords
{
    /// <summary>setSpecs for the 13 CSL categories (门类); setSpecs must be ASCII.</summary>
    public static IReadOnlyDictionary<string, string> SetSpecForCategory { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["工学"] = "engineering",
        ["理学"] = "science",
        ["医学"] = "medicine",
        ["农学"] = "agriculture",
        ["管理学"] = "management",
        ["经济学"] = "economics",
        ["法学"] = "law",
        ["教育学"] = "education",
        ["文学"] = "literature",
        ["历史学"] = "history",
        ["哲学"] = "philosophy",
        ["艺术学"] = "art",
        ["军事学"] = "military",
    };

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"];

    private static readonly Lazy<IReadOnlyList<CslRow>> Rows = new(LoadRows);

    /// <summary>The default datestamp of the first generated record.</summary>
    public static DateTimeOffset DefaultFirstDatestamp { get; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="count"/> distinct records: ids <c>{idPrefix}00000</c>, <c>{idPrefix}00001</c>, ...;
    /// datestamps <paramref name="firstDatestamp"/> (default 2024-01-01T00:00:00Z) plus i ×
    /// <paramref name="step"/> (default one minute). Record i takes CSL row i mod 1000; past the first
    /// thousand, titles get a "（n）" suffix and identifiers a "-n" suffix so they stay distinct.
    /// </summary>
    public static IReadOnlyList<ProviderRecord> Generate(
        int count, DateTimeOffset? firstDatestamp = null, TimeSpan? step = null, string idPrefix = "rec-")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(idPrefix);
        var first = firstDatestamp ?? DefaultFirstDatestamp;
        var interval = step ?? TimeSpan.FromMinutes(1);
        var rows = Rows.Value;

        var records = new ProviderRecord[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i % rows.Count];
            var round = i / rows.Count;
            var suffix = round == 0 ? "" : (round + 1).ToString(CultureInfo.InvariantCulture);
            records[i] = new ProviderRecord
            {
                Id = idPrefix + i.ToString("D5", CultureInfo.InvariantCulture),
                Datestamp = first + (interval * i),
                SetSpecs = SetSpecForCategory.TryGetValue(row.Category, out var set) ? [set] : [],
                Titles = [round == 0 ? row.Title : $"{row.Title}（{suffix}）"],
                Creators = [Person(i), Person((i * 7) + 3)],
                Subjects = row.Keywords,
                Description = row.Abstract,
                Date = (2010 + (i % 11)).ToString(CultureInfo.InvariantCulture),
                Type = "journal article",
                Identifiers = [round == 0 ? $"csl:{row.Id}" : $"csl:{row.Id}-{suffix}"],
                Language = "chi",
            };
        }

        return records;
    }

    private static string Person(int n) => Surnames[n % Surnames.Length] + GivenNames[(n / Surnames.Length) % GivenNames.Length];

    private static List<CslRow> LoadRows()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "csl", "csl-dev-1000.jsonl");
        var rows = new List<CslRow>();
        foreach (var line in File.ReadLines(path))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                rows.Add(JsonSerializer.Deserialize<CslRow>(line) ?? throw new InvalidDataException($"Empty CSL row in {path}"));
            }
        }

        return rows;
    }

    private sealed record CslRow(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("abstract")] string Abstract,
        [property: JsonPropertyName("keywords")] IReadOnlyList<string> Keywords,
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("discipline")] string Discipline);
}

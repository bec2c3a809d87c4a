using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Generation;

/// <summary>A record type with its share of the corpus and the words partners write for it in dc:type.</summary>
internal sealed record RecordKind(string Type, double EnglishShare, string[] ChineseWords, string[] EnglishWords, int FirstYear);

/// <summary>
/// The type mix of a Chinese literature platform (journal articles dominate, then theses; patents, conference
/// papers, standards, reports and books make up the rest) and the year curve: output grows about 8% a year to
/// 2015 and slowly after; 2026 is a partial year.
/// </summary>
internal static class RecordKinds
{
    public static readonly Weighted<RecordKind> All = new(
    [
        (new RecordKind("journal-article", 0.07, ["期刊论文", "期刊论文", "期刊论文", "journal article", "Journal Article", "期刊"], ["Journal Article", "journal article", "article"], 1990), 730),
        (new RecordKind("thesis", 0.02, ["硕士学位论文", "硕士学位论文", "硕士学位论文", "硕士学位论文", "博士学位论文", "学位论文"], ["Thesis", "Dissertation"], 1999), 100),
        (new RecordKind("conference-paper", 0.25, ["会议论文"], ["Conference Paper", "conference proceedings"], 1990), 60),
        (new RecordKind("patent", 0.0, ["发明专利", "发明专利", "实用新型专利", "专利"], ["Patent"], 1990), 60),
        (new RecordKind("standard", 0.0, ["国家标准", "行业标准", "标准"], ["Standard"], 1990), 15),
        (new RecordKind("report", 0.1, ["科技报告", "研究报告"], ["Technical Report", "Report"], 1995), 15),
        (new RecordKind("book", 0.05, ["图书", "专著"], ["Book", "Monograph"], 1990), 20),
    ]);

    public const int LastYear = 2026;

    private static readonly Dictionary<int, Weighted<int>> Years = [];

    /// <summary>The year curve from <paramref name="firstYear"/> to 2026.</summary>
    public static Weighted<int> YearsFrom(int firstYear)
    {
        lock (Years)
        {
            if (!Years.TryGetValue(firstYear, out var table))
            {
                table = new Weighted<int>(Enumerable.Range(firstYear, LastYear - firstYear + 1).Select(y =>
                {
                    var weight = Math.Pow(1.08, Math.Min(y, 2015) - 1990) * Math.Pow(1.015, Math.Max(0, y - 2015));
                    if (y == LastYear)
                    {
                        weight *= 0.85;
                    }

                    return (y, (long)(weight * 1000));
                }));
                Years[firstYear] = table;
            }

            return table;
        }
    }
}

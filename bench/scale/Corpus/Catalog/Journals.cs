using Search.Bench.Corpus.Randomness;

namespace Search.Bench.Corpus.Catalog;

internal sealed record Journal(string Name, bool English, int Discipline, string Issn, string Publisher, int Founded, int IssuesPerYear, string DoiPrefix);

/// <summary>
/// A few thousand journals per run, named from the discipline stems with the usual Chinese title patterns
/// (X学报, X研究, 中国X, 现代X, university 学报 with their series...) and English ones (Journal of X...).
/// Within a discipline journals are drawn with a Zipf law: a few large journals carry most papers.
/// </summary>
internal sealed class Journals
{
    private static readonly string[] Patterns =
    [
        "{s}学报", "{s}研究", "{s}技术", "{s}科学", "中国{s}", "现代{s}", "{s}与{t}", "{s}工程", "{s}通报", "{s}进展",
        "{s}科技", "{p}{s}", "{s}导报", "{s}世界", "{s}信息", "{s}前沿", "{s}应用", "实用{s}", "{s}学刊", "{s}论坛",
        "{u}学报({series})", "{u}学报({series})", "{s}与{t}研究", "{p}{s}学报", "{s}技术与应用", "{s}测试", "中外{s}", "当代{s}",
    ];

    private static readonly string[] EnglishPatterns =
    [
        "Journal of {e}", "Chinese Journal of {e}", "{e} Research", "Advances in {e}", "International Journal of {e}",
        "Frontiers of {e}", "Journal of {c} University ({e})", "{e} Letters", "Acta {e} Sinica", "Progress in {e}",
    ];

    // Issues per year, and the ISSN blocks Chinese journals are registered in.
    private static readonly int[] ChineseFrequencies = [4, 6, 6, 12, 12, 12, 24];
    private static readonly int[] EnglishFrequencies = [4, 6, 12];
    private static readonly int[] ChineseIssnBlocks = [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1671, 1672, 1673, 1674, 2095, 2096];

    private static readonly string[] DoiPrefixes = ["10.3969", "10.11896", "10.13245", "10.16511", "10.19663", "10.12677", "10.13700", "10.3724", "10.7523", "10.12068"];

    private readonly Journal[][] _byDiscipline;
    private readonly Journal[][] _englishByDiscipline;

    public Journals(ulong seed, IReadOnlyList<Discipline> disciplines, Institutions institutions, int target)
    {
        var rng = Rng.For(seed, 0x10A1, 0);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var issns = new HashSet<string>(StringComparer.Ordinal);
        var totalWeight = disciplines.Sum(d => d.Weight);
        _byDiscipline = new Journal[disciplines.Count][];
        _englishByDiscipline = new Journal[disciplines.Count][];
        string[] places = ["北京", "上海", "天津", "重庆", "江苏", "浙江", "湖北", "湖南", "广东", "四川", "陕西", "山东", "河南", "辽宁", "安徽", "福建", "江西", "吉林", "河北", "山西", "云南", "广西", "贵州", "甘肃"];
        foreach (var discipline in disciplines)
        {
            var count = Math.Max(12, target * discipline.Weight / totalWeight);
            var list = new List<Journal>();
            var series = Series(discipline.Category);
            for (var attempt = 0; list.Count < count && attempt < count * 30; attempt++)
            {
                var stems = discipline.Stems;
                var s = rng.Pick(stems);
                var t = rng.Pick(stems);
                if (t == s)
                {
                    t = rng.Pick(disciplines.Where(d => d.Category == discipline.Category).SelectMany(d => d.Stems).ToList());
                }

                if (t == s)
                {
                    continue;
                }

                var university = institutions.University(rng);
                var name = rng.Pick(Patterns)
                    .Replace("{s}", s, StringComparison.Ordinal)
                    .Replace("{t}", t, StringComparison.Ordinal)
                    .Replace("{p}", rng.Pick(places), StringComparison.Ordinal)
                    .Replace("{u}", university.Name, StringComparison.Ordinal)
                    .Replace("{series}", rng.Pick(series), StringComparison.Ordinal);
                if (discipline.Category == "医学" && rng.Chance(0.3))
                {
                    name = (rng.Chance(0.5) ? "中华" : "中国") + s + "杂志";
                }

                if (!names.Add(name))
                {
                    continue;
                }

                var publisher = name.Contains("学报(", StringComparison.Ordinal)
                    ? university.Name
                    : rng.NextDouble() switch
                    {
                        < 0.4 => $"《{name}》编辑部",
                        < 0.7 => $"中国{s}学会",
                        _ => university.Name,
                    };
                list.Add(new Journal(name, false, discipline.Index, Issn(rng, issns, english: false), publisher, Founded(rng, list.Count), rng.Pick(ChineseFrequencies), rng.Pick(DoiPrefixes)));
            }

            _byDiscipline[discipline.Index] = [.. list];

            var english = new List<Journal>();
            for (var attempt = 0; english.Count < Math.Max(3, count / 10) && attempt < 200; attempt++)
            {
                var city = institutions.University(rng).English.Split(' ')[0];
                var name = rng.Pick(EnglishPatterns).Replace("{e}", discipline.English, StringComparison.Ordinal).Replace("{c}", city, StringComparison.Ordinal);
                if (names.Add(name))
                {
                    english.Add(new Journal(name, true, discipline.Index, Issn(rng, issns, english: true), name.StartsWith("Journal of ", StringComparison.Ordinal) && name.Contains("University", StringComparison.Ordinal) ? city + " University" : "Science Press", Founded(rng, english.Count), rng.Pick(EnglishFrequencies), "10." + rng.Between(1000, 9999)));
                }
            }

            _englishByDiscipline[discipline.Index] = [.. english];
        }
    }

    public int Count => _byDiscipline.Sum(j => j.Length) + _englishByDiscipline.Sum(j => j.Length);

    public Journal Pick(Rng rng, int discipline, bool english)
    {
        var list = english && _englishByDiscipline[discipline].Length > 0 ? _englishByDiscipline[discipline] : _byDiscipline[discipline];
        for (var i = 0; i < 4; i++)
        {
            var rank = rng.ZipfRank(1.25, 2);
            if (rank < list.Length)
            {
                return list[rank];
            }
        }

        return list[rng.Next(list.Length)];
    }

    /// <summary>An ISSN with a valid check digit, unique in this run.</summary>
    private static string Issn(Rng rng, HashSet<string> used, bool english)
    {
        while (true)
        {
            var first = english ? rng.Between(1000, 2999) : rng.Pick(ChineseIssnBlocks);
            var digits = $"{first:D4}{rng.Next(1000):D3}";
            var sum = 0;
            for (var i = 0; i < 7; i++)
            {
                sum += (digits[i] - '0') * (8 - i);
            }

            var check = (11 - (sum % 11)) % 11;
            var issn = $"{digits[..4]}-{digits[4..]}{(check == 10 ? "X" : check.ToString())}";
            if (used.Add(issn))
            {
                return issn;
            }
        }
    }

    private static int Founded(Rng rng, int rank) => rank < 3 ? rng.Between(1950, 1985) : rng.Between(1975, 2015);

    private static string[] Series(string category) => category switch
    {
        "工学" => ["自然科学版", "工学版", "工程科学版", "自然科学版"],
        "理学" => ["自然科学版", "理学版"],
        "医学" => ["医学版"],
        "农学" => ["农业科学版", "自然科学版"],
        _ => ["哲学社会科学版", "社会科学版", "人文社会科学版"],
    };
}

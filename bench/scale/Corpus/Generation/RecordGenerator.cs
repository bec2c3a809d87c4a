using System.Globalization;
using System.Text;
using Search.Bench.Corpus.Catalog;
using Search.Bench.Corpus.Randomness;
using Search.Bench.Corpus.Text;

namespace Search.Bench.Corpus.Generation;

/// <summary>
/// Writes record N from the seed and N alone: the same (seed, N) gives the same record whatever else is
/// generated, so a 100k corpus is the first 100k records of the 1M one, and queries can regenerate the records
/// they are drawn from. Not thread-safe (it reuses its buffers); use one per thread.
/// </summary>
internal sealed class RecordGenerator
{
    private const ulong RecordStream = 0x5EC0_4D00;

    private static readonly string[] PatentSuffixes = ["装置", "系统", "方法", "及其制备方法", "设备", "检测方法", "控制方法", "结构", "组合物", "生产工艺", "测量装置", "处理方法"];
    private static readonly string[] StandardSuffixes = ["技术规范", "试验方法", "通用技术条件", "技术要求", "检测方法", "术语", "安全要求", "操作规程", "质量评价方法", "设计规范"];
    private static readonly string[] BookPatterns = ["{k}原理与应用", "{k}技术", "现代{k}", "{k}导论", "{k}理论与实践", "{k}研究", "{k}概论", "{k}基础", "{k}手册"];
    private static readonly string[] ChineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

    // Chinese science and technology publishers.
    private static readonly string[] Publishers =
    [
        "科学出版社", "高等教育出版社", "清华大学出版社", "机械工业出版社", "电子工业出版社", "化学工业出版社", "人民卫生出版社",
        "中国农业出版社", "人民邮电出版社", "北京大学出版社", "中国建筑工业出版社", "冶金工业出版社", "中国水利水电出版社", "中国电力出版社",
        "国防工业出版社", "华中科技大学出版社", "浙江大学出版社", "上海科学技术出版社", "湖北科学技术出版社", "中国中医药出版社", "人民交通出版社",
        "石油工业出版社", "地质出版社", "中国林业出版社", "中国轻工业出版社", "社会科学文献出版社", "中国社会科学出版社", "商务印书馆",
        "经济科学出版社", "法律出版社", "教育科学出版社", "中国人民大学出版社", "武汉大学出版社", "海洋出版社", "气象出版社",
    ];

    private static readonly (string Prefix, string Issuer)[] StandardBodies =
    [
        ("GB/T", "国家市场监督管理总局;国家标准化管理委员会"), ("GB/T", "国家市场监督管理总局;国家标准化管理委员会"), ("GB", "国家市场监督管理总局;国家标准化管理委员会"),
        ("JB/T", "工业和信息化部"), ("HG/T", "工业和信息化部"), ("YY/T", "国家药品监督管理局"), ("NY/T", "农业农村部"), ("SL", "水利部"),
        ("DL/T", "国家能源局"), ("JT/T", "交通运输部"), ("HJ", "生态环境部"), ("WS/T", "国家卫生健康委员会"), ("DB42/T", "湖北省市场监督管理局"),
    ];

    private readonly ulong _seed;
    private readonly CorpusModel _model;
    private readonly Rng _rng = new(0);
    private readonly Renderer _renderer = new();
    private readonly TextContext _context = new();
    private readonly Weighted<Discipline> _disciplines;
    private readonly IReadOnlyList<int>[] _neighbours;
    private readonly StringBuilder _sb = new(256);

    public RecordGenerator(ulong seed, CorpusModel model)
    {
        _seed = seed;
        _model = model;
        _disciplines = new Weighted<Discipline>(model.Disciplines.Select(d => (d, (long)d.Weight)));
        _neighbours = [.. model.Disciplines.Select(d => (IReadOnlyList<int>)[.. model.Disciplines.Where(o => o.Category == d.Category && o.Index != d.Index).Select(o => o.Index)])];
    }

    public void Generate(long number, CorpusRecord record, IWordSink sink)
    {
        var rng = _rng;
        rng.Reseed(Hashing.Mix(_seed, RecordStream, (ulong)number));
        record.Clear();
        record.Number = number;

        var discipline = _disciplines.Pick(rng);
        var kind = RecordKinds.All.Pick(rng);
        var english = _model.English is not null && rng.Chance(kind.EnglishShare);
        var text = english ? _model.English! : _model.Chinese;
        record.Discipline = discipline.Index;
        record.Set = Disciplines.CategorySets.TryGetValue(discipline.Category, out var set) ? set : "other";
        record.Type = kind.Type;
        record.TypeWord = rng.Pick(english ? kind.EnglishWords : kind.ChineseWords);
        record.English = english;
        record.Language = english
            ? rng.NextDouble() switch { < 0.6 => "eng", < 0.9 => "en", _ => "English" }
            : rng.NextDouble() switch { < 0.6 => "chi", < 0.85 => "zh", _ => "中文" };

        var year = RecordKinds.YearsFrom(kind.FirstYear).Pick(rng);
        var published = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(year == RecordKinds.LastYear ? 300 : 365));
        record.Year = year;

        // Keywords first: the title and the abstract are written around them.
        _context.Clear(discipline.Index, _neighbours[discipline.Index], _model.Disciplines.Count);
        var keywordCount = Math.Clamp(rng.Pick(text.KeywordCounts), 3, 6);
        text.DrawKeywords(rng, _context, keywordCount, sink);
        record.Keywords.AddRange(_context.Keywords);
        record.KeywordRanks.AddRange(_context.KeywordRanks);

        var fullWidth = !english && rng.Chance(0.55);
        record.Title = Title(kind.Type, english, text, rng, fullWidth, sink);
        record.Abstract = Abstract(record, english, text, rng, fullWidth, sink);

        Authors(record, kind.Type, english, rng);
        Affiliations(record, discipline, kind.Type, english, rng);
        Venue(record, discipline, kind.Type, english, year, published, rng);

        record.Clc = Clc(discipline, rng);
        record.Date = kind.Type switch
        {
            "patent" or "standard" => Iso(published),
            "thesis" or "report" => year.ToString(CultureInfo.InvariantCulture),
            _ => rng.NextDouble() switch { < 0.4 => year.ToString(CultureInfo.InvariantCulture), < 0.7 => published.ToString("yyyy-MM", CultureInfo.InvariantCulture), _ => Iso(published) },
        };
        record.Datestamp = Datestamp(published, rng);
    }

    private static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Loaded when published (older records when the repository was filled, 2004-2012), never in the future.</summary>
    private static DateTime Datestamp(DateTime published, Rng rng)
    {
        var stamp = published.Year < 2004
            ? new DateTime(2004, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(9 * 365))
            : published.AddDays(rng.Next(400));
        stamp = stamp.AddSeconds(rng.Next(86_400));
        var latest = new DateTime(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc);
        return stamp > latest ? latest.AddSeconds(-rng.Next(86_400 * 30)) : stamp;
    }

    private string Title(string type, bool english, TextModel text, Rng rng, bool fullWidth, IWordSink sink)
    {
        var keywords = _context.Keywords;
        switch (type)
        {
            case "patent" when !english:
                {
                    var core = keywords.Count > 1 && (rng.Chance(0.4) || keywords[0].Length < 4) ? $"基于{keywords[0]}的{keywords[1]}" : keywords[0];
                    var suffix = rng.Pick(PatentSuffixes);
                    var title = "一种" + core + suffix;
                    if (title.Length > 30)
                    {
                        title = "一种" + keywords[0] + suffix;
                    }

                    sink.Add(core);
                    sink.Add(suffix);
                    return title.Length > 30 ? title[..30] : title;
                }

            case "standard" when !english:
                {
                    var suffix = rng.Pick(StandardSuffixes);
                    var subject = keywords[0].Length + suffix.Length < 8 && keywords.Count > 1 ? keywords[1] + keywords[0] : keywords[0];
                    sink.Add(subject);
                    sink.Add(suffix);
                    var title = subject + suffix;
                    return title.Length > 30 ? keywords[0] + suffix : title;
                }

            case "book" when !english && rng.Chance(0.5):
                {
                    var pattern = rng.Pick(BookPatterns);
                    var title = pattern.Replace("{k}", keywords[0], StringComparison.Ordinal);
                    if (title.Length < 8 && keywords.Count > 1)
                    {
                        title = pattern.Replace("{k}", keywords[0] + "与" + keywords[1], StringComparison.Ordinal);
                        sink.Add(keywords[1]);
                    }

                    sink.Add(keywords[0]);
                    return title.Length > 30 ? title[..30] : title;
                }

            default:
                if (english)
                {
                    return text.Title(rng, _context, _renderer, fullWidth: false, 25, 160, sink);
                }

                var generated = text.Title(rng, _context, _renderer, fullWidth, 8, 30, sink);
                if (generated.Length < 8)
                {
                    // Too short after every attempt: lead with a keyword, as "X的Y研究" titles do.
                    var lead = keywords[Math.Min(1, keywords.Count - 1)];
                    sink.Add(lead);
                    generated = lead + "的" + generated;
                }

                return generated.Length > 30 ? generated[..30] : generated;
        }
    }

    private string Abstract(CorpusRecord record, bool english, TextModel text, Rng rng, bool fullWidth, IWordSink sink)
    {
        var (min, max) = english ? (400, 1200) : (150, 400);
        var target = 0;
        for (var i = 0; i < 20 && target == 0; i++)
        {
            var candidate = rng.Pick(text.AbstractLengths);
            if (candidate >= min && candidate <= max)
            {
                target = candidate;
            }
        }

        if (target == 0)
        {
            target = rng.Between(min, max);
        }

        string prefix = "";
        if (!english)
        {
            var comma = fullWidth ? "，" : ",";
            var stop = fullWidth ? "。" : ".";
            prefix = record.Type switch
            {
                "patent" => (record.TypeWord.Contains("实用新型", StringComparison.Ordinal) ? "本实用新型公开了" : "本发明公开了") + record.Title + comma,
                "standard" => "本标准规定了" + record.Title + "的术语和定义、技术要求、试验方法、检验规则及标志、包装、运输和贮存" + stop + "本标准适用于" + _context.Keywords[^1] + stop,
                "book" => "本书系统介绍了" + string.Join("、", _context.Keywords.Take(3)) + "等内容" + comma,
                _ => "",
            };
        }

        var body = text.Abstract(rng, _context, _renderer, fullWidth, Math.Max(60, target - prefix.Length), Math.Max(80, max - 2 - prefix.Length), sink);
        return prefix + body;
    }

    private void Authors(CorpusRecord record, string type, bool english, Rng rng)
    {
        var count = type switch
        {
            "thesis" => 1,
            "book" => rng.Between(1, 3),
            "standard" or "report" => rng.Between(2, 6),
            "patent" => rng.Between(1, 6),
            _ => rng.NextDouble() switch { < 0.08 => 1, < 0.26 => 2, < 0.48 => 3, < 0.68 => 4, < 0.84 => 5, _ => 6 },
        };
        for (var i = 0; i < count; i++)
        {
            var name = english ? _model.People.English(rng, 0.3) : _model.People.Hanzi(rng);
            if (!record.Authors.Contains(name))
            {
                record.Authors.Add(name);
            }
        }
    }

    private void Affiliations(CorpusRecord record, Discipline discipline, string type, bool english, Rng rng)
    {
        if (type == "patent")
        {
            return;
        }

        var count = type == "thesis" ? 1 : rng.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
        var medical = discipline.Category == "医学";
        for (var i = 0; i < count; i++)
        {
            var institution = type == "thesis" ? _model.Institutions.University(rng) : _model.Institutions.Any(rng, medical);
            var name = english ? institution.English : institution.Name + Institutions.Department(rng, institution, discipline);
            if (!record.Affiliations.Contains(name))
            {
                record.Affiliations.Add(name);
            }
        }
    }

    private void Venue(CorpusRecord record, Discipline discipline, string type, bool english, int year, DateTime published, Rng rng)
    {
        var n = record.Number + 1;
        switch (type)
        {
            case "journal-article":
                {
                    var journal = _model.Journals.Pick(rng, discipline.Index, english);
                    var volume = Math.Max(1, year - journal.Founded + 1);
                    var issue = Math.Min(journal.IssuesPerYear, 1 + (published.DayOfYear - 1) * journal.IssuesPerYear / 366);
                    var first = rng.Between(1, 180);
                    var last = first + rng.Between(2, 12);
                    record.Journal = journal.Name;
                    record.Source = $"{journal.Name}, {year}, {volume}({issue}): {first}-{last}";
                    record.Publisher = journal.Publisher;
                    if (rng.Chance(0.75))
                    {
                        record.Identifiers.Add(rng.Chance(0.5) ? "ISSN " + journal.Issn : journal.Issn);
                    }

                    if (rng.Chance(0.38))
                    {
                        record.Doi = english
                            ? $"{journal.DoiPrefix}/{Abbreviation(journal.Name)}.{year}.{n:D6}"
                            : $"{journal.DoiPrefix}/j.issn.{journal.Issn}.{year}.{issue:D2}.{n:D3}";
                    }

                    break;
                }

            case "conference-paper":
                {
                    var stem = rng.Pick(discipline.Stems);
                    var ordinal = rng.Between(1, 20);
                    var name = english
                        ? $"Proceedings of the {ordinal}{Suffix(ordinal)} International Conference on {discipline.English}"
                        : rng.NextDouble() switch
                        {
                            < 0.4 => $"第{ChineseNumerals[ordinal - 1]}届全国{stem}学术会议论文集",
                            < 0.7 => $"{year}年中国{stem}大会论文集",
                            _ => $"中国{stem}学会{year}年学术年会论文集",
                        };
                    var first = rng.Between(1, 900);
                    record.Journal = name;
                    record.Source = $"{name}, {year}: {first}-{first + rng.Between(2, 8)}";
                    record.Publisher = english ? $"Chinese Society of {discipline.English}" : $"中国{stem}学会";
                    if (rng.Chance(0.2))
                    {
                        record.Doi = $"10.{rng.Between(1000, 9999)}/conf.{year}.{n:D6}";
                    }

                    break;
                }

            case "thesis":
                record.Publisher = english ? record.Affiliations[0] : record.Affiliations[0].Length > 0 ? InstitutionOf(record.Affiliations[0]) : null;
                if (rng.Chance(0.3))
                {
                    record.Identifiers.Add($"https://scale.example/thesis/{n}");
                }

                break;
            case "patent":
                {
                    var utility = record.TypeWord.Contains("实用新型", StringComparison.Ordinal);
                    record.Identifiers.Add(utility ? $"CN2{n % 100_000_000:D8}U" : $"CN1{n % 100_000_000:D8}A");
                    record.Publisher = rng.NextDouble() switch
                    {
                        < 0.6 => _model.Institutions.Company(rng).Name,
                        < 0.9 => _model.Institutions.University(rng).Name,
                        _ => record.Authors[0],
                    };
                    record.Ipc = Ipc(discipline, rng);
                    break;
                }

            case "standard":
                {
                    var (prefix, issuer) = rng.Pick(StandardBodies);
                    record.Identifiers.Add($"{prefix} {10_000 + (n % 90_000)}-{year}");
                    record.Publisher = issuer;
                    break;
                }

            case "report":
                record.Publisher = record.Affiliations.Count > 0 ? record.Affiliations[0] : null;
                record.Identifiers.Add($"https://scale.example/report/{n}");
                break;
            case "book":
                {
                    if (english)
                    {
                        record.Publisher = _model.Samples.Publishers.Count > 0 ? rng.Pick(_model.Samples.Publishers) : "Science Press";
                        record.Identifiers.Add(Isbn(n));
                    }
                    else
                    {
                        record.Publisher = rng.Pick(Publishers);
                        record.Identifiers.Add("ISBN " + Isbn(n));
                    }

                    break;
                }
        }

        if (record.Doi is not null)
        {
            record.Identifiers.Add(rng.NextDouble() switch
            {
                < 0.6 => record.Doi,
                < 0.8 => "doi:" + record.Doi,
                _ => "https://doi.org/" + record.Doi,
            });
        }
        else if (type == "journal-article" && rng.Chance(0.25))
        {
            record.Identifiers.Add($"https://scale.example/article/{n}");
        }
    }

    private static string InstitutionOf(string affiliation)
    {
        foreach (var end in new[] { "大学", "学院" })
        {
            var i = affiliation.IndexOf(end, StringComparison.Ordinal);
            if (i > 0)
            {
                return affiliation[..(i + end.Length)];
            }
        }

        return affiliation;
    }

    private static string Suffix(int n) => (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };

    private static string Abbreviation(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => char.ToLowerInvariant(w[0])));

    /// <summary>
    /// An ISBN-13 in the Chinese group (978-7) with a valid check digit, unique per record below 90M records: its
    /// eight publisher-and-item digits come from the record number (so the publisher segment is not the named
    /// publisher's real prefix).
    /// </summary>
    private static string Isbn(long n)
    {
        var body = (10_000_000 + (n % 90_000_000)).ToString("D8", CultureInfo.InvariantCulture);
        var digits = "9787" + body;
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        var check = (10 - (sum % 10)) % 10;
        return $"978-7-{body[..3]}-{body[3..]}-{check}";
    }

    /// <summary>A CLC number of the discipline, sometimes subdivided (TP391 -> TP391.4).</summary>
    private string Clc(Discipline discipline, Rng rng)
    {
        var code = rng.Pick(discipline.Clc);
        _sb.Clear().Append(code);
        if (char.IsAsciiDigit(code[^1]) && !code.Contains('.') && code.Count(char.IsAsciiDigit) < 3 && rng.Chance(0.6))
        {
            _sb.Append((char)('0' + rng.Next(10)));
        }

        if (char.IsAsciiDigit(_sb[^1]) && !code.Contains('.') && rng.Chance(0.35))
        {
            _sb.Append('.').Append((char)('1' + rng.Next(9)));
        }

        return _sb.ToString();
    }

    private string Ipc(Discipline discipline, Rng rng)
    {
        var samples = _model.Samples.IpcCodes;
        if (samples.Count > 0 && rng.Chance(0.3))
        {
            var sample = rng.Pick(samples);
            if (discipline.Ipc.Any(s => sample.StartsWith(s, StringComparison.Ordinal)))
            {
                return sample;
            }
        }

        var subclass = rng.Pick(discipline.Ipc);
        var group = rng.Between(1, 60);
        var subgroup = rng.Chance(0.3) ? "00" : rng.Between(2, 99).ToString("D2", CultureInfo.InvariantCulture);
        return $"{subclass} {group}/{subgroup}";
    }
}

using System.Text.Json;
using Search.Indexer.Analysis;
using Search.Ingestion.Model;

namespace Search.Bench.Relevance;

/// <summary>A synthetic author (CSL has none): the name and its toneless pinyin syllables.</summary>
public sealed record SyntheticName(string Name, IReadOnlyList<string> Syllables);

/// <summary>
/// The bench corpus: the CSL papers (the known items, each given SYNTHETIC authors, since CSL has none),
/// other real records, and CSL-DERIVED DISTRACTORS (source <c>distractor-csl</c>, ids <c>distractor-N</c>):
/// titles of random SmartCn words of CSL titles, random CSL keywords, sentences of random CSL abstracts and
/// synthetic authors, up to the target size.
/// </summary>
public sealed class BenchCorpus
{
    public const string DistractorSource = "distractor-csl";

    /// <summary>The source of the neighbour distractors (ids <c>neighbour-N</c>).</summary>
    public const string NeighbourSource = "neighbour-csl";

    private static readonly (string Char, string Pinyin)[] Surnames =
    [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"),
        ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"),
        ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
        ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"), ("曾", "zeng"),
    ];

    private static readonly (string Char, string Pinyin)[] Given =
    [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"), ("磊", "lei"),
        ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"),
        ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("英", "ying"), ("华", "hua"), ("玉", "yu"),
        ("萍", "ping"), ("红", "hong"), ("建", "jian"), ("文", "wen"), ("辉", "hui"), ("力", "li"), ("宇", "yu"), ("鹏", "peng"),
        ("飞", "fei"), ("鑫", "xin"), ("博", "bo"), ("晨", "chen"), ("浩", "hao"), ("宁", "ning"), ("婷", "ting"), ("雪", "xue"),
        ("琳", "lin"), ("晶", "jing"), ("颖", "ying"), ("佳", "jia"), ("思", "si"), ("欣", "xin"), ("轩", "xuan"), ("涵", "han"),
    ];

    private BenchCorpus(List<CatalogRecord> papers, List<CatalogRecord> others, Dictionary<string, List<SyntheticName>> authors, HashSet<string>? judged = null)
    {
        Papers = papers;
        Others = others;
        AuthorsById = authors;
        Judged = judged ?? papers.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The CSL papers: every judged query looks for one of them.</summary>
    public IReadOnlyList<CatalogRecord> Papers { get; }

    /// <summary>The ids of the papers whose queries are judged on this corpus (all of them but in a neighbours fold).</summary>
    public IReadOnlySet<string> Judged { get; }

    /// <summary>Real records of other kinds and the labelled distractors.</summary>
    public IReadOnlyList<CatalogRecord> Others { get; }

    public IEnumerable<CatalogRecord> All => Papers.Concat(Others);

    /// <summary>The synthetic authors of every record that has them.</summary>
    public IReadOnlyDictionary<string, List<SyntheticName>> AuthorsById { get; }

    public static IReadOnlyList<CatalogRecord> LoadCsl(string path)
    {
        var records = new List<CatalogRecord>();
        var row = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var externalId = root.GetProperty("id").GetString()!;
            var record = new CatalogRecord
            {
                Id = RecordIds.For("csl", externalId),
                SourceId = "csl",
                ExternalId = externalId,
                Type = RecordTypes.JournalArticle,
                Title = root.GetProperty("title").GetString()!,
                Abstract = root.GetProperty("abstract").GetString(),
                Year = 2010 + (row % 11),
                Language = "chi",
            };
            record.Keywords.AddRange(root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!));
            if (root.TryGetProperty("discipline", out var discipline) && discipline.GetString() is { Length: > 0 } d)
            {
                record.Subjects.Add(d);
            }

            records.Add(record);
            row++;
        }

        return records;
    }

    public static BenchCorpus Build(IReadOnlyList<CatalogRecord> csl, IReadOnlyList<CatalogRecord> realOthers, int targetSize, int seed)
    {
        var random = new Random(seed);
        var authors = new Dictionary<string, List<SyntheticName>>(StringComparer.Ordinal);
        foreach (var paper in csl)
        {
            AddAuthors(paper, authors, random);
        }

        var others = new List<CatalogRecord>(realOthers);
        using var analyzer = new CatalogAnalyzer();
        var titleWords = csl.SelectMany(r => TokenList.Analyze(analyzer, "t_zh", r.Title).Select(t => r.Title[t.Start..t.End])).ToList();
        var keywords = csl.SelectMany(r => r.Keywords).ToList();
        var sentences = csl.Where(r => r.Abstract is not null)
            .SelectMany(r => r.Abstract!.Split(['。', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length > 8)
            .ToList();
        var needed = targetSize - csl.Count - others.Count;
        for (var i = 0; i < needed; i++)
        {
            var title = string.Concat(Enumerable.Range(0, random.Next(4, 9)).Select(_ => titleWords[random.Next(titleWords.Count)]));
            var record = new CatalogRecord
            {
                Id = RecordIds.For(DistractorSource, "distractor-" + i),
                SourceId = DistractorSource,
                ExternalId = "distractor-" + i,
                Type = RecordTypes.JournalArticle,
                Title = title,
                Abstract = string.Join("。", Enumerable.Range(0, random.Next(3, 6)).Select(_ => sentences[random.Next(sentences.Count)])) + "。",
                Year = random.Next(2000, 2023),
                Language = "chi",
            };
            record.Keywords.AddRange(Enumerable.Range(0, random.Next(3, 6)).Select(_ => keywords[random.Next(keywords.Count)]).Distinct());
            AddAuthors(record, authors, random);
            others.Add(record);
        }

        return new BenchCorpus([.. csl], others, authors);
    }

    /// <summary>
    /// The CSL papers among NEIGHBOUR DISTRACTORS (source <c>neighbour-csl</c>, ids <c>neighbour-N</c>), for one
    /// of <paramref name="folds"/> folds: the papers of the fold are judged; each distractor takes the whole
    /// title of one paper of the other folds (the donors), the whole keyword list of a second and the whole
    /// abstract of a third, all of one discipline (its category, then any donor, where a discipline has fewer
    /// than three donors), and carries that discipline as its subject, a random year and synthetic authors.
    /// A judged paper's own title, keywords and abstract are never reused, so it stays identifiable in principle;
    /// the distractors share its field's vocabulary as real neighbours do. Every paper is indexed whole, donors too.
    /// </summary>
    public static BenchCorpus BuildNeighbours(
        IReadOnlyList<CatalogRecord> csl, IReadOnlyDictionary<string, string> categories, IReadOnlyList<CatalogRecord> realOthers,
        int targetSize, int seed, int fold, int folds = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fold, folds);
        var random = new Random(seed);
        var authors = new Dictionary<string, List<SyntheticName>>(StringComparer.Ordinal);
        foreach (var paper in csl)
        {
            AddAuthors(paper, authors, random);
        }

        var judged = csl.Where((_, i) => i % folds == fold).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var donors = csl.Where(p => !judged.Contains(p.Id) && p.Abstract is not null && p.Keywords.Count > 0).ToList();
        var byDiscipline = donors.GroupBy(Discipline, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var byCategory = donors.GroupBy(p => categories.GetValueOrDefault(p.Id, ""), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        List<CatalogRecord> Group(CatalogRecord donor) =>
            byDiscipline[Discipline(donor)] is { Count: >= 3 } discipline ? discipline
            : byCategory[categories.GetValueOrDefault(donor.Id, "")] is { Count: >= 3 } category ? category
            : donors;

        var others = new List<CatalogRecord>(realOthers);
        var needed = targetSize - csl.Count - others.Count;
        for (var i = 0; i < needed; i++)
        {
            var titleDonor = donors[random.Next(donors.Count)];
            var group = Group(titleDonor);
            var keywordDonor = Pick(group, random, titleDonor);
            var abstractDonor = Pick(group, random, titleDonor, keywordDonor);
            var record = new CatalogRecord
            {
                Id = RecordIds.For(NeighbourSource, "neighbour-" + i),
                SourceId = NeighbourSource,
                ExternalId = "neighbour-" + i,
                Type = RecordTypes.JournalArticle,
                Title = titleDonor.Title,
                Abstract = abstractDonor.Abstract,
                Year = random.Next(2000, 2023),
                Language = "chi",
            };
            record.Keywords.AddRange(keywordDonor.Keywords);
            record.Subjects.AddRange(titleDonor.Subjects);
            AddAuthors(record, authors, random);
            others.Add(record);
        }

        return new BenchCorpus([.. csl], others, authors, judged);
    }

    /// <summary>The category (13 门类) of each CSL paper by record id.</summary>
    public static Dictionary<string, string> LoadCslCategories(string path)
    {
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("category", out var category) && category.GetString() is { Length: > 0 } c)
            {
                categories[RecordIds.For("csl", root.GetProperty("id").GetString()!)] = c;
            }
        }

        return categories;
    }

    private static string Discipline(CatalogRecord paper) => paper.Subjects.FirstOrDefault() ?? "";

    /// <summary>A record of the group other than those given (the group has at least three).</summary>
    private static CatalogRecord Pick(List<CatalogRecord> group, Random random, params CatalogRecord[] not)
    {
        while (true)
        {
            var pick = group[random.Next(group.Count)];
            if (!not.Contains(pick))
            {
                return pick;
            }
        }
    }

    private static void AddAuthors(CatalogRecord record, Dictionary<string, List<SyntheticName>> authors, Random random)
    {
        var names = new List<SyntheticName>();
        for (var i = random.Next(2, 5); i > 0; i--)
        {
            var surname = Surnames[random.Next(Surnames.Length)];
            var givenCount = random.Next(10) < 2 ? 1 : 2;
            var given = Enumerable.Range(0, givenCount).Select(_ => Given[random.Next(Given.Length)]).ToList();
            names.Add(new SyntheticName(surname.Char + string.Concat(given.Select(g => g.Char)), [surname.Pinyin, .. given.Select(g => g.Pinyin)]));
        }

        record.Authors.AddRange(names.Select(n => n.Name));
        authors[record.Id] = names;
    }
}

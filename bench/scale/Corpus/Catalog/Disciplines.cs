namespace Search.Bench.Corpus.Catalog;

/// <summary>A CSL discipline (学科) with what the catalogue needs around it.</summary>
/// <param name="Category">The CSL category (门类).</param>
/// <param name="Name">The CSL discipline name.</param>
/// <param name="Stems">Short subject names for journal, institute and department names.</param>
/// <param name="English">The subject in English (English journal names).</param>
/// <param name="Clc">Chinese Library Classification numbers typical of the discipline.</param>
/// <param name="Ipc">IPC subclasses for patents of the discipline.</param>
internal sealed record Discipline(string Category, string Name, string[] Stems, string English, string[] Clc, string[] Ipc)
{
    public int Index { get; init; }

    public int Weight { get; init; }
}

/// <summary>
/// The CSL disciplines with subject stems, CLC numbers (中图法 classes where the discipline's papers are filed)
/// and IPC subclasses. The table is this project's own editorial mapping; CLC and IPC codes are public
/// classification numbers.
/// </summary>
internal static class Disciplines
{
    /// <summary>OAI set names of the CSL categories (set specs must be ASCII), as in config/demo/csl.</summary>
    public static readonly IReadOnlyDictionary<string, string> CategorySets = new Dictionary<string, string>(StringComparer.Ordinal)
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

    private static readonly Discipline[] Table =
    [
        new("军事学", "军事学", ["军事", "国防", "军事科学"], "Military Science", ["E0", "E2", "E8", "E9", "E92"], ["F41H", "F41A", "G01S"]),
        new("农学", "作物学", ["作物", "农作物", "作物栽培"], "Crop Science", ["S5", "S51", "S511", "S513", "S565"], ["A01G", "A01H", "A01C"]),
        new("农学", "农业资源利用", ["土壤", "农业资源", "植物营养"], "Soil Science", ["S15", "S158", "S14", "S27"], ["C05G", "A01B", "C05F"]),
        new("农学", "园艺学", ["园艺", "果树", "蔬菜"], "Horticulture", ["S6", "S63", "S66", "S68"], ["A01G", "A01H", "A23B"]),
        new("农学", "林学/林业工程", ["林业", "森林", "木材"], "Forestry", ["S7", "S75", "S78", "S79"], ["A01G", "B27K", "B27N"]),
        new("农学", "植物保护", ["植物保护", "植保", "农药"], "Plant Protection", ["S4", "S43", "S48"], ["A01N", "A01M", "A01P"]),
        new("农学", "水产", ["水产", "渔业", "水产养殖"], "Fisheries", ["S9", "S96", "S97", "S93"], ["A01K", "A23K", "A23L"]),
        new("农学", "畜牧学/兽医学", ["畜牧", "兽医", "动物医学"], "Animal Science", ["S8", "S82", "S85", "S858"], ["A23K", "A61D", "A01K"]),
        new("医学", "中医学/中药学", ["中医", "中药", "中医药"], "Traditional Chinese Medicine", ["R2", "R24", "R28", "R259", "R285"], ["A61K", "A61P", "A61H"]),
        new("医学", "公共卫生与预防医学", ["预防医学", "公共卫生", "疾病控制"], "Preventive Medicine", ["R1", "R18", "R15", "R12"], ["A61B", "G16H", "C12Q"]),
        new("医学", "口腔医学", ["口腔", "口腔医学", "牙体牙髓"], "Stomatology", ["R78", "R781", "R783"], ["A61C", "A61K", "A61B"]),
        new("医学", "基础医学/临床医学", ["临床", "医学", "实用医学"], "Clinical Medicine", ["R3", "R5", "R6", "R73", "R54"], ["A61B", "A61K", "A61M"]),
        new("医学", "药学", ["药学", "药物", "医药"], "Pharmaceutical Sciences", ["R9", "R91", "R94", "R96", "R97"], ["A61K", "A61P", "C07D"]),
        new("历史学", "历史学", ["历史", "史学", "文史"], "History", ["K2", "K20", "K25", "K27", "K87"], ["G09B"]),
        new("哲学", "哲学", ["哲学", "伦理学", "思想"], "Philosophy", ["B0", "B2", "B22", "B5", "B82"], ["G09B"]),
        new("工学", "交通运输工程", ["交通运输", "公路", "铁道"], "Transportation Engineering", ["U2", "U4", "U41", "U49", "U6"], ["E01C", "B61L", "G08G"]),
        new("工学", "信息与通信工程", ["通信", "信息", "无线通信"], "Communications", ["TN91", "TN92", "TN929.5", "TN911.7"], ["H04L", "H04W", "H04B"]),
        new("工学", "光学工程", ["光学", "光电", "激光"], "Optical Engineering", ["O43", "TN2", "TH74", "TN24"], ["G02B", "H01S", "G01J"]),
        new("工学", "兵器科学与技术", ["兵器", "兵工", "弹箭"], "Ordnance Engineering", ["TJ0", "TJ4", "TJ7", "TJ76"], ["F41A", "F42B", "F41G"]),
        new("工学", "农业工程", ["农业工程", "农业机械", "农机"], "Agricultural Engineering", ["S2", "S22", "S23", "S27"], ["A01B", "A01D", "A01C"]),
        new("工学", "冶金工程", ["冶金", "钢铁", "有色金属"], "Metallurgy", ["TF0", "TF4", "TF7", "TG1"], ["C21D", "C22B", "C22C"]),
        new("工学", "力学", ["力学", "工程力学", "应用力学"], "Mechanics", ["O3", "O34", "O35", "O32"], ["G01M", "G01N", "G06F"]),
        new("工学", "动力工程及工程热物理", ["动力工程", "热能", "工程热物理"], "Power Engineering", ["TK1", "TK4", "TK2", "TK5", "O551"], ["F01D", "F02B", "F28D"]),
        new("工学", "化学/化学工程与技术", ["化工", "化学", "化学工程"], "Chemical Engineering", ["O6", "O64", "TQ0", "TQ2", "TQ3"], ["B01J", "C07C", "B01D"]),
        new("工学", "土木工程", ["土木", "建筑结构", "岩土工程"], "Civil Engineering", ["TU3", "TU4", "TU7", "TU5"], ["E04B", "E02D", "E04G"]),
        new("工学", "建筑学", ["建筑", "城市规划", "建筑设计"], "Architecture", ["TU2", "TU98", "TU24", "TU11"], ["E04B", "E04H", "E04F"]),
        new("工学", "控制科学与工程", ["控制", "自动化", "控制工程"], "Control Engineering", ["TP1", "TP13", "TP27", "TP273"], ["G05B", "G05D", "G06N"]),
        new("工学", "机械工程", ["机械", "机械设计", "制造技术"], "Mechanical Engineering", ["TH1", "TH11", "TH13", "TG5"], ["F16H", "B23P", "B23Q"]),
        new("工学", "材料科学与工程", ["材料", "复合材料", "功能材料"], "Materials Science", ["TB3", "TB33", "TG14", "TQ32", "TB34"], ["C08L", "C04B", "C22C"]),
        new("工学", "核科学与技术", ["核技术", "原子能", "核电"], "Nuclear Science", ["TL", "TL3", "TL4", "TL7"], ["G21C", "G21F", "G01T"]),
        new("工学", "水利工程", ["水利", "水利水电", "水资源"], "Hydraulic Engineering", ["TV1", "TV2", "TV5", "TV6"], ["E02B", "E03B", "E03F"]),
        new("工学", "测绘科学与技术", ["测绘", "遥感", "地理信息"], "Surveying and Mapping", ["P2", "P22", "P23", "P208"], ["G01C", "G01S", "G06T"]),
        new("工学", "环境科学与工程", ["环境", "环境工程", "环境科学"], "Environmental Science", ["X1", "X5", "X7", "X8", "X52"], ["C02F", "B01D", "B09B"]),
        new("工学", "电子科学与技术", ["电子", "微电子", "半导体"], "Electronic Science", ["TN3", "TN4", "TN6", "TN7"], ["H01L", "H03K", "H05K"]),
        new("工学", "电气工程", ["电气", "电力", "电工技术"], "Electrical Engineering", ["TM7", "TM4", "TM3", "TM91"], ["H02J", "H02M", "H01M"]),
        new("工学", "石油与天然气工程", ["石油", "天然气", "油气田"], "Petroleum Engineering", ["TE1", "TE3", "TE8", "TE9"], ["E21B", "C10G", "F17D"]),
        new("工学", "矿业工程", ["矿业", "采矿", "煤矿"], "Mining Engineering", ["TD1", "TD7", "TD8", "TD3"], ["E21C", "E21D", "E21F"]),
        new("工学", "纺织科学与工程", ["纺织", "服装", "印染"], "Textile Engineering", ["TS1", "TS10", "TS19", "TS94"], ["D01F", "D06M", "D03D"]),
        new("工学", "航空宇航科学与技术", ["航空", "航天", "宇航"], "Aerospace Engineering", ["V2", "V4", "V21", "V47"], ["B64C", "B64G", "B64D"]),
        new("工学", "船舶与海洋工程", ["船舶", "海洋工程", "舰船"], "Naval Architecture and Ocean Engineering", ["U66", "U67", "P75", "U674"], ["B63B", "B63H", "E02B"]),
        new("工学", "计算机科学与技术", ["计算机", "软件", "计算机应用"], "Computer Science", ["TP3", "TP31", "TP311", "TP391", "TP393", "TP18"], ["G06F", "G06N", "H04L", "G06Q", "G06T"]),
        new("工学", "食品科学与工程", ["食品", "食品科学", "食品工业"], "Food Science", ["TS2", "TS20", "TS201", "TS25", "TS27"], ["A23L", "A23C", "C12G"]),
        new("教育学", "体育学", ["体育", "运动", "体育科学"], "Sports Science", ["G8", "G80", "G81", "G84"], ["A63B"]),
        new("教育学", "心理学", ["心理", "心理学", "心理科学"], "Psychology", ["B84", "B842", "B844"], ["A61B", "G09B"]),
        new("教育学", "教育学", ["教育", "高等教育", "教学"], "Education", ["G4", "G40", "G64", "G63", "G71"], ["G09B"]),
        new("文学", "中国语言文学", ["语言", "文学", "汉语"], "Chinese Language and Literature", ["H1", "I2", "I20", "I24"], ["G06F"]),
        new("文学", "新闻传播学", ["新闻", "传播", "出版"], "Journalism and Communication", ["G2", "G21", "G22", "G206"], ["G06Q", "H04N"]),
        new("法学", "政治学", ["政治", "政治学", "行政"], "Political Science", ["D0", "D6", "D8", "D63"], ["G06Q"]),
        new("法学", "民族学", ["民族", "民族学", "民俗"], "Ethnology", ["C95", "K28", "D633"], ["G09B"]),
        new("法学", "法学", ["法学", "法律", "法治"], "Law", ["D9", "D92", "D91", "D90"], ["G06Q"]),
        new("法学", "社会学", ["社会", "社会学", "人口"], "Sociology", ["C91", "C92", "C913"], ["G06Q"]),
        new("理学", "地球物理学", ["地球物理", "地震", "地球科学"], "Geophysics", ["P3", "P31", "P315"], ["G01V", "G01S"]),
        new("理学", "地理学", ["地理", "地理科学", "资源科学"], "Geography", ["K90", "P9", "P92", "F59"], ["G06T", "G01C"]),
        new("理学", "地质学/地质资源与地质工程", ["地质", "矿产", "地质勘探"], "Geology", ["P5", "P58", "P61", "P62", "P64"], ["G01V", "E21B"]),
        new("理学", "大气科学", ["气象", "大气科学", "气候"], "Atmospheric Sciences", ["P4", "P42", "P45", "P46"], ["G01W", "G01S"]),
        new("理学", "天文学", ["天文", "天文学", "空间科学"], "Astronomy", ["P1", "P14", "P15"], ["G02B", "G01S"]),
        new("理学", "数学", ["数学", "应用数学", "数学物理"], "Mathematics", ["O1", "O15", "O17", "O21", "O22"], ["G06F"]),
        new("理学", "海洋科学", ["海洋", "海洋科学", "海洋技术"], "Marine Science", ["P7", "P73", "P76"], ["G01C", "B63B"]),
        new("理学", "物理学", ["物理", "物理学", "应用物理"], "Physics", ["O4", "O41", "O47", "O56"], ["G01N", "H01L"]),
        new("理学", "生物学/生物科学与工程", ["生物", "生物技术", "生命科学"], "Biology", ["Q5", "Q7", "Q78", "Q93", "Q94"], ["C12N", "C12Q", "C07K"]),
        new("管理学", "公共管理", ["公共管理", "行政管理", "城市管理"], "Public Administration", ["D63", "C93", "D035"], ["G06Q"]),
        new("管理学", "农林经济管理", ["农业经济", "农村经济", "林业经济"], "Agricultural Economics", ["F3", "F32", "F326", "F307"], ["G06Q"]),
        new("管理学", "图书馆、情报与档案管理", ["图书馆", "情报", "档案"], "Library and Information Science", ["G25", "G250", "G27", "G35"], ["G06F", "G06Q"]),
        new("管理学", "工商管理", ["管理", "企业管理", "商业"], "Business Administration", ["F27", "F272", "C93", "F23"], ["G06Q"]),
        new("经济学", "应用经济学", ["经济", "金融", "财经"], "Applied Economics", ["F8", "F83", "F81", "F12", "F75"], ["G06Q"]),
        new("经济学", "理论经济学", ["经济学", "经济研究", "政治经济学"], "Economics", ["F0", "F04", "F01", "F11"], ["G06Q"]),
        new("艺术学", "艺术学", ["艺术", "美术", "音乐"], "Art", ["J0", "J2", "J5", "J6", "J9"], ["B44C", "G10H"]),
    ];

    /// <summary>
    /// The disciplines of the training papers, weighted by how many papers each has; a discipline missing from the
    /// table gets its own name as stem and the general classes.
    /// </summary>
    public static IReadOnlyList<Discipline> For(IEnumerable<(string Category, string Name)> papers)
    {
        var counts = papers.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var known = Table.ToDictionary(d => (d.Category, d.Name));
        var result = new List<Discipline>();
        foreach (var ((category, name), count) in counts.OrderBy(kv => kv.Key.Category, StringComparer.Ordinal).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal))
        {
            var row = known.TryGetValue((category, name), out var d)
                ? d
                : new Discipline(category, name, [name.Split('/')[0]], "Science", ["N0", "Z"], ["G06F"]);
            result.Add(row with { Index = result.Count, Weight = count });
        }

        return result;
    }
}

namespace Search.Indexer.Schema;

/// <summary>The 22 top-level classes of the Chinese Library Classification (中国图书馆分类法).</summary>
public static class ClcClasses
{
    private static readonly Dictionary<char, string> Names = new()
    {
        ['A'] = "马克思主义、列宁主义、毛泽东思想、邓小平理论",
        ['B'] = "哲学、宗教",
        ['C'] = "社会科学总论",
        ['D'] = "政治、法律",
        ['E'] = "军事",
        ['F'] = "经济",
        ['G'] = "文化、科学、教育、体育",
        ['H'] = "语言、文字",
        ['I'] = "文学",
        ['J'] = "艺术",
        ['K'] = "历史、地理",
        ['N'] = "自然科学总论",
        ['O'] = "数理科学和化学",
        ['P'] = "天文学、地球科学",
        ['Q'] = "生物科学",
        ['R'] = "医药、卫生",
        ['S'] = "农业科学",
        ['T'] = "工业技术",
        ['U'] = "交通运输",
        ['V'] = "航空、航天",
        ['X'] = "环境科学、安全科学",
        ['Z'] = "综合性图书",
    };

    /// <summary>The class letter of a CLC number such as <c>TP391.4</c> or <c>R73-3</c>; null when it is not one.</summary>
    public static string? TopLevel(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var text = code.Trim().ToUpperInvariant();
        var letter = text[0];
        if (!Names.ContainsKey(letter))
        {
            return null;
        }

        // A CLC number is the letter, optionally more capitals, then digits (or nothing): T, TP, TP391.4, R73-3.
        var rest = text.AsSpan(1).TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        return rest.Length == 0 || char.IsAsciiDigit(rest[0]) ? letter.ToString() : null;
    }

    /// <summary>The Chinese name of a class letter, or null.</summary>
    public static string? Name(string letter) =>
        letter.Length == 1 && Names.TryGetValue(letter[0], out var name) ? name : null;
}

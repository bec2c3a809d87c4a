namespace Search.Indexer.Analysis;

/// <summary>
/// Toneless pinyin of Chinese names from the embedded first-reading table, so an author search in
/// pinyin (<c>zhang wei</c>, <c>zhangwei</c>, <c>Wei Zhang</c>) finds 张伟. Traditional characters are
/// folded to simplified first.
/// </summary>
public static class Pinyin
{
    private static readonly Lazy<Dictionary<int, string>> Table = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The syllables of the text's Han characters in order (other characters are skipped); empty when none is known.</summary>
    public static IReadOnlyList<string> Syllables(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = ChineseFolding.Fold(text);
        var syllables = new List<string>();
        for (var i = 0; i < folded.Length; i++)
        {
            var codePoint = char.IsHighSurrogate(folded[i]) && i + 1 < folded.Length && char.IsLowSurrogate(folded[i + 1])
                ? char.ConvertToUtf32(folded[i], folded[++i])
                : folded[i];
            if (Table.Value.TryGetValue(codePoint, out var syllable))
            {
                syllables.Add(syllable);
            }
        }

        return syllables;
    }

    /// <summary>
    /// The forms a Chinese name is searchable under: syllables spaced (<c>zhang wei ming</c>), joined
    /// (<c>zhangweiming</c>), surname and joined given name (<c>zhang weiming</c>) and, for names of two or
    /// three characters, given name first (<c>weiming zhang</c>, <c>weimingzhang</c>).
    /// Empty for a name without Han characters.
    /// </summary>
    public static IEnumerable<string> NameForms(string name)
    {
        var syllables = Syllables(name).ToList();
        // Surnames read differently from the characters' first reading (曾 zeng, not ceng).
        var folded = ChineseFolding.Fold(name.Trim());
        if (syllables.Count > 1 && folded.Length > 0 && SurnameReadings.TryGetValue(folded[0], out var surname))
        {
            syllables[0] = surname;
        }

        if (syllables.Count == 0)
        {
            yield break;
        }

        yield return string.Join(' ', syllables);
        if (syllables.Count > 1)
        {
            yield return string.Concat(syllables);
        }

        if (syllables.Count > 2)
        {
            // The usual romanization: surname, then the given name in one word (Zhang Weiming).
            yield return syllables[0] + " " + string.Concat(syllables.Skip(1));
        }

        if (syllables.Count is 2 or 3)
        {
            // Given name first, as in English bylines (Weiming Zhang, weimingzhang).
            yield return string.Concat(syllables.Skip(1)) + " " + syllables[0];
            yield return string.Concat(syllables.Skip(1)) + syllables[0];
        }
    }

    private static readonly Dictionary<char, string> SurnameReadings = new()
    {
        ['曾'] = "zeng",
        ['单'] = "shan",
        ['解'] = "xie",
        ['仇'] = "qiu",
        ['区'] = "ou",
        ['查'] = "zha",
        ['朴'] = "piao",
        ['乐'] = "yue",
        ['盖'] = "ge",
        ['覃'] = "qin",
        ['翟'] = "zhai",
        ['缪'] = "miao",
        ['尉'] = "yu",
        ['车'] = "che",
        ['沈'] = "shen",
        ['柏'] = "bai",
        ['秘'] = "bi",
        ['种'] = "chong",
        ['牟'] = "mu",
        ['繁'] = "po",
    };

    private static Dictionary<int, string> Load()
    {
        var table = new Dictionary<int, string>();
        using var reader = ChineseFolding.OpenResource("pinyin-first.txt");
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var syllable = line[..tab];
            foreach (var rune in line[(tab + 1)..].EnumerateRunes())
            {
                table.TryAdd(rune.Value, syllable);
            }
        }

        return table;
    }
}

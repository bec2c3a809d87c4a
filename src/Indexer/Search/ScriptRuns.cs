namespace Search.Indexer.Search;

/// <summary>A run of a word: CJK characters (Han, kana, Hangul) or anything else.</summary>
public sealed record ScriptRun(string Text, bool IsCjk);

/// <summary>Cuts a word of the box into runs of CJK letters and runs of other text, never splitting a surrogate pair.</summary>
public static class ScriptRuns
{
    public static IReadOnlyList<ScriptRun> Split(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var runs = new List<ScriptRun>();
        var start = 0;
        bool? current = null;
        var i = 0;
        while (i < word.Length)
        {
            int codePoint;
            int width;
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                codePoint = char.ConvertToUtf32(word[i], word[i + 1]);
                width = 2;
            }
            else
            {
                codePoint = word[i];
                width = 1;
            }

            var cjk = IsCjk(codePoint);
            if (current is { } kind && kind != cjk)
            {
                runs.Add(new ScriptRun(word[start..i], kind));
                start = i;
            }

            current = cjk;
            i += width;
        }

        if (current is { } last && start < word.Length)
        {
            runs.Add(new ScriptRun(word[start..], last));
        }

        return runs;
    }

    /// <summary>Han ideographs (with extensions and compatibility forms), Hiragana, Katakana and Hangul syllables.</summary>
    public static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x3040 and <= 0x30FF => true, // Hiragana, Katakana
        >= 0x3400 and <= 0x4DBF => true, // Extension A
        >= 0x4E00 and <= 0x9FFF => true, // Unified Ideographs
        >= 0xAC00 and <= 0xD7AF => true, // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true, // Compatibility Ideographs
        >= 0xFF66 and <= 0xFF9D => true, // Half-width Katakana
        >= 0x20000 and <= 0x3FFFF => true, // Extensions B and later
        _ => false,
    };
}

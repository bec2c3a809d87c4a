namespace Search.Ingestion.Normalization;

/// <summary>
/// Splits author and keyword strings written as lists, with Chinese or Western separators.
/// </summary>
/// <remarks>
/// ；(U+FF1B) ; 、 | and ，(U+FF0C) always separate. An ASCII comma separates only in text without Latin
/// letters ("张三,李四"), because in Latin names it belongs to the name ("Smith, John"). " and " never
/// separates. Parts are normalized with <see cref="TextNormalizer"/>; empty parts and repeats are dropped.
/// </remarks>
public static class NameList
{
    private static readonly char[] AlwaysSeparators = ['\uFF1B', ';', '\u3001', '|', '\uFF5C', '\uFF0C'];
    private static readonly char[] WithAsciiComma = ['\uFF1B', ';', '\u3001', '|', '\uFF5C', '\uFF0C', ','];

    /// <summary>Splits a list of names or keywords; a single name gives a one-element list.</summary>
    public static IReadOnlyList<string> Split(string? value)
    {
        var text = TextNormalizer.Normalize(value);
        if (text.Length == 0)
        {
            return [];
        }

        var separators = HasLatinLetter(text) ? AlwaysSeparators : WithAsciiComma;
        var parts = new List<string>();
        foreach (var piece in text.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!parts.Contains(piece, StringComparer.OrdinalIgnoreCase))
            {
                parts.Add(piece);
            }
        }

        return parts;
    }

    private static bool HasLatinLetter(string text)
    {
        foreach (var c in text)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A') || (c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c)))
            {
                return true;
            }
        }

        return false;
    }
}

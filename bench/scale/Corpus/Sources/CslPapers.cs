using System.Text;
using System.Text.Json;

namespace Search.Bench.Corpus.Sources;

/// <summary>One CSL paper (ydli-ai/CSL, Apache-2.0): the main model of Chinese titles, abstracts and keywords.</summary>
internal sealed record CslPaper(string Id, string Title, string Abstract, IReadOnlyList<string> Keywords, string Category, string Discipline);

internal static class CslPapers
{
    public static IReadOnlyList<CslPaper> Load(string file)
    {
        var papers = new List<CslPaper>();
        foreach (var line in File.ReadLines(file, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var keywords = root.GetProperty("keywords").EnumerateArray()
                .Select(k => Clean(k.GetString()))
                .Where(k => k.Length > 0)
                .ToList();
            papers.Add(new CslPaper(
                Clean(root.GetProperty("id").GetString()),
                Clean(root.GetProperty("title").GetString()),
                Clean(root.GetProperty("abstract").GetString()),
                keywords,
                Clean(root.GetProperty("category").GetString()),
                Clean(root.GetProperty("discipline").GetString())));
        }

        return papers;
    }

    /// <summary>Trimmed (with U+3000), control characters dropped, runs of white space as one space.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u3000')
            {
                space = sb.Length > 0;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFD' or '\uFEFF')
            {
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}

using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Words partners use for a record's type (dc:type, "info:eu-repo/semantics/article", 期刊论文...) to
/// <see cref="RecordTypes"/>.
/// </summary>
public static class TypeVocabulary
{
    // Checked in order: the more specific kinds first ("conference article" is a conference paper).
    private static readonly (string Type, string[] Words)[] Rules =
    [
        (RecordTypes.Thesis, ["thesis", "dissertation", "学位论文", "博士论文", "硕士论文", "学位"]),
        (RecordTypes.ConferencePaper, ["conference", "proceedings", "congress", "会议论文", "会议"]),
        (RecordTypes.Patent, ["patent", "专利"]),
        (RecordTypes.Standard, ["standard", "标准"]),
        (RecordTypes.Report, ["report", "报告"]),
        (RecordTypes.JournalArticle, ["journal article", "article", "期刊论文", "期刊", "journal"]),
        (RecordTypes.Book, ["book", "monograph", "图书", "专著", "书籍"]),
    ];

    /// <summary>The record type a type word names, or null when it names none of ours ("text", "image").</summary>
    public static string? Classify(string? value)
    {
        var text = TextNormalizer.Normalize(value, WidthFolding.All).ToLowerInvariant();
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var (type, words) in Rules)
        {
            foreach (var word in words)
            {
                if (text.Contains(word, StringComparison.Ordinal))
                {
                    return type;
                }
            }
        }

        return null;
    }

    /// <summary>The first of the values that names a type, else <see cref="RecordTypes.Other"/>.</summary>
    public static string Classify(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            if (Classify(value) is { } type)
            {
                return type;
            }
        }

        return RecordTypes.Other;
    }
}

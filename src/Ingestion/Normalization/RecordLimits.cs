using Search.Connectors.Harvesting;
using Search.Ingestion.Model;

namespace Search.Ingestion.Normalization;

/// <summary>
/// How large a partner's record and its fields may be. A payload over <see cref="MaxPayloadCharacters"/> is
/// quarantined with its size as the reason (nothing of it reaches the index); a field over its limit is cut
/// at a character boundary, and the cut is reported, so one absurd record cannot make every search that
/// matches it answer megabytes.
/// </summary>
public sealed record RecordLimits
{
    public int MaxPayloadCharacters { get; init; } = 2_000_000;

    /// <summary>The title, each alternative title, the source title and the publisher.</summary>
    public int MaxTitleCharacters { get; init; } = 2_000;

    public int MaxAbstractCharacters { get; init; } = 30_000;

    /// <summary>Each author, organization, keyword, subject, classification and identifier.</summary>
    public int MaxValueCharacters { get; init; } = 1_000;

    /// <summary>Values of one list field (authors of a large collaboration stay whole up to this many).</summary>
    public int MaxValues { get; init; } = 5_000;

    /// <summary>The reason to quarantine the payload, or null when its size is within the limit.</summary>
    public string? PayloadProblem(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var length = record.Payload?.Length ?? 0;
        return length > MaxPayloadCharacters
            ? $"The record is {length:N0} characters long; at most {MaxPayloadCharacters:N0} are taken (Search:Ingestion:Limits)."
            : null;
    }

    /// <summary>Cuts every field over its limit; returns the names of the fields cut (empty when none was).</summary>
    public IReadOnlyList<string> Apply(CatalogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var cut = new List<string>();
        record.Title = Cut(record.Title, MaxTitleCharacters, "title", cut)!;
        record.SourceTitle = Cut(record.SourceTitle, MaxTitleCharacters, "sourceTitle", cut);
        record.Publisher = Cut(record.Publisher, MaxTitleCharacters, "publisher", cut);
        record.Abstract = Cut(record.Abstract, MaxAbstractCharacters, "abstract", cut);
        record.Volume = Cut(record.Volume, MaxValueCharacters, "volume", cut);
        record.Issue = Cut(record.Issue, MaxValueCharacters, "issue", cut);
        record.FirstPage = Cut(record.FirstPage, MaxValueCharacters, "firstPage", cut);
        record.LastPage = Cut(record.LastPage, MaxValueCharacters, "lastPage", cut);
        record.Identifiers.Doi = Cut(record.Identifiers.Doi, MaxValueCharacters, "doi", cut);
        CutAll(record.AlternativeTitles, MaxTitleCharacters, "alternativeTitles", cut);
        CutAll(record.Authors, MaxValueCharacters, "authors", cut);
        CutAll(record.Organizations, MaxValueCharacters, "organizations", cut);
        CutAll(record.Keywords, MaxValueCharacters, "keywords", cut);
        CutAll(record.Subjects, MaxValueCharacters, "subjects", cut);
        CutAll(record.Classifications, MaxValueCharacters, "classifications", cut);
        CutAll(record.Identifiers.Isbn, MaxValueCharacters, "isbn", cut);
        CutAll(record.Identifiers.Issn, MaxValueCharacters, "issn", cut);
        CutAll(record.Identifiers.PatentNumbers, MaxValueCharacters, "patentNumbers", cut);
        CutAll(record.Identifiers.StandardNumbers, MaxValueCharacters, "standardNumbers", cut);
        CutAll(record.Identifiers.Other, MaxValueCharacters, "otherIdentifiers", cut);
        if (record.Links.Count > MaxValues)
        {
            record.Links.RemoveRange(MaxValues, record.Links.Count - MaxValues);
            cut.Add("links");
        }

        return cut;
    }

    private void CutAll(List<string> values, int limit, string name, List<string> cut)
    {
        var before = cut.Count;
        if (values.Count > MaxValues)
        {
            values.RemoveRange(MaxValues, values.Count - MaxValues);
            cut.Add(name);
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Length > limit)
            {
                values[i] = Shorten(values[i], limit);
                if (cut.Count == before)
                {
                    cut.Add(name);
                }
            }
        }
    }

    private static string? Cut(string? text, int limit, string name, List<string> cut)
    {
        if (text is null || text.Length <= limit)
        {
            return text;
        }

        cut.Add(name);
        return Shorten(text, limit);
    }

    /// <summary>The first <paramref name="limit"/> characters, never splitting a surrogate pair, with an ellipsis.</summary>
    private static string Shorten(string text, int limit)
    {
        var length = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
        return string.Concat(text.AsSpan(0, length), "…");
    }
}

using Search.Ingestion.Model;

namespace Search.Ingestion.Merge;

/// <summary>
/// Builds a work's display record from its holdings by the rules of <see cref="MergeOptions"/>: each
/// field from the first holding (in source priority) that has it, the longest abstract, the union of
/// keywords, subjects, classifications, identifiers and links; every holding listed in
/// <see cref="CatalogRecord.Holdings"/> with its own source, id and links.
/// </summary>
public sealed class WorkComposer
{
    private readonly MergeOptions _options;

    public WorkComposer(MergeOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The work <paramref name="workId"/> made of <paramref name="holdings"/> (at least one).</summary>
    public CatalogRecord Compose(string workId, IReadOnlyCollection<CatalogRecord> holdings)
    {
        ArgumentException.ThrowIfNullOrEmpty(workId);
        ArgumentNullException.ThrowIfNull(holdings);
        if (holdings.Count == 0)
        {
            throw new ArgumentException("A work has at least one holding.", nameof(holdings));
        }

        var ordered = Order(holdings, _options.SourcePriority);
        var fields = _options.Fields;
        var primary = ordered[0];
        var work = new CatalogRecord
        {
            Id = workId,
            SourceId = primary.SourceId,
            ExternalId = primary.ExternalId,
            Title = Pick(holdings, fields.Title, r => string.IsNullOrWhiteSpace(r.Title) ? null : r.Title) ?? primary.Title,
            Type = Pick(holdings, fields.Type, r => r.Type == RecordTypes.Other ? null : r.Type) ?? primary.Type,
            SourceTitle = Pick(holdings, fields.SourceTitle, r => r.SourceTitle),
            Publisher = Pick(holdings, fields.Publisher, r => r.Publisher),
            Year = Order(holdings, fields.Year ?? _options.SourcePriority).Select(r => r.Year).FirstOrDefault(y => y is not null),
            Language = Pick(holdings, fields.Language, r => r.Language),
            Abstract = _options.Abstract == "priority"
                ? Pick(holdings, fields.Abstract, r => r.Abstract)
                : ordered.Select(r => r.Abstract).Where(a => !string.IsNullOrWhiteSpace(a)).MaxBy(a => a!.Length),
            Volume = Pick(holdings, null, r => r.Volume),
            Issue = Pick(holdings, null, r => r.Issue),
            FirstPage = Pick(holdings, null, r => r.FirstPage),
            LastPage = Pick(holdings, null, r => r.LastPage),
            Datestamp = holdings.Select(r => r.Datestamp).Max(),
            Patent = ordered.Select(r => r.Patent).FirstOrDefault(p => p is not null),
        };

        var authorsFrom = Order(holdings, fields.Authors ?? _options.SourcePriority).FirstOrDefault(r => r.Authors.Count > 0);
        work.Authors.AddRange(authorsFrom?.Authors ?? []);
        work.Organizations.AddRange(ordered.FirstOrDefault(r => r.Organizations.Count > 0)?.Organizations ?? []);
        var listSources = _options.UnionKeywords ? ordered : [primary];
        AddDistinct(work.Keywords, listSources.SelectMany(r => r.Keywords));
        AddDistinct(work.Subjects, listSources.SelectMany(r => r.Subjects));
        AddDistinct(work.Classifications, listSources.SelectMany(r => r.Classifications));
        AddDistinct(work.AlternativeTitles, ordered.SelectMany(r => r.AlternativeTitles.Prepend(r.Title)).Where(t => t != work.Title));
        AddDistinct(work.Sets, ordered.SelectMany(r => r.Sets));

        work.Identifiers.Doi = ordered.Select(r => r.Identifiers.Doi).FirstOrDefault(d => d is not null);
        AddDistinct(work.Identifiers.Isbn, ordered.SelectMany(r => r.Identifiers.Isbn));
        AddDistinct(work.Identifiers.Issn, ordered.SelectMany(r => r.Identifiers.Issn));
        AddDistinct(work.Identifiers.PatentNumbers, ordered.SelectMany(r => r.Identifiers.PatentNumbers));
        AddDistinct(work.Identifiers.StandardNumbers, ordered.SelectMany(r => r.Identifiers.StandardNumbers));
        AddDistinct(work.Identifiers.Other, ordered.SelectMany(r => r.Identifiers.Other));
        foreach (var link in ordered.SelectMany(r => r.Links))
        {
            if (!work.Links.Any(l => l.Url == link.Url))
            {
                work.Links.Add(link);
            }
        }

        work.Holdings.AddRange(ordered.Select(r => new Holding(r.Id, r.SourceId, r.ExternalId, r.Links, r.Datestamp)));
        return work;
    }

    private string? Pick(IReadOnlyCollection<CatalogRecord> holdings, List<string>? priority, Func<CatalogRecord, string?> value) =>
        Order(holdings, priority ?? _options.SourcePriority).Select(value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>Holdings by source priority (listed sources first, in order), then by source id and record id.</summary>
    private static List<CatalogRecord> Order(IEnumerable<CatalogRecord> holdings, List<string> priority) =>
        holdings
            .OrderBy(r => priority.IndexOf(r.SourceId) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(r => r.SourceId, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

    private static void AddDistinct(List<string> target, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value) && !target.Contains(value, StringComparer.Ordinal))
            {
                target.Add(value);
            }
        }
    }
}

using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Maps a European or Chinese patent document by its <see cref="PatentShape"/>: titles with the document's own
/// language first, applicants as organizations, inventors as authors, the publication number (the record's id,
/// <c>EP3882239A1</c>, <c>CN106504675A</c>) and application numbers as written (<c>EP19883405.3</c>,
/// <c>CN201510436362.X</c>, <c>CN102015000436362</c>) as patent numbers, priorities as other identifiers, and
/// kind, dates, priorities and designated states in <see cref="CatalogRecord.Patent"/>. Display text is kept as sent.
/// </summary>
internal static class PatentShapeMapper
{
    public static CatalogRecord Map(HarvestedRecord record, XElement root, PatentShape shape)
    {
        var language = Languages.ToIso6392B(shape.Language(root));
        var titles = InLanguageOrder(shape.Titles(root), language);
        if (titles.Count == 0)
        {
            throw new MappingException($"patent-xml document '{record.ExternalId}' has no title of invention.");
        }

        var result = MappedRecords.Start(record, titles[0], RecordTypes.Patent);
        result.AlternativeTitles.AddDistinct(titles.Skip(1));
        result.Language = language;

        var (publication, date) = PatentXmlReader.PublicationOf(root);
        result.Identifiers.PatentNumbers.AddDistinct(publication);
        result.Year = date?.Year;
        var applications = shape.ApplicationNumbers
            .SelectMany(path => LocalPath.Elements(root, path))
            .Select(e => PatentNumbers.Application(shape.Country, e.Value))
            .OfType<string>()
            .ToList();
        result.Identifiers.PatentNumbers.AddDistinct(applications);

        foreach (var applicant in Texts(root, shape.Applicants))
        {
            result.Organizations.AddDistinct(applicant);
        }

        foreach (var inventor in Texts(root, shape.Inventors))
        {
            result.Authors.AddDistinct(inventor);
        }

        foreach (var text in Texts(root, shape.Classes))
        {
            result.Classifications.AddDistinct(PatentFields.IpcIn(text));
        }

        var abstracts = InLanguageOrder(shape.Abstracts(root), language);
        result.Abstract = abstracts.Count == 0 ? null : string.Join("\n\n", abstracts);
        result.Publisher = PatentFields.PublisherOf(shape.Country);

        var priorities = shape.Priorities(root).ToList();
        foreach (var priority in priorities)
        {
            result.Identifiers.Other.AddDistinct(PatentNumbers.Normalize(priority.Country, priority.Number, null, trimLeadingZeros: false));
        }

        var kind = LocalPath.First(root, shape.Kind)?.Value.Trim();
        result.Patent = new PatentDetails
        {
            Kind = string.IsNullOrEmpty(kind) ? null : kind,
            Category = PatentCategories.Of(kind),
            PublicationDate = date is { } d ? DateOnly.FromDateTime(d.UtcDateTime) : null,
            ApplicationNumber = applications.FirstOrDefault(),
            ApplicationDate = PatentFields.Date(LocalPath.First(root, shape.ApplicationDate)?.Value),
            Priorities = priorities,
            DesignatedStates = Texts(root, shape.DesignatedStates).Distinct(StringComparer.Ordinal).ToList(),
        };
        return result;
    }

    /// <summary>The distinct non-empty texts, those in <paramref name="language"/> first, then the rest in document order.</summary>
    private static List<string> InLanguageOrder(IEnumerable<LocalizedText> texts, string? language)
    {
        var all = texts.Where(t => t.Text.Length > 0).ToList();
        return all.Where(t => language is not null && Languages.ToIso6392B(t.Language) == language)
            .Concat(all)
            .Select(t => t.Text)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> Texts(XElement root, IEnumerable<string> paths) =>
        paths.SelectMany(path => LocalPath.Elements(root, path)).Select(PatentFields.Text).Where(t => t.Length > 0);
}

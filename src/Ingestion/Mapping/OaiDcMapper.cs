using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Maps simple Dublin Core (<c>oai_dc:dc</c>, any prefixes) to the canonical record. The payload may be the
/// <c>oai_dc:dc</c> element itself or anything that contains one (an OAI-PMH <c>metadata</c> element).
/// </summary>
public sealed class OaiDcMapper : IRecordMapper
{
    public static readonly XNamespace OaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public static readonly XNamespace DcNamespace = "http://purl.org/dc/elements/1.1/";

    public string Format => MetadataFormats.OaiDc;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var root = MappingXml.LoadRoot(record, "oai_dc");
        var dc = root.Name == OaiDcNamespace + "dc"
            ? root
            : root.Descendants(OaiDcNamespace + "dc").FirstOrDefault() ?? root;

        var titles = Values(dc, "title").ToList();
        if (titles.Count == 0)
        {
            throw new MappingException("oai_dc record has no dc:title");
        }

        var result = MappedRecords.Start(record, titles[0]);

        foreach (var title in titles.Skip(1))
        {
            if (!string.Equals(title, result.Title, StringComparison.OrdinalIgnoreCase))
            {
                result.AlternativeTitles.AddDistinct(title);
            }
        }

        foreach (var name in Values(dc, "creator").Concat(Values(dc, "contributor")))
        {
            result.Authors.AddDistinct(NameList.Split(name));
        }

        foreach (var subject in Values(dc, "subject"))
        {
            result.Keywords.AddDistinct(NameList.Split(subject));
        }

        result.Abstract = Values(dc, "description").OrderByDescending(d => d.Length).FirstOrDefault();
        result.Year = Values(dc, "date").Select(Years.Extract).FirstOrDefault(y => y is not null);
        result.Type = TypeVocabulary.Classify(Values(dc, "type"));
        result.Language = Values(dc, "language").Select(Languages.ToIso6392B).FirstOrDefault(l => l is not null);
        result.Publisher = Values(dc, "publisher").FirstOrDefault();
        foreach (var source in Values(dc, "source"))
        {
            MappedRecords.AddCitation(result, source);
        }

        foreach (var identifier in Values(dc, "identifier"))
        {
            AddIdentifier(result, identifier);
        }

        return result;
    }

    /// <summary>Sorts one dc:identifier into DOI, ISBN, ISSN, a link, or the other identifiers.</summary>
    private static void AddIdentifier(CatalogRecord result, string identifier)
    {
        var ids = result.Identifiers;
        var looksLikeDoi = identifier.Contains("10.", StringComparison.Ordinal)
            && (identifier.StartsWith("10.", StringComparison.Ordinal)
                || identifier.Contains("doi", StringComparison.OrdinalIgnoreCase));
        if (looksLikeDoi && Identifiers.NormalizeDoi(identifier) is { } doi)
        {
            ids.Doi ??= doi;
            if (!string.Equals(ids.Doi, doi, StringComparison.Ordinal))
            {
                ids.Other.AddDistinct("doi:" + doi);
            }

            return;
        }

        if (RecordLists.AsWebUrl(identifier) is { } url)
        {
            result.Links.AddLink(url, RecordLists.LinkKindOf(url));
            return;
        }

        if (Identifiers.LooksLikeIsbn(identifier) && Identifiers.NormalizeIsbn(identifier) is { } isbn)
        {
            ids.Isbn.AddDistinct(isbn);
            return;
        }

        if (Identifiers.LooksLikeIssn(identifier) && Identifiers.NormalizeIssn(identifier) is { } issn)
        {
            ids.Issn.AddDistinct(issn);
            return;
        }

        ids.Other.AddDistinct(TextNormalizer.Normalize(identifier, WidthFolding.KeepCjkPunctuation));
    }

    /// <summary>The normalized, non-empty texts of the Dublin Core children with this local name, in order.</summary>
    private static IEnumerable<string> Values(XElement dc, string localName) =>
        dc.Elements(DcNamespace + localName)
            .Select(e => TextNormalizer.Normalize(e.Value))
            .Where(v => v.Length > 0);
}

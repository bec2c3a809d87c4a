using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.Patents;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Maps patent bibliographic XML (payload cut by <see cref="PatentXmlReader"/>, DOCTYPE removed) to a record of
/// type <c>patent</c>: WIPO ST.36-style <c>us-patent-grant</c>/<c>us-patent-application</c> (v4.0 2004 to v4.5
/// 2014 and later) and the 2001-2004 <c>patent-application-publication</c>. Titles and abstracts in every
/// language, inventors as authors, applicants and assignees as organizations, IPC and CPC classes, publication
/// and application numbers (<c>US7272630B2</c>, <c>US10903015</c>) as patent numbers, priority claims as other
/// identifiers (<c>JP2008148514</c>). European Publication Server, CNIPA 2.x, SIPO 2006 and LexisNexis documents are
/// mapped from their <see cref="PatentShapes"/> by <see cref="PatentShapeMapper"/>.
/// </summary>
public sealed class PatentXmlMapper : IRecordMapper
{
    public string Format => MetadataFormats.PatentXml;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var root = MappingXml.LoadRoot(record, "patent-xml");
        var result = root.Name.LocalName switch
        {
            "us-patent-grant" or "us-patent-application" => MapSt36(record, root),
            "patent-application-publication" => MapPap(record, root),
            var name when PatentShapes.ByRoot.TryGetValue(name, out var shape) => PatentShapeMapper.Map(record, root, shape),
            _ => throw new MappingException($"patent-xml payload is not a supported patent document (root <{root.Name.LocalName}>)."),
        };
        result.Type = RecordTypes.Patent;
        return result;
    }

    private static CatalogRecord MapSt36(HarvestedRecord record, XElement root)
    {
        var bib = root.Elements().FirstOrDefault(e => e.Name.LocalName.StartsWith("us-bibliographic-data", StringComparison.Ordinal))
            ?? throw new MappingException("patent-xml document has no us-bibliographic-data element.");
        var titles = bib.Elements("invention-title").Select(e => Text(e)).Where(t => t.Length > 0).ToList();
        var result = New(record, titles);

        var (publication, date) = PatentXmlReader.PublicationOf(root);
        result.Identifiers.PatentNumbers.AddDistinct(publication);
        result.Year = date?.Year;
        var application = bib.Element("application-reference")?.Element("document-id");
        result.Identifiers.PatentNumbers.AddDistinct(PatentNumbers.Normalize(application?.Element("country")?.Value, application?.Element("doc-number")?.Value, null, trimLeadingZeros: false));
        result.Language = Languages.ToIso6392B(root.Attribute("lang")?.Value);

        foreach (var claim in bib.Element("priority-claims")?.Elements("priority-claim") ?? [])
        {
            result.Identifiers.Other.AddDistinct(PatentNumbers.Normalize(claim.Element("country")?.Value, claim.Element("doc-number")?.Value, null, trimLeadingZeros: false));
        }

        // Classes: IPC (2006 reform "ipcr" and the older edition 7 form), CPC.
        foreach (var ipcr in bib.Descendants("classification-ipcr"))
        {
            result.Classifications.AddDistinct(SymbolOf(ipcr));
        }

        foreach (var ipc in bib.Elements("classification-ipc").Elements().Where(e => e.Name.LocalName is "main-classification" or "further-classification"))
        {
            result.Classifications.AddDistinct(PatentFields.Ipc(ipc.Value));
        }

        foreach (var cpc in bib.Element("classifications-cpc")?.Descendants("classification-cpc") ?? [])
        {
            result.Classifications.AddDistinct(SymbolOf(cpc));
        }

        // Parties: the 2004 DTDs have parties/applicants (inventors among them), later ones us-parties with inventors.
        var parties = bib.Element("us-parties") ?? bib.Element("parties");
        foreach (var inventor in parties?.Element("inventors")?.Elements("inventor") ?? [])
        {
            result.Authors.AddDistinct(NameOf(inventor.Element("addressbook")));
        }

        foreach (var applicant in parties?.Elements().Where(e => e.Name.LocalName is "applicants" or "us-applicants").Elements() ?? [])
        {
            var book = applicant.Element("addressbook");
            var isInventor = (applicant.Attribute("app-type")?.Value ?? "").Contains("inventor", StringComparison.Ordinal);
            if (book?.Element("orgname") is { } org)
            {
                result.Organizations.AddDistinct(Text(org));
            }
            else if (isInventor)
            {
                result.Authors.AddDistinct(NameOf(book));
            }
            else
            {
                result.Organizations.AddDistinct(NameOf(book));
            }
        }

        foreach (var assignee in bib.Element("assignees")?.Elements("assignee") ?? [])
        {
            result.Organizations.AddDistinct(NameOf(assignee.Element("addressbook")) ?? NameOf(assignee));
        }

        AddAbstracts(result, root.Elements("abstract").Select(a => Text(a)));
        result.Publisher = PatentFields.PublisherOf(root.Attribute("country")?.Value);
        return result;
    }

    private static CatalogRecord MapPap(HarvestedRecord record, XElement root)
    {
        var bib = root.Element("subdoc-bibliographic-information")
            ?? throw new MappingException("patent-application-publication has no subdoc-bibliographic-information.");
        var technical = bib.Element("technical-information");
        var titles = technical?.Elements("title-of-invention").Select(e => Text(e)).Where(t => t.Length > 0).ToList() ?? [];
        var result = New(record, titles);

        var (publication, date) = PatentXmlReader.PublicationOf(root);
        result.Identifiers.PatentNumbers.AddDistinct(publication);
        result.Year = date?.Year;
        result.Identifiers.PatentNumbers.AddDistinct(PatentNumbers.Normalize("US", bib.Element("domestic-filing-data")?.Element("application-number")?.Element("doc-number")?.Value, null, trimLeadingZeros: false));
        result.Language = "eng";

        foreach (var priority in bib.Descendants("foreign-priority-data"))
        {
            result.Identifiers.Other.AddDistinct(PatentNumbers.Normalize(
                priority.Element("country-code")?.Value, priority.Descendants("doc-number").FirstOrDefault()?.Value, null));
        }

        foreach (var ipc in technical?.Element("classification-ipc")?.Descendants("ipc") ?? [])
        {
            result.Classifications.AddDistinct(PatentFields.Ipc(ipc.Value));
        }

        foreach (var inventor in bib.Element("inventors")?.Elements() ?? [])
        {
            var name = inventor.Element("name");
            var parts = new[] { name?.Element("given-name")?.Value, name?.Element("middle-name")?.Value }
                .Select(p => TextNormalizer.Normalize(p)).Where(p => p.Length > 0);
            var family = TextNormalizer.Normalize(name?.Element("family-name")?.Value);
            var given = string.Join(' ', parts);
            result.Authors.AddDistinct(family.Length == 0 ? given : given.Length == 0 ? family : $"{family}, {given}");
        }

        foreach (var assignee in bib.Elements("assignee"))
        {
            result.Organizations.AddDistinct(TextNormalizer.NormalizeOrNull(assignee.Descendants("organization-name").FirstOrDefault()?.Value));
        }

        AddAbstracts(result, root.Elements("subdoc-abstract").Select(a => Text(a)));
        result.Publisher = PatentFields.PublisherOf("US");
        return result;
    }

    private static CatalogRecord New(HarvestedRecord record, List<string> titles)
    {
        if (titles.Count == 0)
        {
            throw new MappingException($"patent-xml document '{record.ExternalId}' has no title of invention.");
        }

        var result = MappedRecords.Start(record, titles[0]);
        result.AlternativeTitles.AddDistinct(titles.Skip(1));
        return result;
    }

    private static void AddAbstracts(CatalogRecord result, IEnumerable<string> abstracts)
    {
        // One abstract per language; all are kept, the document's own language first.
        var texts = abstracts.Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        result.Abstract = texts.Count == 0 ? null : string.Join("\n\n", texts);
    }

    /// <summary>"G06F 15/16" from an ipcr or cpc element's section, class, subclass, main group and subgroup.</summary>
    private static string? SymbolOf(XElement classification)
    {
        string Part(string name) => TextNormalizer.Normalize(classification.Element(name)?.Value, WidthFolding.All);
        var symbol = $"{Part("section")}{Part("class")}{Part("subclass")}{Part("main-group")}/{Part("subgroup")}";
        return PatentFields.Ipc(symbol);
    }

    /// <summary>"Last, First" for a person, the organization's name for an organization, from an addressbook-like element.</summary>
    private static string? NameOf(XElement? book)
    {
        if (book is null)
        {
            return null;
        }

        if (book.Element("orgname") is { } org)
        {
            return TextNormalizer.NormalizeOrNull(org.Value);
        }

        var last = TextNormalizer.Normalize(book.Element("last-name")?.Value);
        var first = TextNormalizer.Normalize(book.Element("first-name")?.Value);
        if (last.Length == 0)
        {
            return TextNormalizer.NormalizeOrNull(book.Element("name")?.Value ?? first);
        }

        return first.Length == 0 ? last : $"{last}, {first}";
    }

    private static string Text(XElement element) => TextNormalizer.Normalize(string.Join(' ', element.DescendantNodes().OfType<XText>().Select(t => t.Value)));
}

using System.Xml.Linq;
using Search.Connectors.Patents;
using Search.Ingestion.Model;

namespace Search.Ingestion.Mapping;

/// <summary>The shapes of the European and Chinese patent documents: where each field is, one table per family.</summary>
internal static class PatentShapes
{
    /// <summary>
    /// European Publication Server documents, DTD 1.0 to 1.5.1: ST.36 B-tags in SDOBI. Titles are B541 language /
    /// B542 title pairs in B540; IPC in B510EP (2006 reform, fixed-width text) or B510 (edition 7, B511/B512);
    /// applicants B711, proprietors of a grant B731, inventors B721; priorities B310/B320/B330 triples in B300.
    /// </summary>
    public static PatentShape Epo { get; } = new()
    {
        Root = PatentRoots.Epo,
        Country = "EP",
        Language = root => root.Attribute("lang")?.Value,
        Titles = EpoTitles,
        Abstracts = PatentShape.Localized("abstract"),
        Applicants = ["SDOBI/B700/B710/B711/snm", "SDOBI/B700/B730/B731/snm"],
        Inventors = ["SDOBI/B700/B720/B721/snm"],
        Classes = ["SDOBI/B500/B510EP/classification-ipcr/text", "SDOBI/B500/B510/B511", "SDOBI/B500/B510/B512"],
        ApplicationNumbers = ["SDOBI/B200/B210"],
        ApplicationDate = "SDOBI/B200/B220/date",
        Kind = "SDOBI/B100/B130",
        Priorities = EpoPriorities,
        DesignatedStates = ["SDOBI/B800/B840/ctry"],
    };

    /// <summary>CNIPA XML 2.x (<c>business:</c>/<c>base:</c>): application numbers as filed (with check digit) and in the 15-digit standard form.</summary>
    public static PatentShape Cnipa { get; } = new()
    {
        Root = PatentRoots.Cnipa,
        Country = "CN",
        Language = root => LocalPath.Attribute(root, "lang") ?? "zh",
        Titles = PatentShape.Localized("BibliographicData/InventionTitle"),
        Abstracts = PatentShape.Localized("Abstract"),
        Applicants =
        [
            "BibliographicData/Parties/ApplicantDetails/Applicant/AddressBook/Name",
            "BibliographicData/Parties/ApplicantDetails/Applicant/AddressBook/OrganizationName",
        ],
        Inventors = ["BibliographicData/Parties/InventorDetails/Inventor/AddressBook/Name"],
        Classes = ["BibliographicData/ClassificationIPCRDetails/ClassificationIPCR/Text"],
        ApplicationNumbers =
        [
            "BibliographicData/ApplicationReference[@dataFormat='original']/DocumentID/DocNumber",
            "BibliographicData/ApplicationReference[@dataFormat='standard']/DocumentID/DocNumber",
        ],
        ApplicationDate = "BibliographicData/ApplicationReference/DocumentID/Date",
        Kind = "BibliographicData/PublicationReference/DocumentID/Kind",
        Priorities = PatentShape.PriorityClaims("BibliographicData/PriorityDetails/Priority[@dataFormat='original']", "WIPOST3Code", "DocNumber", "Date"),
    };

    /// <summary>SIPO 2006 <c>cn-patent-document</c> (ST.36 with <c>cn-</c> variants); the document often names no language.</summary>
    public static PatentShape Sipo2006 { get; } = new()
    {
        Root = PatentRoots.Sipo2006,
        Country = "CN",
        Language = root => root.Attribute("lang")?.Value ?? "zh",
        Titles = PatentShape.Localized("cn-bibliographic-data/invention-title"),
        Abstracts = PatentShape.Localized("cn-bibliographic-data/abstract"),
        Applicants =
        [
            "cn-bibliographic-data/cn-parties/cn-applicants/cn-applicant/addressbook/name",
            "cn-bibliographic-data/cn-parties/cn-applicants/cn-applicant/addressbook/orgname",
        ],
        Inventors = ["cn-bibliographic-data/cn-parties/cn-inventors/cn-inventor/name", "cn-bibliographic-data/cn-parties/cn-inventors/cn-inventor/addressbook/name"],
        Classes = ["cn-bibliographic-data/classifications-ipcr/classification-ipcr/text", "cn-bibliographic-data/classification-ipc/main-classification"],
        ApplicationNumbers = ["cn-bibliographic-data/application-reference/document-id/doc-number"],
        ApplicationDate = "cn-bibliographic-data/application-reference/document-id/date",
        Kind = "cn-bibliographic-data/cn-publication-reference/document-id/kind",
        Priorities = PatentShape.PriorityClaims("cn-bibliographic-data/priority-claims/priority-claim", "country", "doc-number", "date"),
    };

    /// <summary>
    /// LexisNexis Univentio CN documents: Chinese and machine-English title and abstract, parties repeated in
    /// DOCDB forms (<c>data-format</c>), which are left out; application numbers without check digit. The Chinese
    /// original is the document's language even where <c>bibliographic-data</c> says <c>eng</c>.
    /// </summary>
    public static PatentShape LexisNexis { get; } = new()
    {
        Root = PatentRoots.LexisNexis,
        Country = "CN",
        Language = root => LocalPath.First(root, "bibliographic-data/publication-reference/document-id/country")?.Value.Trim() == "CN"
            ? "chi"
            : root.Attribute("lang")?.Value,
        Titles = PatentShape.Localized("bibliographic-data/invention-title"),
        Abstracts = PatentShape.Localized("abstract"),
        Applicants =
        [
            "bibliographic-data/parties/applicants/applicant[!@data-format]/addressbook/orgname",
            "bibliographic-data/parties/applicants/applicant[!@data-format]/addressbook/name",
        ],
        Inventors = ["bibliographic-data/parties/inventors/inventor[!@data-format]/addressbook[@lang='chi']/name"],
        Classes =
        [
            "bibliographic-data/classifications-ipcr/classification-ipcr/text",
            "bibliographic-data/classification-ipc/main-classification",
            "bibliographic-data/classification-ipc/further-classification",
        ],
        ApplicationNumbers = ["bibliographic-data/application-reference/document-id/doc-number"],
        ApplicationDate = "bibliographic-data/application-reference/document-id/date",
        Kind = "bibliographic-data/publication-reference/document-id/kind",
        Priorities = PatentShape.PriorityClaims("bibliographic-data/priority-claims/priority-claim[!@data-format]", "country", "doc-number", "date"),
    };

    /// <summary>Every shape, by root element local name.</summary>
    public static IReadOnlyDictionary<string, PatentShape> ByRoot { get; } =
        new[] { Epo, Cnipa, Sipo2006, LexisNexis }.ToDictionary(s => s.Root, StringComparer.Ordinal);

    private static IEnumerable<LocalizedText> EpoTitles(XElement root)
    {
        string? language = null;
        foreach (var element in LocalPath.Elements(root, "SDOBI/B500/B540").Elements())
        {
            if (element.Name.LocalName == "B541")
            {
                language = element.Value.Trim();
            }
            else if (element.Name.LocalName == "B542")
            {
                yield return new LocalizedText(language, PatentFields.Text(element));
                language = null;
            }
        }
    }

    private static IEnumerable<PatentPriority> EpoPriorities(XElement root)
    {
        // B300 holds (B310 number, B320 date, B330 country) triples in order.
        string? number = null;
        string? date = null;
        foreach (var element in LocalPath.Elements(root, "SDOBI/B300").Elements())
        {
            switch (element.Name.LocalName)
            {
                case "B310":
                    number = element.Value;
                    break;
                case "B320":
                    date = LocalPath.First(element, "date")?.Value;
                    break;
                case "B330" when PatentShape.Priority(LocalPath.First(element, "ctry")?.Value, number, date) is { } priority:
                    yield return priority;
                    number = date = null;
                    break;
            }
        }
    }
}

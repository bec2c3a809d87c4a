using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Patents;

/// <summary>
/// Reads patent bibliographic XML: a file of one or many concatenated documents, or a zip of such files. Each
/// document becomes one record (format <c>patent-xml</c>, id the normalized publication number such as
/// <c>US7272630B2</c>, datestamp the publication date, payload the document without its DOCTYPE). Supported:
/// WIPO ST.36-style <c>us-patent-grant</c> and <c>us-patent-application</c> (2004 onwards) and the 2001-2004
/// <c>patent-application-publication</c>; the European Publication Server's <c>ep-patent-document</c> (DTD 1.0
/// to 1.5.1); CNIPA XML 2.x <c>business:PatentDocumentAndRelated</c>, SIPO 2006 <c>cn-patent-document</c> and
/// LexisNexis <c>lexisnexis-patent-document</c>. SGML-era grants (<c>PATDOC</c>), Green Book text and other
/// documents are problems with their reason. External DTDs are never read: the DOCTYPE is cut off first.
/// </summary>
public static class PatentXmlReader
{
    /// <summary>The root elements (local names) this reader takes as patent documents.</summary>
    public static IReadOnlySet<string> SupportedRoots { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "us-patent-grant", "us-patent-application", "patent-application-publication",
        PatentRoots.Epo, PatentRoots.Cnipa, PatentRoots.Sipo2006, PatentRoots.LexisNexis,
    };

    /// <summary>Reads the bytes of one file (or zip) named <paramref name="name"/>.</summary>
    public static FileContent Read(byte[] bytes, string name, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            return ReadZip(bytes, name, sourceId, cancellationToken);
        }

        return ReadText(Encoding.UTF8.GetString(bytes), name, sourceId, cancellationToken);
    }

    private static FileContent ReadZip(byte[] bytes, string name, string sourceId, CancellationToken cancellationToken)
    {
        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!entry.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            using var stream = entry.Open();
            using var text = new StreamReader(stream, Encoding.UTF8);
            var content = ReadText(text.ReadToEnd(), $"{name}!{entry.FullName}", sourceId, cancellationToken);
            records.AddRange(content.Records);
            problems.AddRange(content.Problems);
        }

        return new FileContent(records, problems);
    }

    private static FileContent ReadText(string text, string name, string sourceId, CancellationToken cancellationToken)
    {
        text = text.TrimStart('\uFEFF');
        var trimmed = text.TrimStart(' ', '\r', '\n', '\t');
        if (!trimmed.StartsWith('<'))
        {
            throw new InvalidDataException($"'{name}' is not XML (Green Book fixed-field text and other text formats are not read)");
        }

        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        var number = 0;
        foreach (var document in PatentXmlDocuments.Split(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var where = string.Create(CultureInfo.InvariantCulture, $"document {number} of '{name}'");
            var safe = PatentXmlDocuments.MakeSafe(document);
            XDocument parsed;
            try
            {
                parsed = PatentXmlDocuments.Parse(safe);
            }
            catch (XmlException ex)
            {
                problems.Add(new HarvestProblem(null, Describe(document, where, ex), Head(document)));
                continue;
            }

            var root = parsed.Root!;
            if (!SupportedRoots.Contains(root.Name.LocalName))
            {
                var reason = root.Name.LocalName == "PATDOC"
                    ? $"The {where} is an SGML-era grant (PATDOC, 2001-2004), which is not read."
                    : $"The {where} is not a patent bibliographic document (its root is <{root.Name.LocalName}>).";
                problems.Add(new HarvestProblem(null, reason, Head(document)));
                continue;
            }

            var publication = PublicationOf(root);
            if (publication.Number is null)
            {
                problems.Add(new HarvestProblem(null, $"The {where} has no publication number.", Head(document)));
                continue;
            }

            records.Add(new HarvestedRecord(sourceId, publication.Number, publication.Date, false, MetadataFormats.PatentXml, safe, []));
        }

        return new FileContent(records, problems);
    }

    /// <summary>The normalized publication number and date of a supported document.</summary>
    public static (string? Number, DateTimeOffset? Date) PublicationOf(XElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        switch (root.Name.LocalName)
        {
            case PatentRoots.Epo:
                // EP numbers keep their zeros: EP0874807B2 is how the EPO writes them.
                return (PatentNumbers.Normalize(root.Attribute("country")?.Value ?? "EP", root.Attribute("doc-number")?.Value, root.Attribute("kind")?.Value, trimLeadingZeros: false),
                    ParseDate(root.Attribute("date-publ")?.Value));
            case PatentRoots.Cnipa:
                {
                    var id = LocalPath.First(root, "BibliographicData/PublicationReference[@dataFormat='standard']/DocumentID")
                        ?? LocalPath.First(root, "BibliographicData/PublicationReference/DocumentID");
                    return id is null
                        ? (PatentNumbers.Normalize(LocalPath.Attribute(root, "country"), LocalPath.Attribute(root, "docNumber"), LocalPath.Attribute(root, "kind")),
                            ParseDate(LocalPath.Attribute(root, "datePublication")))
                        : FromDocumentId(id, "WIPOST3Code", "DocNumber", "Kind", "Date");
                }

            case PatentRoots.Sipo2006:
                return FromDocumentId(LocalPath.First(root, "cn-bibliographic-data/cn-publication-reference/document-id"), "country", "doc-number", "kind", "date");
            case PatentRoots.LexisNexis:
                return FromDocumentId(LocalPath.First(root, "bibliographic-data/publication-reference/document-id"), "country", "doc-number", "kind", "date");
        }

        if (root.Name.LocalName == "patent-application-publication")
        {
            var id = root.Element("subdoc-bibliographic-information")?.Element("document-id");
            return (PatentNumbers.Normalize("US", id?.Element("doc-number")?.Value, id?.Element("kind-code")?.Value),
                ParseDate(id?.Element("document-date")?.Value));
        }

        var documentId = root.Elements().FirstOrDefault(e => e.Name.LocalName.StartsWith("us-bibliographic-data", StringComparison.Ordinal))
            ?.Element("publication-reference")?.Element("document-id");
        return (PatentNumbers.Normalize(documentId?.Element("country")?.Value, documentId?.Element("doc-number")?.Value, documentId?.Element("kind")?.Value),
            ParseDate(documentId?.Element("date")?.Value));
    }

    private static (string? Number, DateTimeOffset? Date) FromDocumentId(XElement? id, string country, string number, string kind, string date) =>
        id is null
            ? (null, null)
            : (PatentNumbers.Normalize(LocalPath.First(id, country)?.Value ?? "CN", LocalPath.First(id, number)?.Value, LocalPath.First(id, kind)?.Value),
                ParseDate(LocalPath.First(id, date)?.Value));

    /// <summary>A <c>yyyyMMdd</c> date (days of 00 taken as the 1st), or null.</summary>
    public static DateTimeOffset? ParseDate(string? text)
    {
        var digits = text?.Trim();
        if (digits is not { Length: 8 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var year = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var month = Math.Max(1, int.Parse(digits[4..6], CultureInfo.InvariantCulture));
        var day = Math.Max(1, int.Parse(digits[6..], CultureInfo.InvariantCulture));
        return month <= 12 && day <= DateTime.DaysInMonth(year, month) && year > 1700
            ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero)
            : null;
    }

    private static string Describe(string document, string where, XmlException ex) =>
        document.Contains("<PATDOC", StringComparison.Ordinal)
            ? $"The {where} is an SGML-era grant (PATDOC, 2001-2004), which is not read."
            : string.Create(CultureInfo.InvariantCulture, $"The {where} is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}");

    private static string Head(string document) => document.Length <= 64 * 1024 ? document : document[..(64 * 1024)];
}

/// <summary>The <c>patent-xml</c> format of the <c>file</c> connector: a folder of XML files, or zips of them (<c>"pattern": "*.zip"</c>).</summary>
public sealed class PatentXmlFileFormatReader : IFileFormatReader
{
    public const string FormatName = "patent-xml";

    public string Format => FormatName;

    public string DefaultSearchPattern => "*.xml";

    public async Task<FileContent> ReadAsync(Stream stream, FileReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return PatentXmlReader.Read(buffer.ToArray(), context.RelativePath, context.SourceId, cancellationToken);
    }
}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.Marc;

namespace Search.Connectors.Sru;

/// <summary>An SRU diagnostic: its URI (<c>info:srw/diagnostic/1/10</c>), message and details.</summary>
public sealed record SruDiagnostic(string Uri, string? Message, string? Details)
{
    private static readonly Dictionary<string, string> KnownMessages = new(StringComparer.Ordinal)
    {
        ["info:srw/diagnostic/1/1"] = "General system error",
        ["info:srw/diagnostic/1/4"] = "Unsupported operation",
        ["info:srw/diagnostic/1/5"] = "Unsupported version",
        ["info:srw/diagnostic/1/6"] = "Unsupported parameter value",
        ["info:srw/diagnostic/1/7"] = "Mandatory parameter not supplied",
        ["info:srw/diagnostic/1/10"] = "Query syntax error",
        ["info:srw/diagnostic/1/16"] = "Unsupported index",
        ["info:srw/diagnostic/1/19"] = "Unsupported relation",
        ["info:srw/diagnostic/1/61"] = "First record position out of range",
        ["info:srw/diagnostic/1/64"] = "Record temporarily unavailable",
        ["info:srw/diagnostic/1/66"] = "Unknown schema for retrieval",
    };

    public override string ToString()
    {
        var text = Uri;
        var message = !string.IsNullOrEmpty(Message) ? Message : KnownMessages.GetValueOrDefault(Uri);
        if (!string.IsNullOrEmpty(message))
        {
            text += " " + message;
        }

        if (!string.IsNullOrEmpty(Details))
        {
            text += $" ({Details})";
        }

        return text;
    }
}

/// <summary>One searchRetrieve answer.</summary>
/// <param name="NumberOfRecords">The size of the result set, when the partner says.</param>
/// <param name="Records">The records of the page, as payloads for the mappers.</param>
/// <param name="Problems">Records that came as surrogate diagnostics or that cannot be understood.</param>
/// <param name="NextRecordPosition">Where the next page starts; null when this page is the last.</param>
/// <param name="Diagnostics">Diagnostics about the whole request (a query syntax error): nothing was searched.</param>
/// <param name="Returned">How many record elements the page held (records and surrogate diagnostics).</param>
public sealed record SruPage(
    int? NumberOfRecords,
    IReadOnlyList<HarvestedRecord> Records,
    IReadOnlyList<HarvestProblem> Problems,
    int? NextRecordPosition,
    IReadOnlyList<SruDiagnostic> Diagnostics,
    int Returned = 0)
{
    /// <summary>
    /// Where the page after one that started at <paramref name="start"/> begins: the target's nextRecordPosition,
    /// or, for targets that leave it out (Zebra), the position after the records returned while the result set
    /// holds more. Null at the end.
    /// </summary>
    public int? NextAfter(int start) =>
        NextRecordPosition
        ?? (NumberOfRecords is { } total && Returned > 0 && start + Returned <= total ? start + Returned : null);
}

/// <summary>Reads SRU 1.1/1.2 (<c>http://www.loc.gov/zing/srw/</c>) and 2.0 (OASIS) searchRetrieve answers.</summary>
public static class SruResponseReader
{
    public static readonly XNamespace Srw = "http://www.loc.gov/zing/srw/";
    public static readonly XNamespace Sru2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace MarcSlim = MarcXmlWriter.SlimNamespace;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        Async = true,
    };

    /// <summary>Reads an answer; throws <see cref="XmlException"/> when it is not XML, <see cref="InvalidDataException"/> when it is not SRU.</summary>
    public static async Task<SruPage> ReadAsync(Stream body, string sourceId, MarcSourceSettings marc, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(body, Settings);
        var document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        return Read(document, sourceId, marc);
    }

    public static SruPage Read(XDocument document, string sourceId, MarcSourceSettings marc)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(marc);
        var root = document.Root ?? throw new InvalidDataException("the answer has no root element");
        if (root.Name.LocalName is "diagnostics" or "diagnostic")
        {
            // Some servers answer a bad request with a bare diagnostics element.
            return new SruPage(null, [], [], null, Diagnostics(root));
        }

        if (root.Name.LocalName != "searchRetrieveResponse" || (root.Name.Namespace != Srw && root.Name.Namespace != Sru2))
        {
            throw new InvalidDataException($"the answer is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', not an SRU searchRetrieveResponse");
        }

        var ns = root.Name.Namespace;
        var diagnostics = root.Element(ns + "diagnostics") is { } d ? Diagnostics(d) : [];
        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        var returned = 0;
        foreach (var record in root.Element(ns + "records")?.Elements(ns + "record") ?? [])
        {
            returned++;
            ReadRecord(record, ns, sourceId, marc, records, problems);
        }

        return new SruPage(
            Int(root.Element(ns + "numberOfRecords")),
            records,
            problems,
            Int(root.Element(ns + "nextRecordPosition")),
            diagnostics,
            returned);
    }

    private static void ReadRecord(XElement record, XNamespace ns, string sourceId, MarcSourceSettings marc, List<HarvestedRecord> records, List<HarvestProblem> problems)
    {
        var schema = record.Element(ns + "recordSchema")?.Value.Trim() ?? string.Empty;
        var position = Int(record.Element(ns + "recordPosition"));
        var where = position is { } p ? string.Create(CultureInfo.InvariantCulture, $"record {p}") : "a record";
        var data = record.Element(ns + "recordData");
        var raw = data?.ToString(SaveOptions.DisableFormatting);
        var payload = data?.Elements().FirstOrDefault();
        if (payload is null && data is not null && data.Value.TrimStart().StartsWith('<'))
        {
            // recordPacking=string: the record is escaped text.
            try
            {
                using var text = XmlReader.Create(new StringReader(data.Value), Settings);
                payload = XElement.Load(text);
            }
            catch (XmlException ex)
            {
                problems.Add(new HarvestProblem(null, $"SRU {where} (schema '{schema}') holds escaped XML that is not well-formed: {ex.Message}", raw));
                return;
            }
        }

        if (payload is null)
        {
            problems.Add(new HarvestProblem(null, $"SRU {where} (schema '{schema}') holds no record data.", raw));
            return;
        }

        if (schema.Contains("diagnostic", StringComparison.OrdinalIgnoreCase) || payload.Name.LocalName == "diagnostic")
        {
            var diagnostic = Diagnostic(payload);
            problems.Add(new HarvestProblem(null, $"The SRU server sent a diagnostic in place of {where}: {diagnostic}.", raw));
            return;
        }

        var identifier = record.Element(ns + "recordIdentifier")?.Value.Trim();
        var marcRecord = MarcRecordElement(payload);
        if (marcRecord is not null)
        {
            if (MarcXmlFileFormatReader.Check(marcRecord) is { } problem)
            {
                problems.Add(new HarvestProblem(identifier, $"SRU {where} is not sound MARCXML: {problem}.", raw));
                return;
            }

            var controlNumber = marcRecord.Elements().FirstOrDefault(e => e.Name.LocalName == "controlfield" && (string?)e.Attribute("tag") == "001")?.Value.Trim();
            var format = marc.FormatFor(marcRecord.Elements().Select(e => (string?)e.Attribute("tag") ?? string.Empty));
            if (schema.Contains("unimarc", StringComparison.OrdinalIgnoreCase) && marc.Flavour == MarcFlavour.Auto)
            {
                format = MarcSourceSettings.UnimarcFormat;
            }

            records.Add(Harvested(sourceId, Id(controlNumber, identifier, position), format, marcRecord));
            return;
        }

        if (payload.Descendants().Any(e => e.Name.Namespace == Dc))
        {
            var dcIdentifier = payload.Descendants(Dc + "identifier").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
            records.Add(Harvested(sourceId, Id(identifier, dcIdentifier, position), MetadataFormats.OaiDc, payload));
            return;
        }

        problems.Add(new HarvestProblem(identifier, $"SRU {where} in schema '{schema}' is neither MARCXML nor Dublin Core: its root is '{payload.Name.LocalName}' in '{payload.Name.NamespaceName}'.", raw));
    }

    private static HarvestedRecord Harvested(string sourceId, string id, string format, XElement payload) =>
        new(sourceId, id, null, false, format, payload.ToString(SaveOptions.DisableFormatting), []);

    private static string Id(string? first, string? second, int? position) =>
        !string.IsNullOrEmpty(first) ? first
        : !string.IsNullOrEmpty(second) ? second
        : string.Create(CultureInfo.InvariantCulture, $"position:{position}");

    private static XElement? MarcRecordElement(XElement payload)
    {
        static bool IsMarc(XElement e, string name) => e.Name.LocalName == name && (e.Name.Namespace == MarcSlim || e.Name.Namespace == XNamespace.None);
        if (IsMarc(payload, "record"))
        {
            return payload;
        }

        return IsMarc(payload, "collection") ? payload.Elements().FirstOrDefault(e => IsMarc(e, "record")) : null;
    }

    private static List<SruDiagnostic> Diagnostics(XElement container) =>
        container.Name.LocalName == "diagnostic"
            ? [Diagnostic(container)]
            : [.. container.Elements().Where(e => e.Name.LocalName == "diagnostic").Select(Diagnostic)];

    private static SruDiagnostic Diagnostic(XElement diagnostic)
    {
        string? Child(string name) => diagnostic.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;
        return new SruDiagnostic(Child("uri") ?? "(no uri)", Child("message"), Child("details"));
    }

    private static int? Int(XElement? element) =>
        element is not null && int.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

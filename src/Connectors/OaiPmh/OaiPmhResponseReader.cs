using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Harvesting;

namespace Search.Connectors.OaiPmh;

/// <summary>
/// Reads OAI-PMH answers from any stream (an HTTP body, a dump file) with a forward-only <see cref="XmlReader"/>:
/// DTDs are prohibited and nothing is ever resolved, so a document can never make us fetch anything.
/// Only one record at a time is held in memory. Throws <see cref="XmlException"/> when the stream is not an
/// OAI-PMH XML document.
/// </summary>
public static class OaiPmhResponseReader
{
    public const string OaiPmhNamespace = "http://www.openarchives.org/OAI/2.0/";
    public const string OaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    public const string MarcXmlNamespace = "http://www.loc.gov/MARC21/slim";

    private static readonly HashSet<string> MarcPrefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "marc21", "marcxml", "marc21slim", "marc", "usmarc",
    };

    /// <summary>The reader settings every OAI-PMH document is read with: async, no DTD, no resolver.</summary>
    public static XmlReaderSettings CreateReaderSettings() => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>Reads a <c>ListRecords</c> or <c>ListIdentifiers</c> answer.</summary>
    /// <param name="stream">The answer.</param>
    /// <param name="sourceId">The source the records are harvested for.</param>
    /// <param name="metadataPrefix">
    /// The prefix the records were asked in; when null, the one the answer echoes in <c>&lt;request&gt;</c>.
    /// </param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<OaiPmhListPage> ReadListAsync(
        Stream stream,
        string sourceId,
        string? metadataPrefix,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceId);

        using var reader = XmlReader.Create(stream, CreateReaderSettings());
        var rootDepth = await EnterRootAsync(reader);

        string? verb = null;
        string? responseDate = null;
        string? requestPrefix = null;
        OaiPmhError? error = null;
        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        string? token = null;
        long? completeListSize = null;
        long? cursor = null;

        while (await NextChildAsync(reader, rootDepth))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (reader.LocalName)
            {
                case "responseDate":
                    responseDate = (await reader.ReadElementContentAsStringAsync()).Trim();
                    break;
                case "request":
                    requestPrefix = reader.GetAttribute("metadataPrefix");
                    await reader.SkipAsync();
                    break;
                case "error":
                    error ??= await ReadErrorAsync(reader);
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "error")
                    {
                        await reader.SkipAsync();
                    }

                    break;
                case "ListRecords" or "ListIdentifiers":
                    verb = reader.LocalName;
                    var prefix = metadataPrefix ?? requestPrefix;
                    var listDepth = reader.Depth;
                    while (await NextChildAsync(reader, listDepth))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (reader.LocalName is "record" or "header")
                        {
                            var scope = NamespacesInScope(reader);
                            var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                            ReadRecord(element, scope, sourceId, prefix, records, problems);
                        }
                        else if (reader.LocalName == "resumptionToken")
                        {
                            completeListSize = ReadLong(reader.GetAttribute("completeListSize"));
                            cursor = ReadLong(reader.GetAttribute("cursor"));
                            var text = (await reader.ReadElementContentAsStringAsync()).Trim();
                            token = text.Length == 0 ? null : text;
                        }
                        else
                        {
                            await reader.SkipAsync();
                        }
                    }

                    break;
                default:
                    await reader.SkipAsync();
                    break;
            }
        }

        return new OaiPmhListPage(verb, responseDate, requestPrefix, records, problems, token, completeListSize, cursor, error);
    }

    /// <summary>Reads an <c>Identify</c> answer.</summary>
    public static async Task<OaiPmhIdentify> ReadIdentifyAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);

        using var reader = XmlReader.Create(stream, CreateReaderSettings());
        var rootDepth = await EnterRootAsync(reader);
        string? responseDate = null;
        OaiPmhError? error = null;
        XElement? identify = null;

        while (await NextChildAsync(reader, rootDepth))
        {
            switch (reader.LocalName)
            {
                case "responseDate":
                    responseDate = (await reader.ReadElementContentAsStringAsync()).Trim();
                    break;
                case "error":
                    error ??= await ReadErrorAsync(reader);
                    if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "error")
                    {
                        await reader.SkipAsync();
                    }

                    break;
                case "Identify":
                    identify = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                    break;
                default:
                    await reader.SkipAsync();
                    break;
            }
        }

        string? Child(string localName) =>
            identify?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

        return new OaiPmhIdentify(
            responseDate,
            Child("repositoryName"),
            Child("baseURL"),
            OaiPmhDates.ParseGranularity(Child("granularity")),
            Child("earliestDatestamp"),
            Child("deletedRecord"),
            error);
    }

    /// <summary>
    /// The metadata format name for a payload: MARC21 slim roots and the marc21/marcxml prefixes are
    /// <see cref="MetadataFormats.MarcXml"/>, oai_dc is <see cref="MetadataFormats.OaiDc"/>; any other
    /// prefix is passed on as it is.
    /// </summary>
    public static string DetectMetadataFormat(string? metadataPrefix, XName? payloadRoot)
    {
        if (payloadRoot is not null
            && payloadRoot.NamespaceName == MarcXmlNamespace
            && payloadRoot.LocalName is "record" or "collection")
        {
            return MetadataFormats.MarcXml;
        }

        if (string.Equals(metadataPrefix, "oai_dc", StringComparison.OrdinalIgnoreCase))
        {
            return MetadataFormats.OaiDc;
        }

        if (metadataPrefix is not null && MarcPrefixes.Contains(metadataPrefix))
        {
            return MetadataFormats.MarcXml;
        }

        if (payloadRoot is not null && payloadRoot.NamespaceName == OaiDcNamespace && payloadRoot.LocalName == "dc")
        {
            return MetadataFormats.OaiDc;
        }

        return string.IsNullOrWhiteSpace(metadataPrefix) ? payloadRoot?.LocalName ?? "unknown" : metadataPrefix;
    }

    private static async Task<int> EnterRootAsync(XmlReader reader)
    {
        await reader.MoveToContentAsync();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "OAI-PMH")
        {
            throw new XmlException($"This is not an OAI-PMH answer: the document starts with '{reader.Name}'.");
        }

        return reader.Depth;
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="parentDepth"/>; false (and the reader
    /// past the parent's end) when there is none. The first call must be made on the parent's start tag.
    /// </summary>
    private static async Task<bool> NextChildAsync(XmlReader reader, int parentDepth)
    {
        if (reader.Depth == parentDepth && reader.NodeType == XmlNodeType.Element)
        {
            if (reader.IsEmptyElement)
            {
                await reader.ReadAsync();
                return false;
            }

            await reader.ReadAsync();
        }

        while (!reader.EOF)
        {
            if (reader.Depth == parentDepth + 1 && reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }

            if (reader.Depth == parentDepth && reader.NodeType == XmlNodeType.EndElement)
            {
                await reader.ReadAsync();
                return false;
            }

            if (reader.Depth <= parentDepth)
            {
                return false;
            }

            await reader.ReadAsync();
        }

        return false;
    }

    private static async Task<OaiPmhError> ReadErrorAsync(XmlReader reader)
    {
        var code = reader.GetAttribute("code")?.Trim();
        var message = string.Join(' ', (await reader.ReadElementContentAsStringAsync())
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new OaiPmhError(string.IsNullOrEmpty(code) ? "unknown" : code, message);
    }

    private static Dictionary<string, string> NamespacesInScope(XmlReader reader) =>
        reader is IXmlNamespaceResolver resolver
            ? new Dictionary<string, string>(resolver.GetNamespacesInScope(XmlNamespaceScope.ExcludeXml), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static void ReadRecord(
        XElement element,
        Dictionary<string, string> scope,
        string sourceId,
        string? prefix,
        List<HarvestedRecord> records,
        List<HarvestProblem> problems)
    {
        var header = element.Name.LocalName == "header" ? element : FirstChild(element, "header");
        if (header is null)
        {
            problems.Add(new HarvestProblem(null, "The record has no header.", Serialize(element, scope)));
            return;
        }

        var identifier = FirstChild(header, "identifier")?.Value.Trim();
        if (string.IsNullOrEmpty(identifier))
        {
            problems.Add(new HarvestProblem(null, "The record's header has no identifier.", Serialize(element, scope)));
            return;
        }

        var datestamp = OaiPmhDates.Parse(FirstChild(header, "datestamp")?.Value);
        var deleted = string.Equals(header.Attribute("status")?.Value.Trim(), "deleted", StringComparison.Ordinal);
        var sets = header.Elements()
            .Where(e => e.Name.LocalName == "setSpec")
            .Select(e => e.Value.Trim())
            .Where(s => s.Length > 0)
            .ToList();

        if (deleted || element == header)
        {
            records.Add(new HarvestedRecord(sourceId, identifier, datestamp, deleted, DetectMetadataFormat(prefix, null), null, sets));
            return;
        }

        var payload = FirstChild(element, "metadata")?.Elements().FirstOrDefault();
        if (payload is null)
        {
            problems.Add(new HarvestProblem(identifier, "The record is not deleted but has no metadata.", Serialize(element, scope)));
            return;
        }

        records.Add(new HarvestedRecord(
            sourceId,
            identifier,
            datestamp,
            Deleted: false,
            DetectMetadataFormat(prefix, payload.Name),
            Serialize(payload, scope),
            sets));
    }

    private static XElement? FirstChild(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>
    /// The element's outer XML with every namespace in scope declared on it, so that it parses on its own
    /// (prefixes declared on the envelope, e.g. <c>oai_dc:</c> on <c>&lt;OAI-PMH&gt;</c>, are kept). The element
    /// is taken out of its record (read for this alone) and written as it is, instead of as a copy.
    /// </summary>
    private static string Serialize(XElement element, Dictionary<string, string> outerScope)
    {
        var declarations = new Dictionary<string, string>(outerScope, StringComparer.Ordinal);
        foreach (var ancestor in element.AncestorsAndSelf().Reverse())
        {
            foreach (var attribute in ancestor.Attributes().Where(a => a.IsNamespaceDeclaration))
            {
                declarations[PrefixOf(attribute)] = attribute.Value;
            }
        }

        if (element.Parent is not null)
        {
            element.Remove();
        }

        var declaredOnElement = element.Attributes().Where(a => a.IsNamespaceDeclaration).Select(PrefixOf).ToHashSet(StringComparer.Ordinal);
        foreach (var (prefix, uri) in declarations.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (declaredOnElement.Contains(prefix) || (prefix.Length == 0 && uri.Length == 0))
            {
                continue;
            }

            element.Add(prefix.Length == 0 ? new XAttribute("xmlns", uri) : new XAttribute(XNamespace.Xmlns + prefix, uri));
        }

        return element.ToString(SaveOptions.DisableFormatting);
    }

    private static string PrefixOf(XAttribute declaration) =>
        declaration.Name.Namespace == XNamespace.Xmlns ? declaration.Name.LocalName : string.Empty;

    private static long? ReadLong(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Marc;

/// <summary>
/// Reads MARCXML files (<c>"format": "marcxml"</c>): a <c>collection</c> of <c>record</c> elements, or a single
/// record, in the MARC slim namespace or none. Each record is one payload; a record with a bad tag, indicator or
/// subfield code is a problem with its reason; XML that breaks off keeps the records before the break.
/// </summary>
public sealed class MarcXmlFileFormatReader : IFileFormatReader
{
    public const string FormatName = "marcxml";

    private static readonly XNamespace Slim = MarcXmlWriter.SlimNamespace;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        Async = true,
    };

    public string Format => FormatName;

    public IReadOnlyCollection<string> SettingNames { get; } = ["marcFlavour", "encoding"];

    public string DefaultSearchPattern => "*.xml";

    public async Task<FileContent> ReadAsync(Stream stream, FileReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var marc = MarcSourceSettings.Read(context.Settings, []);
        var records = new List<HarvestedRecord>();
        var problems = new List<HarvestProblem>();
        var number = 0;
        var sawRoot = false;
        using var reader = XmlReader.Create(stream, Settings);
        try
        {
            var advanced = await reader.ReadAsync();
            while (advanced)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element)
                {
                    advanced = await reader.ReadAsync();
                    continue;
                }

                if (!sawRoot)
                {
                    sawRoot = true;
                    if (!IsMarc(reader.LocalName, reader.NamespaceURI, "collection") && !IsMarc(reader.LocalName, reader.NamespaceURI, "record"))
                    {
                        throw new InvalidDataException($"the root element is '{reader.LocalName}' in namespace '{reader.NamespaceURI}', not a MARCXML collection or record");
                    }
                }

                if (!IsMarc(reader.LocalName, reader.NamespaceURI, "record"))
                {
                    advanced = await reader.ReadAsync();
                    continue;
                }

                // ReadFrom leaves the reader on the node after the record.
                var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                number++;
                Add(element, number, context, marc, records, problems);
                advanced = !reader.EOF;
            }
        }
        catch (XmlException ex)
        {
            if (!sawRoot || number == 0)
            {
                throw new InvalidDataException($"not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
            }

            problems.Add(new HarvestProblem(
                $"{context.RelativePath}#{number + 1}",
                string.Create(CultureInfo.InvariantCulture, $"The MARCXML file '{context.RelativePath}' breaks off after record {number} (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}"),
                null));
        }

        if (!sawRoot)
        {
            throw new InvalidDataException("the file holds no XML element");
        }

        return new FileContent(records, problems);
    }

    private static void Add(XElement element, int number, FileReadContext context, MarcSourceSettings marc, List<HarvestedRecord> records, List<HarvestProblem> problems)
    {
        var fallbackId = $"{context.RelativePath}#{number}";
        if (Check(element) is { } problem)
        {
            problems.Add(new HarvestProblem(fallbackId, $"MARCXML record {number} of '{context.RelativePath}' cannot be read: {problem}.", element.ToString(SaveOptions.DisableFormatting)));
            return;
        }

        var id = element.Elements().FirstOrDefault(e => IsMarc(e, "controlfield") && (string?)e.Attribute("tag") == "001")?.Value.Trim();
        records.Add(new HarvestedRecord(
            context.SourceId,
            string.IsNullOrEmpty(id) ? fallbackId : id,
            null,
            false,
            marc.FormatFor(element.Elements().Select(e => (string?)e.Attribute("tag") ?? string.Empty)),
            element.ToString(SaveOptions.DisableFormatting),
            []));
    }

    /// <summary>The structural problem of a record element, or null when it is sound MARCXML.</summary>
    public static string? Check(XElement record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var fieldCount = 0;
        foreach (var element in record.Elements())
        {
            var isControl = IsMarc(element, "controlfield");
            var isData = IsMarc(element, "datafield");
            if (!isControl && !isData)
            {
                continue;
            }

            fieldCount++;
            var tag = (string?)element.Attribute("tag");
            if (tag is not { Length: 3 } || !tag.All(char.IsAsciiLetterOrDigit))
            {
                return $"a {(isControl ? "control" : "data")} field has the invalid tag '{tag}' (three letters or digits are expected)";
            }

            if (!isData)
            {
                continue;
            }

            foreach (var name in new[] { "ind1", "ind2" })
            {
                var indicator = (string?)element.Attribute(name);
                if (indicator is { Length: > 1 })
                {
                    return $"field {tag} has the indicator {name} '{indicator}' (one character is expected)";
                }
            }

            foreach (var subfield in element.Elements().Where(e => IsMarc(e, "subfield")))
            {
                var code = (string?)subfield.Attribute("code");
                if (code is not { Length: 1 })
                {
                    return $"field {tag} has a subfield with the code '{code}' (one character is expected)";
                }
            }
        }

        return fieldCount == 0 ? "the record has no fields" : null;
    }

    private static bool IsMarc(XElement element, string localName) =>
        IsMarc(element.Name.LocalName, element.Name.NamespaceName, localName);

    private static bool IsMarc(string name, string ns, string localName) =>
        name == localName && (ns == Slim.NamespaceName || ns.Length == 0);
}

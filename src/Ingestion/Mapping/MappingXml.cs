using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Harvesting;

namespace Search.Ingestion.Mapping;

/// <summary>Reads an XML payload safely (no DTDs, no resolver) and turns XML errors into mapping failures.</summary>
internal static class MappingXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Parses the record's payload; throws <see cref="MappingException"/> when it is missing or not well-formed.</summary>
    public static XElement LoadRoot(HarvestedRecord record, string formatName)
    {
        if (string.IsNullOrWhiteSpace(record.Payload))
        {
            throw new MappingException($"{formatName} record '{record.ExternalId}' has no payload.");
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(record.Payload), Settings);
            var document = XDocument.Load(reader, LoadOptions.None);
            return document.Root ?? throw new MappingException($"{formatName} payload has no root element.");
        }
        catch (XmlException ex)
        {
            throw new MappingException(
                $"{formatName} payload is not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}): {ex.Message}", ex);
        }
    }
}

/// <summary>Small helpers the mappers share to fill the record's lists.</summary>
internal static class RecordLists
{
    /// <summary>Adds a value unless it is empty or already there (ignoring case).</summary>
    public static void AddDistinct(this List<string> list, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !list.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(value);
        }
    }

    public static void AddDistinct(this List<string> list, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            list.AddDistinct(value);
        }
    }

    /// <summary>Adds a link unless its URL is already there.</summary>
    public static void AddLink(this List<Search.Ingestion.Model.RecordLink> links, string url, string kind)
    {
        if (!links.Exists(l => string.Equals(l.Url, url, StringComparison.Ordinal)))
        {
            links.Add(new Search.Ingestion.Model.RecordLink(url, kind));
        }
    }

    /// <summary>The value as an absolute http(s) URL, or null.</summary>
    public static string? AsWebUrl(string? value)
    {
        var text = value?.Trim();
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return text;
    }

    /// <summary>"fulltext" for a URL whose path ends in .pdf, else "landing".</summary>
    public static string LinkKindOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)
            ? LinkKinds.FullText
            : LinkKinds.Landing;
}

/// <summary>The <see cref="Search.Ingestion.Model.RecordLink.Kind"/> values.</summary>
public static class LinkKinds
{
    public const string FullText = "fulltext";
    public const string Landing = "landing";
}

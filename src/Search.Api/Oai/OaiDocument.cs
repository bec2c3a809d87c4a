using System.Xml;
using Search.Api.Sru;

namespace Search.Api.Oai;

/// <summary>
/// Writes one OAI-PMH response in memory (a page at most) and hands it out: status 200, <c>text/xml</c>, the
/// <c>OAI-PMH</c> root with its schema location, <c>responseDate</c>, and <c>request</c> with the base URL (and the
/// arguments when the request was well formed).
/// </summary>
public sealed class OaiDocument : IDisposable
{
    public const string Namespace = "http://www.openarchives.org/OAI/2.0/";
    public const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    public const string ContentType = "text/xml; charset=utf-8";

    private readonly MemoryStream _buffer = new();

    public OaiDocument(DateTimeOffset responseDate, string baseUrl, string? verb, IEnumerable<KeyValuePair<string, string>>? arguments)
    {
        Writer = XmlWriter.Create(_buffer, SruXml.Settings);
        Writer.WriteStartDocument();
        Writer.WriteStartElement("OAI-PMH", Namespace);
        Writer.WriteAttributeString("xmlns", "xsi", "http://www.w3.org/2000/xmlns/", XsiNamespace);
        Writer.WriteAttributeString("xsi", "schemaLocation", XsiNamespace, Namespace + " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
        Writer.Element("responseDate", Namespace, OaiDate.Format(responseDate));
        Writer.WriteStartElement("request", Namespace);
        if (verb is not null)
        {
            Writer.WriteAttributeString("verb", verb);
            foreach (var (name, value) in arguments ?? [])
            {
                Writer.WriteAttributeString(name, Search.Connectors.Xml.XmlChars.Clean(value));
            }
        }

        Writer.Text(baseUrl);
        Writer.WriteEndElement();
    }

    public XmlWriter Writer { get; }

    public void Errors(IEnumerable<OaiError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            Writer.WriteStartElement("error", Namespace);
            Writer.WriteAttributeString("code", error.Code);
            Writer.Text(error.Message);
            Writer.WriteEndElement();
        }
    }

    /// <summary>Closes the document and returns it as the answer.</summary>
    public IResult ToResult()
    {
        Writer.WriteEndElement();
        Writer.WriteEndDocument();
        Writer.Flush();
        return TypedResults.Bytes(_buffer.ToArray(), ContentType);
    }

    public void Dispose()
    {
        Writer.Dispose();
        _buffer.Dispose();
    }
}

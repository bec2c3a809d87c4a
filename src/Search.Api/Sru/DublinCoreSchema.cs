using System.Globalization;
using System.Xml;

namespace Search.Api.Sru;

/// <summary>
/// <c>info:srw/schema/1/dc-v1.1</c>: <c>srw_dc:dc</c> with Dublin Core elements. Identifiers as URIs
/// (<c>https://doi.org/…</c>, <c>urn:isbn:…</c>, <c>urn:issn:…</c>), then the links this requester may follow; each
/// holding as a <c>dc:source</c> <c>source: external id</c>.
/// </summary>
public sealed class DublinCoreSchema : IRecordSchema
{
    public const string RecordNamespace = "info:srw/schema/1/dc-schema";
    public const string ElementsNamespace = "http://purl.org/dc/elements/1.1/";

    public string Name => "dc";

    public string Identifier => "info:srw/schema/1/dc-v1.1";

    public string Title => "Dublin Core";

    public IReadOnlyList<string> Aliases { get; } = ["dc-v1.1", "oai_dc", "dublincore"];

    public bool IsXml => true;

    public void Write(XmlWriter writer, SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartElement("srw_dc", "dc", RecordNamespace);
        writer.WriteAttributeString("xmlns", "dc", "http://www.w3.org/2000/xmlns/", ElementsNamespace);
        WriteElements(writer, record);
        writer.WriteEndElement();
    }

    /// <summary>The record's Dublin Core elements, without a container (SRU's <c>srw_dc:dc</c>, OAI-PMH's <c>oai_dc:dc</c>).</summary>
    public static void WriteElements(XmlWriter writer, SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        var r = record.Record;
        Dc(writer, "title", r.Title);
        foreach (var title in r.AlternativeTitles)
        {
            Dc(writer, "title", title);
        }

        foreach (var author in r.Authors)
        {
            Dc(writer, "creator", author);
        }

        foreach (var organization in r.Organizations)
        {
            Dc(writer, "contributor", organization);
        }

        foreach (var subject in r.Keywords.Concat(r.Subjects).Concat(r.Classifications))
        {
            Dc(writer, "subject", subject);
        }

        Dc(writer, "description", r.Abstract);
        Dc(writer, "publisher", r.Publisher);
        Dc(writer, "date", r.Year?.ToString(CultureInfo.InvariantCulture));
        Dc(writer, "type", r.Type);
        Dc(writer, "language", r.Language);
        Dc(writer, "source", r.SourceTitle);

        // The holdings of a merged work: which partner holds it under which id.
        foreach (var holding in r.Holdings)
        {
            Dc(writer, "source", holding.SourceId + ": " + holding.ExternalId);
        }

        Dc(writer, "identifier", r.Id);
        Dc(writer, "identifier", r.Identifiers.Doi is { } doi ? "https://doi.org/" + doi : null);
        foreach (var isbn in r.Identifiers.Isbn)
        {
            Dc(writer, "identifier", "urn:isbn:" + isbn);
        }

        foreach (var issn in r.Identifiers.Issn)
        {
            Dc(writer, "identifier", "urn:issn:" + issn);
        }

        foreach (var number in r.Identifiers.PatentNumbers.Concat(r.Identifiers.StandardNumbers))
        {
            Dc(writer, "identifier", number);
        }

        foreach (var link in record.Links)
        {
            Dc(writer, "identifier", link.Url);
        }
    }

    private static void Dc(XmlWriter writer, string element, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            writer.Element(element, ElementsNamespace, value);
        }
    }
}

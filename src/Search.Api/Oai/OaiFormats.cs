using System.Xml;
using Search.Api.Sru;

namespace Search.Api.Oai;

/// <summary>A metadata format the provider disseminates: its prefix, schema, namespace and how a work is written in it.</summary>
public interface IOaiFormat
{
    string Prefix { get; }

    string Schema { get; }

    string MetadataNamespace { get; }

    /// <summary>Writes the record as the one element inside <c>metadata</c>.</summary>
    void Write(XmlWriter writer, SruRecord record);
}

/// <summary><c>oai_dc</c>: the Dublin Core elements the SRU server writes (<see cref="DublinCoreSchema"/>) in <c>oai_dc:dc</c>.</summary>
public sealed class OaiDcFormat : IOaiFormat
{
    public string Prefix => "oai_dc";

    public string Schema => "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";

    public string MetadataNamespace => "http://www.openarchives.org/OAI/2.0/oai_dc/";

    public void Write(XmlWriter writer, SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartElement("oai_dc", "dc", MetadataNamespace);
        writer.WriteAttributeString("xmlns", "dc", "http://www.w3.org/2000/xmlns/", DublinCoreSchema.ElementsNamespace);
        writer.WriteAttributeString("xsi", "schemaLocation", OaiDocument.XsiNamespace, MetadataNamespace + " " + Schema);
        DublinCoreSchema.WriteElements(writer, record);
        writer.WriteEndElement();
    }
}

/// <summary><c>marc21</c>: MARC 21 slim, the record the SRU server's <see cref="MarcXmlSchema"/> writes.</summary>
public sealed class Marc21Format : IOaiFormat
{
    private static readonly MarcXmlSchema Marc = new();

    public string Prefix => "marc21";

    public string Schema => "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd";

    public string MetadataNamespace => "http://www.loc.gov/MARC21/slim";

    public void Write(XmlWriter writer, SruRecord record) => Marc.Write(writer, record);
}

/// <summary>The formats of the provider; every item is available in each of them.</summary>
public static class OaiFormats
{
    public static IReadOnlyList<IOaiFormat> All { get; } = [new OaiDcFormat(), new Marc21Format()];

    /// <summary>The format of a metadataPrefix, or cannotDisseminateFormat.</summary>
    public static IOaiFormat Find(string prefix) =>
        All.FirstOrDefault(f => f.Prefix == prefix) ?? throw new OaiErrorException(OaiError.CannotDisseminateFormat(prefix.Length <= 64 ? prefix : prefix[..64] + "…"));
}

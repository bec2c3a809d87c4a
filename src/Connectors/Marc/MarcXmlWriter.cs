using System.Text;
using System.Xml;
using Search.Connectors.Xml;

namespace Search.Connectors.Marc;

/// <summary>Writes a <see cref="MarcRecordData"/> as a MARCXML (slim) <c>record</c> element.</summary>
public static class MarcXmlWriter
{
    public const string SlimNamespace = "http://www.loc.gov/MARC21/slim";

    private static readonly XmlWriterSettings Settings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        Encoding = new UTF8Encoding(false),
    };

    /// <summary>
    /// The record as MARCXML. The text is Unicode now, so leader/09 becomes 'a'; characters XML cannot hold
    /// (stray control characters) are left out.
    /// </summary>
    public static string Write(MarcRecordData record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, Settings))
        {
            writer.WriteStartElement("record", SlimNamespace);
            var leader = record.Leader.PadRight(24)[..24];
            writer.WriteElementString("leader", SlimNamespace, Clean(string.Concat(leader.AsSpan(0, 9), "a", leader.AsSpan(10))));
            foreach (var field in record.Fields)
            {
                if (field.IsControl)
                {
                    writer.WriteStartElement("controlfield", SlimNamespace);
                    writer.WriteAttributeString("tag", field.Tag);
                    writer.WriteString(Clean(field.Value!));
                    writer.WriteEndElement();
                    continue;
                }

                writer.WriteStartElement("datafield", SlimNamespace);
                writer.WriteAttributeString("tag", field.Tag);
                writer.WriteAttributeString("ind1", Clean(field.Ind1.ToString()));
                writer.WriteAttributeString("ind2", Clean(field.Ind2.ToString()));
                foreach (var subfield in field.Subfields)
                {
                    writer.WriteStartElement("subfield", SlimNamespace);
                    writer.WriteAttributeString("code", Clean(subfield.Code.ToString()));
                    writer.WriteString(Clean(subfield.Value));
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return text.ToString();
    }

    private static string Clean(string value) => XmlChars.Clean(value);
}

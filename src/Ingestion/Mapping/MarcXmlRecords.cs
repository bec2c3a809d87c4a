using System.Xml.Linq;
using Search.Connectors.Marc;

namespace Search.Ingestion.Mapping;

/// <summary>Reads MARCXML (slim schema) into the one MARC model, <see cref="MarcRecordData"/>.</summary>
internal static class MarcXmlRecords
{
    public static readonly XNamespace SlimNamespace = "http://www.loc.gov/MARC21/slim";

    /// <summary>
    /// Reads a <c>record</c> element (MARC slim namespace, or none). Throws <see cref="MappingException"/>
    /// with the reason when the structure is not MARC: bad tags, subfields without a code.
    /// </summary>
    public static MarcRecordData Read(XElement record)
    {
        var leaderElement = record.Elements().FirstOrDefault(e => IsMarc(e, "leader"));
        var leader = (leaderElement?.Value ?? string.Empty).PadRight(24)[..24];

        var fields = new List<MarcFieldData>();
        foreach (var element in record.Elements())
        {
            if (IsMarc(element, "controlfield"))
            {
                var tag = ReadTag(element, "control field");
                fields.Add(MarcFieldData.Control(tag, element.Value));
            }
            else if (IsMarc(element, "datafield"))
            {
                var tag = ReadTag(element, "data field");
                var subfields = new List<MarcSubfieldData>();
                foreach (var sub in element.Elements().Where(e => IsMarc(e, "subfield")))
                {
                    var code = (string?)sub.Attribute("code");
                    if (code is not { Length: 1 })
                    {
                        throw new MappingException(
                            $"MARCXML field {tag} has a subfield with code '{code}'; a single character is expected.");
                    }

                    subfields.Add(new MarcSubfieldData(code[0], sub.Value));
                }

                fields.Add(new MarcFieldData(tag, null, Indicator(element, "ind1", tag), Indicator(element, "ind2", tag), subfields));
            }
        }

        return new MarcRecordData(leader, fields);
    }

    public static bool IsMarc(XElement element, string localName) =>
        element.Name.LocalName == localName
        && (element.Name.Namespace == SlimNamespace || element.Name.Namespace == XNamespace.None);

    private static string ReadTag(XElement element, string what)
    {
        var tag = (string?)element.Attribute("tag");
        if (tag is not { Length: 3 } || !tag.All(char.IsAsciiLetterOrDigit))
        {
            throw new MappingException($"MARCXML {what} has an invalid tag '{tag}': three letters or digits are expected.");
        }

        return tag;
    }

    private static char Indicator(XElement element, string name, string tag)
    {
        var value = (string?)element.Attribute(name);
        if (string.IsNullOrEmpty(value))
        {
            return ' ';
        }

        if (value.Length != 1)
        {
            throw new MappingException($"MARCXML field {tag} has indicator {name} '{value}'; a single character is expected.");
        }

        return value[0];
    }
}

using System.Xml.Linq;

namespace Search.Ingestion.Mapping;

/// <summary>One MARC subfield: a one-character code and its value.</summary>
internal sealed record MarcSubfield(char Code, string Value);

/// <summary>A MARC data field. <see cref="LinkedTag"/> is set on 880 fields: the tag they are the vernacular form of.</summary>
internal sealed class MarcDataField(string tag, char ind1, char ind2, IReadOnlyList<MarcSubfield> subfields)
{
    public string Tag { get; } = tag;

    public char Ind1 { get; } = ind1;

    public char Ind2 { get; } = ind2;

    public IReadOnlyList<MarcSubfield> Subfields { get; } = subfields;

    /// <summary>The raw value of subfield $6 (linkage), when present.</summary>
    public string? Linkage => First('6');

    /// <summary>For an 880 ("245-02/$1"): the tag it belongs to ("245"). For other fields: the field's own tag.</summary>
    public string EffectiveTag => Tag == "880" && Linkage is { Length: >= 3 } link ? link[..3] : Tag;

    /// <summary>The occurrence number that pairs a field with its 880 ("880-02" and "245-02/$1" give "02").</summary>
    public string? Occurrence
    {
        get
        {
            var link = Linkage;
            if (link is null || link.Length < 6 || link[3] != '-')
            {
                return null;
            }

            var occurrence = link.Substring(4, 2);
            return occurrence == "00" ? null : occurrence;
        }
    }

    public string? First(char code) => Subfields.FirstOrDefault(s => s.Code == code)?.Value;

    public IEnumerable<string> All(char code) => Subfields.Where(s => s.Code == code).Select(s => s.Value);
}

/// <summary>A MARC 21 bibliographic record read from MARCXML (slim schema).</summary>
internal sealed class MarcRecord
{
    public static readonly XNamespace SlimNamespace = "http://www.loc.gov/MARC21/slim";

    private MarcRecord(string leader, Dictionary<string, string> controlFields, List<MarcDataField> dataFields)
    {
        Leader = leader;
        ControlFields = controlFields;
        DataFields = dataFields;
        var vernacular = new Dictionary<(string, string), MarcDataField>();
        foreach (var field in dataFields.Where(f => f.Tag == "880"))
        {
            if (field.Occurrence is { } occurrence)
            {
                vernacular.TryAdd((field.EffectiveTag, occurrence), field);
            }
        }

        VernacularPartners = vernacular;
    }

    /// <summary>The leader, padded to 24 characters.</summary>
    public string Leader { get; }

    /// <summary>Control fields by tag (the first of each tag).</summary>
    public IReadOnlyDictionary<string, string> ControlFields { get; }

    /// <summary>Data fields in record order, 880s included.</summary>
    public IReadOnlyList<MarcDataField> DataFields { get; }

    private Dictionary<(string Tag, string Occurrence), MarcDataField> VernacularPartners { get; }

    public char TypeOfRecord => Leader[6];

    public char BibliographicLevel => Leader[7];

    /// <summary>The non-880 fields with this tag, in order.</summary>
    public IEnumerable<MarcDataField> Fields(string tag) => DataFields.Where(f => f.Tag == tag);

    /// <summary>880 fields that have no regular partner but belong to this tag (occurrence 00).</summary>
    public IEnumerable<MarcDataField> UnlinkedVernacular(string tag) =>
        DataFields.Where(f => f.Tag == "880" && f.EffectiveTag == tag && f.Occurrence is null);

    /// <summary>The 880 field holding the vernacular form of this field, when there is one.</summary>
    public MarcDataField? VernacularOf(MarcDataField field)
    {
        if (field.Tag == "880" || field.Linkage is not { } link || !link.StartsWith("880", StringComparison.Ordinal)
            || field.Occurrence is not { } occurrence)
        {
            return null;
        }

        return VernacularPartners.GetValueOrDefault((field.Tag, occurrence));
    }

    public string? Control(string tag) => ControlFields.GetValueOrDefault(tag);

    /// <summary>
    /// Reads a <c>record</c> element (MARC slim namespace, or none). Throws <see cref="MappingException"/>
    /// with the reason when the structure is not MARC: bad tags, subfields without a code.
    /// </summary>
    public static MarcRecord Read(XElement record)
    {
        var leaderElement = record.Elements().FirstOrDefault(e => IsMarc(e, "leader"));
        var leader = (leaderElement?.Value ?? string.Empty).PadRight(24)[..24];

        var controls = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<MarcDataField>();
        foreach (var element in record.Elements())
        {
            if (IsMarc(element, "controlfield"))
            {
                var tag = ReadTag(element, "control field");
                controls.TryAdd(tag, element.Value);
            }
            else if (IsMarc(element, "datafield"))
            {
                var tag = ReadTag(element, "data field");
                var subfields = new List<MarcSubfield>();
                foreach (var sub in element.Elements().Where(e => IsMarc(e, "subfield")))
                {
                    var code = (string?)sub.Attribute("code");
                    if (code is not { Length: 1 })
                    {
                        throw new MappingException(
                            $"MARCXML field {tag} has a subfield with code '{code}'; a single character is expected.");
                    }

                    subfields.Add(new MarcSubfield(code[0], sub.Value));
                }

                fields.Add(new MarcDataField(tag, Indicator(element, "ind1", tag), Indicator(element, "ind2", tag), subfields));
            }
        }

        return new MarcRecord(leader, controls, fields);
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

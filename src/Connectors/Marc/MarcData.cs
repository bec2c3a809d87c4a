namespace Search.Connectors.Marc;

/// <summary>One subfield of a MARC data field.</summary>
public sealed record MarcSubfieldData(char Code, string Value);

/// <summary>
/// One field of a MARC record as read from a file: a control field (tag 001-009, <see cref="Value"/> set) or a
/// data field (indicators and subfields).
/// </summary>
public sealed record MarcFieldData(string Tag, string? Value, char Ind1, char Ind2, IReadOnlyList<MarcSubfieldData> Subfields)
{
    public bool IsControl => Value is not null;

    public static MarcFieldData Control(string tag, string value) => new(tag, value, ' ', ' ', []);

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

    /// <summary>The value of the first subfield with this code.</summary>
    public string? First(char code) => Subfields.FirstOrDefault(s => s.Code == code)?.Value;

    /// <summary>The values of every subfield with this code, in order.</summary>
    public IEnumerable<string> All(char code) => Subfields.Where(s => s.Code == code).Select(s => s.Value);
}

/// <summary>
/// A MARC record (MARC 21 or UNIMARC) with its text already decoded to Unicode: the one MARC model, read from
/// ISO 2709 here and from MARCXML by the mappers, with the 880 (vernacular) pairing the mappers read.
/// </summary>
public sealed record MarcRecordData(string Leader, IReadOnlyList<MarcFieldData> Fields)
{
    /// <summary>Leader/06.</summary>
    public char TypeOfRecord => Leader.Length > 6 ? Leader[6] : ' ';

    /// <summary>Leader/07.</summary>
    public char BibliographicLevel => Leader.Length > 7 ? Leader[7] : ' ';

    /// <summary>Data fields in record order, 880s included.</summary>
    public IEnumerable<MarcFieldData> DataFields => Fields.Where(f => !f.IsControl);

    /// <summary>The first control field with this tag.</summary>
    public string? ControlValue(string tag) => Fields.FirstOrDefault(f => f.IsControl && f.Tag == tag)?.Value;

    /// <summary>The data fields with this tag, in order (an 880 only when "880" is asked for).</summary>
    public IEnumerable<MarcFieldData> Tagged(string tag) => Fields.Where(f => !f.IsControl && f.Tag == tag);

    /// <summary>880 fields that have no regular partner but belong to this tag (occurrence 00).</summary>
    public IEnumerable<MarcFieldData> UnlinkedVernacular(string tag) =>
        Tagged("880").Where(f => f.EffectiveTag == tag && f.Occurrence is null);

    /// <summary>The 880 field holding the vernacular form of this field, when there is one.</summary>
    public MarcFieldData? VernacularOf(MarcFieldData field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Tag == "880" || field.Linkage is not { } link || !link.StartsWith("880", StringComparison.Ordinal)
            || field.Occurrence is not { } occurrence)
        {
            return null;
        }

        return Tagged("880").FirstOrDefault(f => f.EffectiveTag == field.Tag && f.Occurrence == occurrence);
    }
}

/// <summary>A record or a field could not be read; the message is the quarantine reason.</summary>
public sealed class MarcFormatException : Exception
{
    public MarcFormatException()
    {
    }

    public MarcFormatException(string message)
        : base(message)
    {
    }

    public MarcFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

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
}

/// <summary>A MARC record (MARC 21 or UNIMARC) with its text already decoded to Unicode.</summary>
public sealed record MarcRecordData(string Leader, IReadOnlyList<MarcFieldData> Fields)
{
    /// <summary>The first control field with this tag.</summary>
    public string? ControlValue(string tag) => Fields.FirstOrDefault(f => f.IsControl && f.Tag == tag)?.Value;
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

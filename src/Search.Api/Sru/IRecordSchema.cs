using System.Xml;

namespace Search.Api.Sru;

/// <summary>A record schema SRU can return: its short name, identifier and how a record is written in it.</summary>
public interface IRecordSchema
{
    /// <summary>The short name (<c>dc</c>).</summary>
    string Name { get; }

    /// <summary>The schema identifier (<c>info:srw/schema/1/dc-v1.1</c>), echoed as <c>recordSchema</c>.</summary>
    string Identifier { get; }

    string Title { get; }

    /// <summary>Other names clients use for it (<c>marc21</c> for MARCXML).</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>False when the record is not XML (JSON): it is always sent as escaped text.</summary>
    bool IsXml { get; }

    /// <summary>Writes the record: an element for XML schemas, text for the others.</summary>
    void Write(XmlWriter writer, SruRecord record);
}

/// <summary>The record schemas of the server; Dublin Core is the default.</summary>
public static class RecordSchemas
{
    public static IReadOnlyList<IRecordSchema> All { get; } = [new DublinCoreSchema(), new MarcXmlSchema(), new JsonRecordSchema()];

    public static IRecordSchema Default => All[0];

    /// <summary>The schema a <c>recordSchema</c> parameter names (short name, alias or identifier), or diagnostic 66.</summary>
    public static IRecordSchema Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Default;
        }

        var text = name.Trim();
        return All.FirstOrDefault(s => s.Identifier == text
                || s.Name.Equals(text, StringComparison.OrdinalIgnoreCase)
                || s.Aliases.Any(a => a.Equals(text, StringComparison.OrdinalIgnoreCase)))
            ?? throw new SruDiagnosticException(SruDiagnostic.UnknownSchema(text));
    }
}

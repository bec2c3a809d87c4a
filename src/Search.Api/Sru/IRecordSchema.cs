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

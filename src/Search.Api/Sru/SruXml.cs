using System.Text;
using System.Xml;
using Search.Connectors.Xml;

namespace Search.Api.Sru;

/// <summary>How every SRU document is written: UTF-8 XML through <see cref="XmlWriter"/>, partner text cleaned of characters XML cannot hold.</summary>
public static class SruXml
{
    public const string ContentType = "application/xml; charset=utf-8";

    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        Async = false,
    };

    /// <summary><c>&lt;name&gt;value&lt;/name&gt;</c> in the namespace, the value cleaned.</summary>
    public static void Element(this XmlWriter writer, string name, string ns, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElementString(name, ns, XmlChars.Clean(value ?? ""));
    }

    /// <summary><c>&lt;name&gt;value&lt;/name&gt;</c> for a whole number.</summary>
    public static void Element(this XmlWriter writer, string name, string ns, long value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElementString(name, ns, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The element only when the value is there.</summary>
    public static void OptionalElement(this XmlWriter writer, string name, string ns, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.Element(name, ns, value);
        }
    }

    /// <summary>Text content, cleaned.</summary>
    public static void Text(this XmlWriter writer, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(XmlChars.Clean(value ?? ""));
    }
}

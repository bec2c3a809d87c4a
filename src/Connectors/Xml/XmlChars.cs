using System.Text;
using System.Xml;

namespace Search.Connectors.Xml;

/// <summary>Text made fit for XML: characters XML cannot hold (stray control characters, lone surrogates) are left out.</summary>
public static class XmlChars
{
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.All(XmlConvert.IsXmlChar))
        {
            return value;
        }

        var kept = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                kept.Append(value[i]);
            }
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                kept.Append(value[i]).Append(value[i + 1]);
                i++;
            }
        }

        return kept.ToString();
    }
}

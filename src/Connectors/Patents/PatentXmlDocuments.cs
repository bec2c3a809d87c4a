using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Search.Connectors.Patents;

/// <summary>
/// Cuts patent bulk files into documents and makes each one safe to parse. USPTO files concatenate many XML
/// documents, each with its own <c>&lt;?xml</c> declaration and DOCTYPE naming an external DTD: the DOCTYPE
/// (with its internal subset) is removed so no DTD is ever processed or fetched, and the named character
/// entities the DTDs would have declared (<c>&amp;deg;</c>, <c>&amp;lsqb;</c>) are replaced by their characters.
/// </summary>
public static partial class PatentXmlDocuments
{
    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    // ISO 8879 entity names used by USPTO DTDs that HTML does not know.
    private static readonly Dictionary<string, string> ExtraEntities = new(StringComparer.Ordinal)
    {
        ["lsqb"] = "[", ["rsqb"] = "]", ["equals"] = "=", ["plus"] = "+", ["lcub"] = "{", ["rcub"] = "}",
        ["verbar"] = "|", ["num"] = "#", ["percnt"] = "%", ["dollar"] = "$", ["commat"] = "@", ["excl"] = "!",
        ["quest"] = "?", ["ast"] = "*", ["sol"] = "/", ["bsol"] = "\\", ["lowbar"] = "_", ["colon"] = ":",
        ["semi"] = ";", ["comma"] = ",", ["period"] = ".", ["lpar"] = "(", ["rpar"] = ")", ["hyphen"] = "-",
        ["agr"] = "α", ["bgr"] = "β", ["ggr"] = "γ", ["dgr"] = "δ", ["egr"] = "ε", ["mgr"] = "μ", ["pgr"] = "π",
        ["sgr"] = "σ", ["tgr"] = "τ", ["thgr"] = "θ", ["lgr"] = "λ", ["ohgr"] = "ω", ["phgr"] = "φ",
        ["Prime"] = "″", ["prime"] = "′", ["ensp"] = " ", ["emsp"] = " ", ["thinsp"] = " ", ["dash"] = "‐",
    };

    [GeneratedRegex(@"&([A-Za-z][A-Za-z0-9]*);", RegexOptions.CultureInvariant)]
    private static partial Regex NamedEntity();

    /// <summary>The documents of a file's text, each from its XML declaration (or its start) to the next one.</summary>
    public static IEnumerable<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A declaration is "<?xml" and a space: "<?xml-stylesheet" (CNIPA viewer stylesheets) does not start a document.
        var starts = new List<int>();
        for (var at = text.IndexOf("<?xml", StringComparison.Ordinal); at >= 0; at = text.IndexOf("<?xml", at + 5, StringComparison.Ordinal))
        {
            if (at + 5 < text.Length && char.IsWhiteSpace(text[at + 5]))
            {
                starts.Add(at);
            }
        }

        if (starts.Count == 0 || text[..starts[0]].Trim().Length > 0)
        {
            starts.Insert(0, 0);
        }

        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            var document = text[starts[i]..end].Trim().TrimStart('\uFEFF');
            if (document.Length > 0)
            {
                yield return document;
            }
        }
    }

    /// <summary>The document without its DOCTYPE and with named entities other than XML's five replaced.</summary>
    public static string MakeSafe(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var withoutDoctype = RemoveDoctype(document);
        return NamedEntity().Replace(withoutDoctype, m =>
        {
            var name = m.Groups[1].Value;
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                return m.Value;
            }

            if (ExtraEntities.TryGetValue(name, out var extra))
            {
                return Escape(extra);
            }

            var decoded = WebUtility.HtmlDecode(m.Value);
            return decoded != m.Value ? Escape(decoded) : "\uFFFD";
        });
    }

    /// <summary>Parses a safe document (no DTD allowed, no resolver); throws <see cref="XmlException"/> when it is not well-formed.</summary>
    public static XDocument Parse(string safeDocument)
    {
        using var reader = XmlReader.Create(new StringReader(safeDocument), SafeSettings);
        return XDocument.Load(reader);
    }

    private static string Escape(string text) => text switch
    {
        "<" => "&lt;",
        "&" => "&amp;",
        ">" => "&gt;",
        _ => text,
    };

    private static string RemoveDoctype(string document)
    {
        var start = document.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (start < 0)
        {
            return document;
        }

        var i = start + 9;
        char? quote = null;
        var inSubset = false;
        while (i < document.Length)
        {
            var c = document[i];
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                inSubset = true;
            }
            else if (c == ']' && inSubset)
            {
                inSubset = false;
            }
            else if (c == '>' && !inSubset)
            {
                var builder = new StringBuilder(document.Length);
                builder.Append(document, 0, start).Append(document, i + 1, document.Length - i - 1);
                return builder.ToString();
            }

            i++;
        }

        return document[..start];
    }
}

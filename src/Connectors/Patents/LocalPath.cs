using System.Xml.Linq;

namespace Search.Connectors.Patents;

/// <summary>
/// Element paths by local name, namespace prefixes ignored, so one table serves <c>business:</c>/<c>base:</c>
/// documents and plain ones: <c>SDOBI/B200/B210</c>, <c>ApplicationReference[@dataFormat='original']/DocumentID/DocNumber</c>,
/// <c>parties/applicants/applicant[!@data-format]/addressbook</c> (a step whose element lacks the attribute).
/// </summary>
public static class LocalPath
{
    /// <summary>The elements the path reaches from <paramref name="from"/>, in document order.</summary>
    public static IEnumerable<XElement> Elements(XElement from, string path)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(path);
        IEnumerable<XElement> current = [from];
        foreach (var step in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var test = Step.Parse(step);
            current = current.SelectMany(e => e.Elements()).Where(test.Matches).ToList();
        }

        return current;
    }

    /// <summary>The first element the path reaches, or null.</summary>
    public static XElement? First(XElement from, string path) => Elements(from, path).FirstOrDefault();

    /// <summary>The value of the attribute with this local name, or null.</summary>
    public static string? Attribute(XElement element, string localName)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value;
    }

    private sealed record Step(string Name, string? Attribute, string? Value, bool Absent)
    {
        public static Step Parse(string text)
        {
            var open = text.IndexOf('[', StringComparison.Ordinal);
            if (open < 0)
            {
                return new Step(text, null, null, false);
            }

            var name = text[..open];
            var condition = text[(open + 1)..].TrimEnd(']');
            if (condition.StartsWith("!@", StringComparison.Ordinal))
            {
                return new Step(name, condition[2..], null, true);
            }

            var equals = condition.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new Step(name, condition.TrimStart('@'), null, false)
                : new Step(name, condition[..equals].TrimStart('@'), condition[(equals + 1)..].Trim('\'', '"'), false);
        }

        public bool Matches(XElement element)
        {
            if (element.Name.LocalName != Name)
            {
                return false;
            }

            if (Attribute is null)
            {
                return true;
            }

            var value = LocalPath.Attribute(element, Attribute);
            return Absent ? value is null : value is not null && (Value is null || string.Equals(value, Value, StringComparison.Ordinal));
        }
    }
}

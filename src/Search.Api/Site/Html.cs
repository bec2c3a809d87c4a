using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Search.Api.Site;

/// <summary>
/// Builds server-rendered pages. Every piece of partner text goes through <see cref="Text"/> or an attribute value,
/// both escaped; only the page's own markup is written raw. Chinese stays readable in the source (not as entities).
/// </summary>
public sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _out = new();

    public static string Escape(string? value) => Encoder.Encode(value ?? "");

    /// <summary>The page's own markup, never partner data.</summary>
    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    /// <summary>Text, escaped.</summary>
    public Html Text(string? value)
    {
        _out.Append(Escape(value));
        return this;
    }

    /// <summary>An element with escaped attribute values and escaped text.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Raw($"</{tag}>");
    }

    /// <summary>An opening tag with escaped attribute values; attributes whose value is null are left out.</summary>
    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _out.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _out.Append(' ').Append(name).Append("=\"").Append(Escape(value)).Append('"');
            }
        }

        _out.Append('>');
        return this;
    }

    /// <summary>A <c>meta</c> tag, left out when the value is empty.</summary>
    public Html Meta(string name, string? content)
    {
        if (!string.IsNullOrWhiteSpace(content))
        {
            Open("meta", ("name", name), ("content", content)).Raw("\n");
        }

        return this;
    }

    public override string ToString() => _out.ToString();
}

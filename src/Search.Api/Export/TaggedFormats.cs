using System.Globalization;
using System.Text;

namespace Search.Api.Export;

/// <summary>
/// The reference managers' exchange formats, each from the one <see cref="CslItem"/>: RIS (Zotero, EndNote,
/// Mendeley, NoteExpress all import it), BibTeX, EndNote's tagged import format (.enw) and NoteExpress's own
/// tagged format. Values are the partner's text; only each format's own special characters are escaped.
/// </summary>
public static class TaggedFormats
{
    public static string Ris(CslItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var o = new StringBuilder();
        void Tag(string tag, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                o.Append(tag).Append("  - ").Append(OneLine(value)).Append("\r\n");
            }
        }

        Tag("TY", item.Type switch
        {
            "article-journal" => "JOUR",
            "thesis" => "THES",
            "paper-conference" => "CPAPER",
            "patent" => "PAT",
            "standard" => "STAND",
            "report" => "RPRT",
            "book" => "BOOK",
            _ => "GEN",
        });
        Tag("TI", item.Title);
        foreach (var author in item.Authors)
        {
            Tag(item.Type == "patent" ? "A1" : "AU", Written(author));
        }

        Tag(item.Type == "paper-conference" ? "T2" : "JO", item.ContainerTitle);
        Tag("PY", item.Year?.ToString(CultureInfo.InvariantCulture));
        Tag("DA", item.Date?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture));
        Tag("VL", item.Volume);
        Tag("IS", item.Issue);
        var (start, end) = PageRange(item.Page);
        Tag("SP", start);
        Tag("EP", end);
        Tag("PB", item.Publisher);
        Tag("SN", item.Issn ?? item.Isbn);
        Tag(item.Type == "patent" ? "M1" : "M2", item.Number);
        Tag("DO", item.Doi);
        Tag("LA", item.Language);
        Tag("AB", item.Abstract);
        foreach (var keyword in item.Keywords)
        {
            Tag("KW", keyword);
        }

        Tag("ID", item.Id);
        o.Append("ER  - \r\n");
        return o.ToString();
    }

    public static string BibTex(CslItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var kind = item.Type switch
        {
            "article-journal" => "article",
            "thesis" => "phdthesis",
            "paper-conference" => "inproceedings",
            "book" => "book",
            "report" => "techreport",
            "patent" => "patent",
            "standard" => "standard",
            _ => "misc",
        };
        var o = new StringBuilder();
        o.Append('@').Append(kind).Append('{').Append(Key(item.Id)).Append(",\n");
        void Field(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                o.Append("  ").Append(name).Append(" = {").Append(Braced(OneLine(value))).Append("},\n");
            }
        }

        Field("title", item.Title);
        Field("author", item.Authors.Count == 0 ? null : string.Join(" and ", item.Authors.Select(a => a.Literal is not null ? "{" + a.Literal + "}" : $"{a.Family}, {a.Given}")));
        Field(item.Type == "paper-conference" ? "booktitle" : "journal", item.ContainerTitle);
        Field(item.Type == "thesis" ? "school" : item.Type == "report" ? "institution" : "publisher", item.Publisher);
        Field("year", item.Year?.ToString(CultureInfo.InvariantCulture));
        Field("date", item.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field("volume", item.Volume);
        Field("number", item.Type is "patent" or "standard" ? item.Number : item.Issue);
        Field("pages", item.Page?.Replace("-", "--", StringComparison.Ordinal));
        Field("doi", item.Doi);
        Field("issn", item.Issn);
        Field("isbn", item.Isbn);
        Field("langid", item.Language);
        Field("keywords", item.Keywords.Count == 0 ? null : string.Join(", ", item.Keywords));
        Field("abstract", item.Abstract);
        o.Append("}\n");
        return o.ToString();
    }

    /// <summary>EndNote's tagged import format (refer-style %-tags).</summary>
    public static string EndNote(CslItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var o = new StringBuilder();
        void Tag(string tag, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                o.Append(tag).Append(' ').Append(OneLine(value)).Append('\n');
            }
        }

        Tag("%0", item.Type switch
        {
            "article-journal" => "Journal Article",
            "thesis" => "Thesis",
            "paper-conference" => "Conference Proceedings",
            "patent" => "Patent",
            "standard" => "Standard",
            "report" => "Report",
            "book" => "Book",
            _ => "Generic",
        });
        Tag("%T", item.Title);
        foreach (var author in item.Authors)
        {
            Tag("%A", Written(author));
        }

        Tag(item.Type == "paper-conference" ? "%B" : "%J", item.ContainerTitle);
        Tag("%I", item.Publisher);
        Tag("%D", item.Year?.ToString(CultureInfo.InvariantCulture));
        Tag("%V", item.Volume);
        Tag("%N", item.Type is "patent" or "standard" ? item.Number : item.Issue);
        Tag("%P", item.Page);
        Tag("%@", item.Issn ?? item.Isbn);
        Tag("%R", item.Doi);
        Tag("%G", item.Language);
        Tag("%X", item.Abstract);
        foreach (var keyword in item.Keywords)
        {
            Tag("%K", keyword);
        }

        o.Append('\n');
        return o.ToString();
    }

    /// <summary>NoteExpress's tagged format (<c>{Reference Type}: Journal Article</c> and so on), as CNKI exports it.</summary>
    public static string NoteExpress(CslItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var o = new StringBuilder();
        void Tag(string tag, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                o.Append('{').Append(tag).Append("}: ").Append(OneLine(value)).Append("\r\n");
            }
        }

        Tag("Reference Type", item.Type switch
        {
            "article-journal" => "Journal Article",
            "thesis" => "Thesis",
            "paper-conference" => "Conference Proceedings",
            "patent" => "Patent",
            "standard" => "Standard",
            "report" => "Report",
            "book" => "Book",
            _ => "Generic",
        });
        Tag("Title", item.Title);
        foreach (var author in item.Authors)
        {
            Tag("Author", Written(author));
        }

        Tag(item.Type == "paper-conference" ? "Secondary Title" : "Journal", item.ContainerTitle);
        Tag(item.Type == "thesis" ? "Tertiary Author" : "Publisher", item.Publisher);
        Tag("Year", item.Year?.ToString(CultureInfo.InvariantCulture));
        Tag("Volume", item.Volume);
        Tag("Issue", item.Issue);
        Tag("Pages", item.Page);
        Tag(item.Type == "patent" ? "Patent Number" : item.Type == "standard" ? "Standard Number" : "Number", item.Number);
        Tag("ISBN/ISSN", item.Issn ?? item.Isbn);
        Tag("DOI", item.Doi);
        Tag("Language", item.Language);
        Tag("Keywords", item.Keywords.Count == 0 ? null : string.Join(";", item.Keywords));
        Tag("Abstract", item.Abstract);
        o.Append("\r\n");
        return o.ToString();
    }

    private static string Written(CslName name) => name.Literal ?? $"{name.Family}, {name.Given}";

    private static (string? Start, string? End) PageRange(string? page)
    {
        if (page is null)
        {
            return (null, null);
        }

        var dash = page.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (page, null) : (page[..dash], page[(dash + 1)..]);
    }

    /// <summary>Line breaks inside a value would start a new tag: they become spaces.</summary>
    private static string OneLine(string value) => string.Join(' ', value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>Braces balanced for BibTeX: unbalanced ones and backslashes are escaped.</summary>
    private static string Braced(string value)
    {
        var o = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            o.Append(c switch
            {
                '{' => "\\{",
                '}' => "\\}",
                '\\' => "\\textbackslash{}",
                _ => c.ToString(),
            });
        }

        return o.ToString();
    }

    private static string Key(string id) => new([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':')]);
}

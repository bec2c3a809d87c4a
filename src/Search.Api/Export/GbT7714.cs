using System.Globalization;
using System.Text;

namespace Search.Api.Export;

/// <summary>Which GB/T 7714 text: the edition (2015 or 2025) and the system (顺序编码制 numeric, or 著者-出版年制).</summary>
public sealed record GbT7714Style(int Edition, bool AuthorDate)
{
    public static readonly GbT7714Style Numeric2015 = new(2015, false);
    public static readonly GbT7714Style AuthorDate2015 = new(2015, true);
    public static readonly GbT7714Style Numeric2025 = new(2025, false);
    public static readonly GbT7714Style AuthorDate2025 = new(2025, true);

    /// <summary>2025 sets the separators in full-width forms (，：（）) and leaves Western surnames in their case.</summary>
    public bool FullWidth => Edition >= 2025;
}

/// <summary>
/// A bibliography entry in GB/T 7714 for one <see cref="CslItem"/>, as the maintained CSL styles for the standard
/// render it (zotero-chinese/styles, which citeproc-js runs; a test compares the two on every record type):
/// authors (three, then 等 / et al.), title with its document-type code ([J] [D] [P] [S] [C] [R] [M] [Z], /OL when
/// the item has a DOI), then the type's publication facts. An entry carries no sequence number: the numbered list
/// adds <c>[n]</c>.
/// </summary>
public static class GbT7714
{
    public static string Format(CslItem item, GbT7714Style style)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(style);
        var p = new Punctuation(style.FullWidth);
        var names = Names(item, style, p);
        var year = item.Year?.ToString(CultureInfo.InvariantCulture);
        var head = new StringBuilder();
        if (style.AuthorDate)
        {
            head.Append(names ?? (item.IsChinese ? "佚名" : "Anon"));
            if (year is not null)
            {
                head.Append(p.Comma).Append(year);
            }
            else if (style.FullWidth && !item.IsChinese)
            {
                head.Append(p.Comma).Append("n.d.");
            }

            head.Append(head[^1] == '.' ? " " : ". ");
        }
        else if (names is not null && !(style.FullWidth && item.Type == "standard"))
        {
            // (2025 opens a standard's entry with its number: the issuing body is not named.)
            head.Append(names).Append(names.EndsWith('.') ? " " : ". ");
        }

        // The year inside the publication facts: numeric styles always; the 2025 author-date style repeats it where
        // nothing else would place the item (a journal item without volume or issue, a book or report without publisher).
        var repeat = style.AuthorDate && style.FullWidth;
        var factsYear = !style.AuthorDate || (repeat && item.Volume is null && item.Issue is null) ? year : null;
        var publisherYear = !style.AuthorDate || (repeat && item.Publisher is null) ? year : null;
        var code = Code(item.Type) + (item.Doi is not null ? "/OL" : "");
        var body = new StringBuilder();
        switch (item.Type)
        {
            case "article-journal":
                body.Append(item.Title).Append('[').Append(code).Append("]. ");
                var journal = new StringBuilder(item.ContainerTitle ?? "");
                if (factsYear is not null)
                {
                    Joined(journal, p.Comma, factsYear);
                }

                if (item.Volume is not null)
                {
                    Joined(journal, p.Comma, item.Volume);
                }

                if (item.Issue is not null)
                {
                    journal.Append(p.Open).Append(item.Issue).Append(p.Close);
                }

                if (item.Page is not null)
                {
                    journal.Append(p.Colon).Append(item.Page);
                }

                body.Append(journal);
                break;
            case "patent":
                body.Append(item.Title);
                if (item.Number is not null)
                {
                    body.Append(p.Colon).Append(item.Number);
                }

                body.Append('[').Append(code).Append(']');
                // 2025 names the office that published the document (author-date: instead of the date).
                if (style.FullWidth && item.Publisher is not null)
                {
                    body.Append(". ").Append(item.Publisher);
                    if (!style.AuthorDate && item.DateText is { } dated)
                    {
                        body.Append(p.Comma).Append(dated);
                    }
                }
                else if (item.DateText is { } date)
                {
                    body.Append(". ").Append(date);
                }

                break;
            case "standard" when style.FullWidth:
                if (item.Number is not null)
                {
                    body.Append(item.Number).Append('\u2003');
                }

                body.Append(item.Title).Append('[').Append(code).Append(']');
                break;
            case "standard":
                body.Append(item.Title);
                if (item.Number is not null)
                {
                    body.Append(p.Colon).Append(item.Number);
                }

                body.Append('[').Append(code).Append(']');
                Publication(body, item.Publisher, publisherYear, null, p);
                break;
            case "paper-conference":
                body.Append(item.Title).Append('[').Append(code).Append("]//").Append(item.ContainerTitle ?? "");
                Publication(body, item.Publisher, publisherYear, item.Page, p);
                break;
            default:
                body.Append(item.Title).Append('[').Append(code).Append(']');
                Publication(body, item.Publisher, publisherYear, item.Page, p);
                break;
        }

        var text = head.Append(body.ToString().TrimEnd()).ToString();
        text = text.EndsWith('.') ? text : text + ".";
        return item.Doi is null ? text : $"{text} DOI:{item.Doi}.";
    }

    /// <summary>". 出版者, 年: 页" with whatever parts there are.</summary>
    private static void Publication(StringBuilder body, string? publisher, string? year, string? pages, Punctuation p)
    {
        var facts = new StringBuilder(publisher ?? "");
        if (year is not null)
        {
            Joined(facts, p.Comma, year);
        }

        if (pages is not null)
        {
            facts.Append(p.Colon).Append(pages);
        }

        if (facts.Length > 0)
        {
            body.Append(". ").Append(facts);
        }
    }

    private static void Joined(StringBuilder into, string separator, string value)
    {
        if (into.Length > 0)
        {
            into.Append(separator);
        }

        into.Append(value);
    }

    private static string Code(string cslType) => cslType switch
    {
        "article-journal" => "J",
        "thesis" => "D",
        "patent" => "P",
        "standard" => "S",
        "paper-conference" => "C",
        "report" => "R",
        "book" => "M",
        _ => "Z",
    };

    /// <summary>The authors as the standard writes them (at most three, then 等 or et al.), or null when there are none.</summary>
    private static string? Names(CslItem item, GbT7714Style style, Punctuation p)
    {
        if (item.Authors.Count == 0)
        {
            return null;
        }

        var shown = item.Authors.Take(3).Select(a => Name(a, style)).ToList();
        if (item.Authors.Count > 3)
        {
            shown.Add(item.IsChinese ? "等" : "et al.");
        }

        return string.Join(p.Comma, shown);
    }

    /// <summary>A person as "FAMILY G N" (2015) or "Family G N" (2025); a literal name as sent.</summary>
    public static string Name(CslName name, GbT7714Style style)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(style);
        if (name.Literal is not null)
        {
            return name.Literal;
        }

        var family = style.FullWidth ? name.Family! : name.Family!.ToUpper(CultureInfo.InvariantCulture);
        var parts = new List<string> { family };
        foreach (var word in name.Given!.Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            parts.Add(Initials(word, style.FullWidth));
        }

        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    /// <summary>
    /// One given name as initials, the way CSL's <c>initialize-with</c> treats it: a word that starts in lower case
    /// ("c/o") is kept whole; the parts of a hyphenated name are initials joined by a hyphen when the style keeps
    /// hyphens (2025: "J-M", a lower-case part dropped) and separate initials when it does not (2015: "J M", a
    /// lower-case part kept as written).
    /// </summary>
    private static string Initials(string word, bool keepHyphen)
    {
        if (!char.IsUpper(word[0]))
        {
            return word;
        }

        var pieces = word.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (keepHyphen)
        {
            return string.Join('-', pieces.Where(p => char.IsUpper(p[0])).Select(p => char.ToUpperInvariant(p[0]).ToString()));
        }

        return string.Join(' ', pieces.Select(p => char.IsUpper(p[0]) ? p[0].ToString() : p));
    }

    /// <summary>True when the text has a CJK ideograph (the item is then a Chinese one).</summary>
    public static bool HasCjk(string? text) =>
        text is not null && text.Any(c => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF');

    private sealed record Punctuation(bool FullWidth)
    {
        public string Comma => FullWidth ? "，" : ", ";

        public string Colon => FullWidth ? "：" : ": ";

        public string Open => FullWidth ? "（" : "(";

        public string Close => FullWidth ? "）" : ")";
    }
}

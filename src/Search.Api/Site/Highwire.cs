using System.Globalization;
using System.Text;
using Search.Api.Api;
using Search.Api.Entitlement;
using Search.Ingestion.Model;

namespace Search.Api.Site;

/// <summary>
/// The record as Highwire Press <c>citation_*</c> meta tags (read by Zotero's Embedded Metadata translator, Google
/// Scholar and other crawlers). The kind of container tag tells the reader the type: a journal title makes a
/// journal article, a conference title a paper, a dissertation institution a thesis, a report institution a report.
/// </summary>
public static class Highwire
{
    public static void Write(Html html, RecordsApi.RecordResponse r, DisclosedRecord disclosed)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(disclosed);
        html.Meta("citation_title", r.Title);
        foreach (var author in r.Authors)
        {
            html.Meta("citation_author", author);
        }

        html.Meta("citation_publication_date", PublicationDate(r));
        var first = r.Organizations.Count > 0 ? r.Organizations[0] : null;
        switch (r.Type)
        {
            case RecordTypes.JournalArticle:
                html.Meta("citation_journal_title", r.SourceTitle);
                break;
            case RecordTypes.ConferencePaper:
                html.Meta("citation_conference_title", r.SourceTitle);
                break;
            case RecordTypes.Thesis:
                html.Meta("citation_dissertation_institution", first ?? r.Publisher);
                break;
            case RecordTypes.Report:
                html.Meta("citation_technical_report_institution", first ?? r.Publisher);
                break;
            case RecordTypes.Patent:
                foreach (var number in r.Identifiers.PatentNumbers)
                {
                    html.Meta("citation_patent_number", number);
                }

                break;
            default:
                break;
        }

        html.Meta("citation_publisher", r.Publisher);
        html.Meta("citation_volume", r.Volume);
        html.Meta("citation_issue", r.Issue);
        html.Meta("citation_firstpage", r.FirstPage);
        html.Meta("citation_lastpage", r.LastPage);
        html.Meta("citation_doi", r.Identifiers.Doi);
        foreach (var issn in r.Identifiers.Issn)
        {
            html.Meta("citation_issn", issn);
        }

        foreach (var isbn in r.Identifiers.Isbn)
        {
            html.Meta("citation_isbn", isbn);
        }

        html.Meta("citation_keywords", string.Join("; ", r.Keywords));
        html.Meta("citation_language", RecordPage.LanguageTag(r.Language) ?? r.Language);
        html.Meta("citation_abstract", r.Abstract);
        if (disclosed.Decision.IsAvailable && r.Sources.FirstOrDefault(s => s.Id == disclosed.Decision.Source) is { } granted)
        {
            html.Meta("citation_pdf_url", $"/api/records/{Uri.EscapeDataString(granted.RecordId)}/fulltext");
        }
    }

    /// <summary>The date Highwire expects (<c>yyyy/MM/dd</c> or the year alone).</summary>
    private static string? PublicationDate(RecordsApi.RecordResponse r) =>
        r.Patent?.PublicationDate is { } date
            ? date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture)
            : r.Year?.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The record as a COinS span (an OpenURL 1.0 ContextObject in KEV form in the title of a <c>span class="Z3988"</c>),
/// which Zotero and link resolvers read. Formats: journal (articles, papers), dissertation, patent, book (the rest).
/// </summary>
public static class Coins
{
    public static void Write(Html html, RecordsApi.RecordResponse r)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Open("span", ("class", "Z3988"), ("title", ContextObject(r))).Raw("</span>\n");
    }

    public static string ContextObject(RecordsApi.RecordResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var kev = new StringBuilder("ctx_ver=Z39.88-2004");
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                kev.Append('&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        var (format, genre) = r.Type switch
        {
            RecordTypes.JournalArticle => ("journal", "article"),
            RecordTypes.ConferencePaper => ("book", "proceeding"),
            RecordTypes.Thesis => ("dissertation", null),
            RecordTypes.Patent => ("patent", null),
            RecordTypes.Book => ("book", "book"),
            RecordTypes.Report => ("book", "report"),
            _ => ("book", "document"),
        };
        Add("rft_val_fmt", $"info:ofi/fmt:kev:mtx:{format}");
        Add("rft.genre", genre);
        Add("rft_id", r.Identifiers.Doi is { } doi ? $"info:doi/{doi}" : null);
        switch (format)
        {
            case "journal":
                Add("rft.atitle", r.Title);
                Add("rft.jtitle", r.SourceTitle);
                break;
            case "book" when r.Type == RecordTypes.ConferencePaper:
                Add("rft.atitle", r.Title);
                Add("rft.btitle", r.SourceTitle);
                break;
            case "book":
                Add("rft.btitle", r.Title);
                break;
            default:
                Add("rft.title", r.Title);
                break;
        }

        foreach (var author in r.Authors)
        {
            Add(r.Type == RecordTypes.Patent ? "rft.inventor" : "rft.au", author);
        }

        if (r.Type == RecordTypes.Patent)
        {
            foreach (var applicant in r.Organizations)
            {
                Add("rft.assignee", applicant);
            }

            Add("rft.number", r.Identifiers.PatentNumbers.FirstOrDefault());
            Add("rft.applnumber", r.Patent?.ApplicationNumber);
            Add("rft.appldate", r.Patent?.ApplicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("rft.kind", r.Patent?.Kind);
        }
        else if (r.Type == RecordTypes.Thesis)
        {
            Add("rft.inst", r.Organizations.Count > 0 ? r.Organizations[0] : null);
        }
        else
        {
            Add("rft.pub", r.Publisher);
        }

        Add("rft.date", r.Patent?.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? r.Year?.ToString(CultureInfo.InvariantCulture));
        Add("rft.volume", r.Volume);
        Add("rft.issue", r.Issue);
        Add("rft.spage", r.FirstPage);
        Add("rft.epage", r.LastPage);
        Add("rft.issn", r.Identifiers.Issn.FirstOrDefault());
        Add("rft.isbn", r.Identifiers.Isbn.FirstOrDefault());
        Add("rft.language", r.Language);
        return kev.ToString();
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Search.Api.Api;
using Search.Ingestion.Model;

namespace Search.Api.Export;

/// <summary>
/// A name as a citation writes it: a person split into family and given names when the partner wrote
/// <c>Family, Given</c>, else the name as sent (Chinese names, bodies, names we cannot split safely).
/// </summary>
public sealed record CslName(string? Family, string? Given, string? Literal)
{
    public static CslName Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0 && comma < name.Length - 1 && !GbT7714.HasCjk(name) && name.IndexOf(',', comma + 1) < 0)
        {
            var family = name[..comma].Trim();
            var given = name[(comma + 1)..].Trim();
            if (family.Length > 0 && given.Length > 0)
            {
                return new CslName(family, given, null);
            }
        }

        return new CslName(null, null, name.Trim());
    }

    public JsonObject ToJson() => Literal is not null
        ? new JsonObject { ["literal"] = Literal }
        : new JsonObject { ["family"] = Family, ["given"] = Given };
}

/// <summary>
/// The record as one CSL item: the one mapping from our record model to citation fields, used by every export
/// (GB/T 7714 text, RIS, BibTeX, EndNote, NoteExpress) and served as CSL-JSON, so what citeproc-js renders from
/// the CSL-JSON and what the engine renders itself start from the same facts. Which names are the authors:
/// the persons; for patents, standards and reports without persons, the applicants or issuing bodies.
/// </summary>
public sealed record CslItem(
    string Id,
    string Type,
    string Title,
    IReadOnlyList<CslName> Authors,
    string? ContainerTitle,
    string? Publisher,
    int? Year,
    DateOnly? Date,
    string? Volume,
    string? Issue,
    string? Page,
    string? Doi,
    string? Number,
    string? Issn,
    string? Isbn,
    string Language,
    string? Abstract,
    IReadOnlyList<string> Keywords,
    string? Genre,
    string? CollectionTitle = null)
{
    /// <summary>True when the item is cited with Chinese terms (等, 佚名) rather than English ones (et al., Anon).</summary>
    public bool IsChinese => Language.StartsWith("zh", StringComparison.Ordinal);

    public static CslItem From(RecordsApi.RecordResponse r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var persons = r.Authors.Select(CslName.Parse).ToList();
        var bodies = r.Organizations.Select(o => new CslName(null, null, o)).ToList();
        var type = r.Type switch
        {
            RecordTypes.JournalArticle => "article-journal",
            RecordTypes.Thesis => "thesis",
            RecordTypes.ConferencePaper => "paper-conference",
            RecordTypes.Patent => "patent",
            RecordTypes.Standard => "standard",
            RecordTypes.Report => "report",
            RecordTypes.Book => "book",
            _ => "document",
        };
        var authors = persons.Count > 0 || r.Type is not (RecordTypes.Patent or RecordTypes.Standard or RecordTypes.Report) ? persons : bodies;
        var publisher = r.Type == RecordTypes.Thesis ? r.Publisher ?? (r.Organizations.Count > 0 ? r.Organizations[0] : null) : r.Publisher;
        var number = r.Type switch
        {
            RecordTypes.Patent => r.Identifiers.PatentNumbers.FirstOrDefault(),
            RecordTypes.Standard => r.Identifiers.StandardNumbers.FirstOrDefault(),
            _ => null,
        };
        var date = r.Type == RecordTypes.Patent ? r.Patent?.PublicationDate : null;
        return new CslItem(
            r.Id, type, r.Title, authors,
            r.Type is RecordTypes.Patent or RecordTypes.Standard or RecordTypes.Thesis or RecordTypes.Book or RecordTypes.Report ? null : r.SourceTitle,
            publisher, date?.Year ?? r.Year, date, r.Volume, r.Issue,
            Site.RecordFields.Pages(r.FirstPage, r.LastPage), r.Identifiers.Doi, number,
            r.Identifiers.Issn.FirstOrDefault(), r.Identifiers.Isbn.FirstOrDefault(),
            LanguageOf(r), r.Abstract, r.Keywords, null,
            r.Type is RecordTypes.Book or RecordTypes.Report ? r.SourceTitle : null);
    }

    /// <summary>CSL's language tag: from the record's language, else from its title's script.</summary>
    private static string LanguageOf(RecordsApi.RecordResponse r) => r.Language switch
    {
        "chi" => "zh-CN",
        "eng" => "en-US",
        "ger" => "de-DE",
        "fre" => "fr-FR",
        "jpn" => "ja-JP",
        "rus" => "ru-RU",
        _ => GbT7714.HasCjk(r.Title) ? "zh-CN" : "en-US",
    };

    /// <summary>The item as CSL-JSON (citeproc-js, Zotero and pandoc read it).</summary>
    public JsonObject ToJson()
    {
        var item = new JsonObject { ["id"] = Id, ["type"] = Type, ["title"] = Title };
        if (Authors.Count > 0)
        {
            item["author"] = new JsonArray([.. Authors.Select(a => (JsonNode)a.ToJson())]);
        }

        void Put(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                item[key] = value;
            }
        }

        Put("container-title", ContainerTitle);
        Put("collection-title", CollectionTitle);
        Put("publisher", Publisher);
        if (Date is { } d)
        {
            item["issued"] = new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(d.Year, d.Month, d.Day)) };
        }
        else if (Year is { } y)
        {
            item["issued"] = new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(y)) };
        }

        Put("volume", Volume);
        Put("issue", Issue);
        Put("page", Page);
        Put("DOI", Doi);
        Put("number", Number);
        Put("ISSN", Issn);
        Put("ISBN", Isbn);
        Put("language", Language);
        Put("abstract", Abstract);
        Put("keyword", Keywords.Count > 0 ? string.Join(", ", Keywords) : null);
        Put("genre", Genre);
        return item;
    }

    /// <summary>The date as a citation shows it: the full day when known, else the year.</summary>
    public string? DateText => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Year?.ToString(CultureInfo.InvariantCulture);
}

using Search.Indexer.Query;
using Search.Indexer.Search;

namespace Search.Api.Api;

/// <summary>One row of the advanced form: how it joins the rows above, the field, the terms and how they match.</summary>
/// <param name="Op"><c>AND</c> (default), <c>OR</c> or <c>NOT</c>; ignored on the first row.</param>
/// <param name="Field">A field code (SU, TI, KY, AU, AF, JN, AB, CLC, YE, DOI, ISBN, ISSN, PN, SN) or its Chinese label; empty = everywhere.</param>
/// <param name="Terms">The terms, written as in the box (implicit AND, quotes, OR, NOT).</param>
/// <param name="Match"><c>fuzzy</c> (default: SmartCn words too) or <c>exact</c> (contiguous text only).</param>
public sealed record AdvancedRow(string? Op, string? Field, string? Terms, string? Match);

/// <summary>The body of <c>POST /api/search/advanced</c>.</summary>
public sealed record AdvancedSearchForm(
    IReadOnlyList<AdvancedRow>? Rows,
    int? YearFrom,
    int? YearTo,
    string[]? Type,
    string[]? Source,
    string[]? Language,
    string[]? Within,
    int? Page,
    int? Size,
    string? Sort,
    bool? Recency,
    string? After);

/// <summary>Turns the advanced form into a search request with one query tree.</summary>
public static class AdvancedSearch
{
    public const int MaxRows = 20;

    public static SearchRequest? ToRequest(AdvancedSearchForm? form, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (form is null)
        {
            errors.Add("The body must be a JSON object with rows.");
            return null;
        }

        var rows = (form.Rows ?? []).Where(r => !string.IsNullOrWhiteSpace(r.Terms)).ToList();
        if (rows.Count > MaxRows)
        {
            errors.Add($"rows: at most {MaxRows}.");
        }

        QueryNode? node = null;
        for (var i = 0; i < rows.Count && i < MaxRows; i++)
        {
            var row = rows[i];
            var field = string.IsNullOrWhiteSpace(row.Field) ? SearchFields.Any : SearchFields.Find(row.Field);
            if (field is null)
            {
                errors.Add($"rows[{i}].field: '{row.Field}' is not a field (SU, TI, KY, AU, AF, JN, AB, CLC, YE, DOI, ISBN, ISSN, PN, SN).");
                continue;
            }

            var match = (row.Match ?? "fuzzy").Trim().ToLowerInvariant() switch
            {
                "fuzzy" or "" or "%" => TermMatch.Words,
                "exact" or "=" => TermMatch.Exact,
                _ => (TermMatch?)null,
            };
            if (match is null)
            {
                errors.Add($"rows[{i}].match: '{row.Match}' is not fuzzy or exact.");
                continue;
            }

            if (row.Terms!.Length > SearchApi.MaxQueryLength)
            {
                errors.Add($"rows[{i}].terms: at most {SearchApi.MaxQueryLength} characters.");
                continue;
            }

            var rowNode = BoxQueryParser.Parse(row.Terms).ToNode(field, match.Value);
            var op = (row.Op ?? "AND").Trim().ToUpperInvariant();
            if (op is not ("AND" or "OR" or "NOT"))
            {
                errors.Add($"rows[{i}].op: '{row.Op}' is not AND, OR or NOT.");
                continue;
            }

            node = node is null
                ? (op == "NOT" ? Nodes.Not(null, rowNode) : rowNode)
                : op switch
                {
                    "OR" => Nodes.Or(node, rowNode),
                    "NOT" => Nodes.Not(node, rowNode),
                    _ => Nodes.And(node, rowNode),
                };
        }

        var size = form.Size ?? 20;
        var page = form.Page ?? 1;
        if (size is < 1 or > SearchApi.MaxPageSize)
        {
            errors.Add($"size: from 1 to {SearchApi.MaxPageSize}.");
        }

        if (page is < 1 or > 100_000)
        {
            errors.Add("page: from 1 to 100000.");
        }

        if (form.YearFrom > form.YearTo)
        {
            errors.Add("yearFrom: after yearTo.");
        }

        var sort = (form.Sort ?? "relevance").Trim().ToLowerInvariant() switch
        {
            "" or "relevance" => SearchSort.Relevance,
            "year" or "year-desc" => SearchSort.YearDescending,
            "year-asc" => SearchSort.YearAscending,
            _ => (SearchSort?)null,
        };
        if (sort is null)
        {
            errors.Add($"sort: '{form.Sort}' is not one of relevance, year, year-asc.");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new SearchRequest
        {
            Node = node ?? new AllNode(),
            YearFrom = form.YearFrom,
            YearTo = form.YearTo,
            Types = SearchApi.Values(form.Type),
            Sources = SearchApi.Values(form.Source),
            Languages = SearchApi.Values(form.Language),
            Within = form.Within ?? [],
            Page = page,
            Size = size,
            Sort = sort!.Value,
            Recency = form.Recency ?? false,
            After = form.After,
        };
    }
}

namespace Search.Api.Counter;

/// <summary>A COUNTER exception (Appendix F codes: 2000, 2010, 3000, 3020, 3030, ...).</summary>
public sealed record CounterError(int Code, string Message, string? Data = null);

/// <summary>One Attribute_Performance: the attributes and, per metric, the count per month (<c>yyyy-MM</c>).</summary>
public sealed record AttributePerformance(string DataType, string AccessMethod, SortedDictionary<string, SortedDictionary<string, long>> Performance);

/// <summary>One Report_Item: its descriptive fields (JSON, in order), its TSV columns, and its performance.</summary>
public sealed record CounterReportItem(
    IReadOnlyList<KeyValuePair<string, object>> Fields,
    IReadOnlyList<string> TsvColumns,
    IReadOnlyList<AttributePerformance> Performance);

/// <summary>A COUNTER R5.1 report, independent of its serialisation (JSON or TSV).</summary>
public sealed record CounterReport(
    string ReportId,
    string ReportName,
    DateTimeOffset Created,
    string CreatedBy,
    string CustomerId,
    string InstitutionName,
    string ProprietaryNamespace,
    DateOnly Begin,
    DateOnly End,
    IReadOnlyList<string> TsvItemHeaders,
    IReadOnlyList<CounterReportItem> Items,
    IReadOnlyList<CounterError> Exceptions)
{
    /// <summary>The months of the reporting period, <c>yyyy-MM</c>.</summary>
    public IReadOnlyList<string> Months()
    {
        var list = new List<string>();
        for (var m = new DateOnly(Begin.Year, Begin.Month, 1); m <= End && list.Count < 1200; m = m.AddMonths(1))
        {
            list.Add(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        }

        return list;
    }
}

/// <summary>COUNTER's names for the platform's record types.</summary>
public static class CounterDataTypes
{
    public static string Of(string? recordType) => recordType switch
    {
        "journal-article" => "Article",
        "thesis" => "Thesis_or_Dissertation",
        "conference-paper" => "Conference_Item",
        "patent" => "Patent",
        "standard" => "Standard",
        "report" => "Report",
        "book" => "Book",
        _ => "Other",
    };
}

namespace Search.Api.Sru;

/// <summary>
/// A diagnostic from the standard SRU list (<c>info:srw/diagnostic/1/N</c>): its number, the details the list
/// prescribes for it (a parameter name, an index, a schema) and a message for people.
/// </summary>
public sealed record SruDiagnostic(int Number, string? Details, string Message)
{
    public string Uri => "info:srw/diagnostic/1/" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static SruDiagnostic GeneralError(string message) => new(1, null, message);

    public static SruDiagnostic UnsupportedOperation(string operation) => new(4, operation, $"Unsupported operation '{operation}'; use explain, searchRetrieve or scan.");

    public static SruDiagnostic UnsupportedVersion(string version) => new(5, "2.0", $"Unsupported version '{version}'; this server speaks 2.0 and 1.2.");

    public static SruDiagnostic UnsupportedValue(string parameter, string why) => new(6, parameter, why);

    public static SruDiagnostic MissingParameter(string parameter) => new(7, parameter, $"Mandatory parameter '{parameter}' not supplied.");

    public static SruDiagnostic UnsupportedParameter(string parameter) => new(8, parameter, $"Unsupported parameter '{parameter}'.");

    public static SruDiagnostic QuerySyntax(string message, int? position) =>
        new(10, position?.ToString(System.Globalization.CultureInfo.InvariantCulture), message);

    public static SruDiagnostic QueryTooLong(int maximum) =>
        new(12, maximum.ToString(System.Globalization.CultureInfo.InvariantCulture), $"The query is longer than {maximum} characters.");

    public static SruDiagnostic UnsupportedContextSet(string set) => new(15, set, $"Unsupported context set '{set}'; see explain for dc, cql, bath and kj.");

    public static SruDiagnostic UnsupportedIndex(string index, string message) => new(16, index, message);

    public static SruDiagnostic UnsupportedRelation(string relation, string message) => new(19, relation, message);

    public static SruDiagnostic UnsupportedRelationAndTerm(string relationAndTerm, string message) => new(24, relationAndTerm, message);

    public static SruDiagnostic FirstRecordOutOfRange(long start, long count) =>
        new(61, start.ToString(System.Globalization.CultureInfo.InvariantCulture), $"startRecord {start} is beyond the {count} records found.");

    public static SruDiagnostic UnknownSchema(string schema) => new(66, schema, $"Unknown record schema '{schema}'; see explain for dc, marcxml and json.");

    public static SruDiagnostic UnsupportedPacking(string packing) => new(71, packing, $"Unsupported record packing or escaping '{packing}'; use xml or string.");

    public static SruDiagnostic XPathUnsupported() => new(72, null, "recordXPath retrieval is not supported.");

    public static SruDiagnostic TooManySortKeys(int maximum) =>
        new(84, maximum.ToString(System.Globalization.CultureInfo.InvariantCulture), $"At most {maximum} sort keys (a date and the relevance score).");

    public static SruDiagnostic UnsupportedSortKey(string key) => new(88, key, $"'{key}' is not a sort key; sort by dc.date or cql.score (see explain).");

    public static SruDiagnostic UnsupportedSortDirection(string modifier) => new(90, modifier, $"Unsupported sort direction '{modifier}'.");

    public static SruDiagnostic ResponsePositionOutOfRange(int position) =>
        new(120, position.ToString(System.Globalization.CultureInfo.InvariantCulture), $"responsePosition {position} is outside the terms requested.");

    public static SruDiagnostic TooManyTerms(int maximum) =>
        new(121, maximum.ToString(System.Globalization.CultureInfo.InvariantCulture), $"At most {maximum} terms per scan.");
}

/// <summary>A fatal diagnostic: the request stops and the response carries it.</summary>
public sealed class SruDiagnosticException : Exception
{
    public SruDiagnosticException()
        : this(SruDiagnostic.GeneralError("SRU request failed."))
    {
    }

    public SruDiagnosticException(string message)
        : this(SruDiagnostic.GeneralError(message))
    {
    }

    public SruDiagnosticException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostic = SruDiagnostic.GeneralError(message);
    }

    public SruDiagnosticException(SruDiagnostic diagnostic)
        : base(diagnostic?.Message)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Diagnostic = diagnostic;
    }

    public SruDiagnostic Diagnostic { get; }
}

namespace Search.Api.Sru;

/// <summary>
/// One SRU version the server speaks: its number and the namespaces of its responses, diagnostics and XCQL.
/// 2.0 (OASIS searchRetrieve, whose scan has a namespace of its own) is the default; 1.2 (LC's zing namespaces) answers clients that ask for 1.1 or 1.2.
/// </summary>
public sealed record SruVersion(string Number, string ResponseNamespace, string DiagnosticNamespace, string XcqlNamespace, string ScanNamespace)
{
    public static SruVersion V2 { get; } = new(
        "2.0",
        "http://docs.oasis-open.org/ns/search-ws/sruResponse",
        "http://docs.oasis-open.org/ns/search-ws/diagnostic",
        "http://docs.oasis-open.org/ns/search-ws/xcql",
        "http://docs.oasis-open.org/ns/search-ws/scan");

    public static SruVersion V12 { get; } = new(
        "1.2",
        "http://www.loc.gov/zing/srw/",
        "http://www.loc.gov/zing/srw/diagnostic/",
        "http://www.loc.gov/zing/cql/xcql/",
        "http://www.loc.gov/zing/srw/");

    public bool IsV2 => ReferenceEquals(this, V2);

    /// <summary>
    /// The version that answers a request's <c>version</c> parameter: none or 2.0 is 2.0, 1.1 and 1.2 are 1.2;
    /// anything else is answered in the nearest version with diagnostic 5 (<paramref name="supported"/> false).
    /// </summary>
    public static SruVersion For(string? requested, out bool supported)
    {
        var text = (requested ?? "").Trim();
        supported = text is "" or "2.0" or "1.1" or "1.2";
        return text.StartsWith('1') ? V12 : V2;
    }
}

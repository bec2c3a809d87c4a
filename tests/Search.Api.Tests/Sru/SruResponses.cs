using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Search.Api.Tests.Sru;

/// <summary>Reading SRU answers in tests: fetch and parse strictly, then the counts, diagnostics, records and echoed XCQL.</summary>
public static class SruResponses
{
    public static readonly XNamespace Sru2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    public static readonly XNamespace Sru12 = "http://www.loc.gov/zing/srw/";
    public static readonly XNamespace Scan2 = "http://docs.oasis-open.org/ns/search-ws/scan";
    public static readonly XNamespace Diag2 = "http://docs.oasis-open.org/ns/search-ws/diagnostic";
    public static readonly XNamespace Diag12 = "http://www.loc.gov/zing/srw/diagnostic/";
    public static readonly XNamespace ZeeRex = "http://explain.z3950.org/dtd/2.0/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Marc = "http://www.loc.gov/MARC21/slim";

    /// <summary>GETs the SRU path; the answer must be 200, XML, and well-formed (DTDs prohibited).</summary>
    public static async Task<XDocument> GetAsync(HttpClient client, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"), body);
        using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    /// <summary><c>/sru?</c> with the parameters escaped.</summary>
    public static string Url(params (string Name, string Value)[] parameters) =>
        "/sru?" + string.Join("&", parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)));

    public static long NumberOfRecords(XDocument doc) =>
        long.Parse(doc.Root!.Elements().Single(e => e.Name.LocalName == "numberOfRecords").Value, System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> DiagnosticUris(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName == "diagnostic").Select(d => d.Elements().Single(e => e.Name.LocalName == "uri").Value).ToList();

    public static IReadOnlyList<XElement> Records(XDocument doc) =>
        doc.Root!.Elements().Where(e => e.Name.LocalName == "records").Elements().ToList();

    public static XElement RecordData(XElement record) => record.Elements().Single(e => e.Name.LocalName == "recordData");

    /// <summary>The catalogue ids of the Dublin Core records, in order (the first dc:identifier).</summary>
    public static IReadOnlyList<string> DcIds(XDocument doc) =>
        Records(doc).Select(r => RecordData(r).Descendants(Dc + "identifier").First().Value).ToList();

    public static IReadOnlyList<int> DcYears(XDocument doc) =>
        Records(doc).Select(r => int.Parse(RecordData(r).Descendants(Dc + "date").Single().Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public static string? NextRecordPosition(XDocument doc) =>
        doc.Root!.Elements().SingleOrDefault(e => e.Name.LocalName == "nextRecordPosition")?.Value;

    /// <summary>The root element of the echoed request's XCQL.</summary>
    public static XElement XQuery(XDocument doc) =>
        doc.Root!.Elements().Single(e => e.Name.LocalName == "echoedSearchRetrieveRequest").Elements().Single(e => e.Name.LocalName == "xQuery").Elements().Single();

    /// <summary>An element in the generic form <c>CqlNode.Canonical</c> uses: <c>name(child child)</c>, a leaf as <c>name="text"</c>.</summary>
    public static string Canonical(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!element.HasElements)
        {
            return $"{element.Name.LocalName}=\"{element.Value}\"";
        }

        var text = new StringBuilder(element.Name.LocalName).Append('(');
        text.Append(string.Join(" ", element.Elements().Select(Canonical)));
        return text.Append(')').ToString();
    }
}

using System.Globalization;
using System.Xml;

namespace Search.Api.Sru;

/// <summary>
/// <c>explain</c>: a ZeeRex 2.0 record describing the server: where it listens, the database, the context sets and
/// indexes (with which can be scanned and sorted), the record schemas and the paging and scan limits.
/// </summary>
public static class ExplainOperation
{
    public const string ZeeRexNamespace = "http://explain.z3950.org/dtd/2.0/";

    public static void Write(SruDocument document, HttpRequest request, SruOptions options, IReadOnlyList<SruDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var w = document.Writer;
        var ns = document.Ns;
        document.Begin("explainResponse");
        w.WriteStartElement(SruDocument.ResponsePrefix, "record", ns);
        w.Element("recordSchema", ns, ZeeRexNamespace);
        w.Element(document.Version.IsV2 ? "recordXMLEscaping" : "recordPacking", ns, "xml");
        w.WriteStartElement(SruDocument.ResponsePrefix, "recordData", ns);
        WriteZeeRex(w, request, options, document.Version);
        w.WriteEndElement();
        w.Element("recordPosition", ns, 1);
        w.WriteEndElement();
        w.WriteStartElement(SruDocument.ResponsePrefix, "echoedExplainRequest", ns);
        w.Element("version", ns, document.Version.Number);
        w.Element(document.Version.IsV2 ? "recordXMLEscaping" : "recordPacking", ns, "xml");
        w.WriteEndElement();
        document.Diagnostics(diagnostics);
        w.WriteEndElement();
    }

    private static void WriteZeeRex(XmlWriter w, HttpRequest request, SruOptions options, SruVersion version)
    {
        const string z = ZeeRexNamespace;
        w.WriteStartElement("explain", z);
        w.WriteStartElement("serverInfo", z);
        w.WriteAttributeString("protocol", "SRU");
        w.WriteAttributeString("version", version.Number);
        w.WriteAttributeString("transport", request.Scheme);
        w.WriteAttributeString("method", "GET POST");
        w.Element("host", z, request.Host.Host);
        w.Element("port", z, request.Host.Port ?? (request.IsHttps ? 443 : 80));
        w.Element("database", z, (request.PathBase + request.Path).Value?.TrimStart('/') ?? "sru");
        w.WriteEndElement();

        w.WriteStartElement("databaseInfo", z);
        w.WriteStartElement("title", z);
        w.WriteAttributeString("lang", "zh");
        w.WriteAttributeString("primary", "true");
        w.Text(options.Title);
        w.WriteEndElement();
        w.Element("description", z, options.Description);
        w.WriteEndElement();

        w.WriteStartElement("indexInfo", z);
        foreach (var set in SruIndexes.Sets)
        {
            w.WriteStartElement("set", z);
            w.WriteAttributeString("name", set.Name);
            w.WriteAttributeString("identifier", set.Identifier);
            w.Element("title", z, set.Title);
            w.WriteEndElement();
        }

        foreach (var index in SruIndexes.All)
        {
            w.WriteStartElement("index", z);
            w.WriteAttributeString("search", index.Name == "score" ? "false" : "true");
            w.WriteAttributeString("scan", index.Scan is null ? "false" : "true");
            w.WriteAttributeString("sort", index.Sortable ? "true" : "false");
            w.Element("title", z, index.Title);
            w.WriteStartElement("map", z);
            w.WriteStartElement("name", z);
            w.WriteAttributeString("set", index.Set);
            w.Text(index.Name);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("schemaInfo", z);
        foreach (var schema in RecordSchemas.All)
        {
            w.WriteStartElement("schema", z);
            w.WriteAttributeString("identifier", schema.Identifier);
            w.WriteAttributeString("name", schema.Name);
            w.WriteAttributeString("retrieve", "true");
            w.WriteAttributeString("sort", "false");
            w.Element("title", z, schema.Title);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("configInfo", z);
        Config(w, "default", "numberOfRecords", options.DefaultMaximumRecords.ToString(CultureInfo.InvariantCulture));
        Config(w, "setting", "maximumRecords", options.MaximumRecords.ToString(CultureInfo.InvariantCulture));
        Config(w, "default", "numberOfTerms", options.DefaultMaximumTerms.ToString(CultureInfo.InvariantCulture));
        Config(w, "setting", "maximumTerms", options.MaximumTerms.ToString(CultureInfo.InvariantCulture));
        Config(w, "default", "contextSet", SruIndexes.Dc.Name);
        Config(w, "default", "index", "cql.serverChoice");
        Config(w, "default", "relation", "=");
        Config(w, "default", "recordSchema", RecordSchemas.Default.Identifier);
        foreach (var relation in new[] { "=", "==", "adj", "exact", "any", "all", "<>", "<", "<=", ">", ">=", "within" })
        {
            Config(w, "supports", "relation", relation);
        }

        foreach (var boolean in new[] { "and", "or", "not", "prox" })
        {
            Config(w, "supports", "booleanOperator", boolean);
        }

        Config(w, "supports", "sortKeys", "dc.date cql.score");
        Config(w, "supports", "scan", "dc.title dc.creator dc.subject");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Config(XmlWriter w, string element, string type, string value)
    {
        w.WriteStartElement(element, ZeeRexNamespace);
        w.WriteAttributeString("type", type);
        w.Text(value);
        w.WriteEndElement();
    }
}

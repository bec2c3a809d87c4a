using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Search.Api.Api;
using Search.Api.Entitlement;
using Search.Api.Usage;
using Search.Indexer.Query.Cql;
using Search.Indexer.Search;

namespace Search.Api.Sru;

/// <summary>
/// <c>searchRetrieve</c>: the CQL query through the shared parser and <see cref="CqlToQuery"/>, one call of the
/// same <see cref="SearchService.Search"/> the JSON API makes (from <c>startRecord</c>, <c>maximumRecords</c> long,
/// in the <c>sortBy</c>/<c>sortKeys</c> order), the full-text decision of <see cref="AccessDecider"/> per record,
/// and one usage event, as a federated search.
/// </summary>
public sealed class SearchRetrieveOperation(
    SearchService search,
    RequesterResolver resolver,
    AccessDecider decider,
    UsageRecorder usage,
    TimeProvider time,
    IOptions<SruOptions> options)
{
    public async Task WriteAsync(SruDocument document, SruParameters parameters, HttpContext http, IReadOnlyList<SruDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var outcome = new Outcome { Diagnostics = [.. diagnostics] };
        if (outcome.Diagnostics.Count == 0)
        {
            try
            {
                await RunAsync(outcome, document.Version, parameters, http);
            }
            catch (SruDiagnosticException ex)
            {
                outcome.Diagnostics.Add(ex.Diagnostic);
                outcome.Records.Clear();
            }
        }

        Write(document, parameters, outcome);
    }

    private async Task RunAsync(Outcome outcome, SruVersion version, SruParameters p, HttpContext http)
    {
        var settings = options.Value;
        var query = p["query"] ?? throw new SruDiagnosticException(SruDiagnostic.MissingParameter("query"));
        if (query.Length > SearchApi.MaxQueryLength)
        {
            throw new SruDiagnosticException(SruDiagnostic.QueryTooLong(SearchApi.MaxQueryLength));
        }

        if (p["queryType"] is { } queryType && !queryType.Equals("cql", StringComparison.OrdinalIgnoreCase))
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedValue("queryType", $"queryType '{queryType}' is not supported; send CQL."));
        }

        if (p.Has("recordXPath"))
        {
            throw new SruDiagnosticException(SruDiagnostic.XPathUnsupported());
        }

        outcome.Schema = RecordSchemas.Find(p["recordSchema"]);
        outcome.Escaping = Escaping(version, p, outcome.Schema);
        outcome.Start = p.Number("startRecord", 1, 1, int.MaxValue);
        var maximum = p.Number("maximumRecords", settings.DefaultMaximumRecords, 0, int.MaxValue);
        outcome.Maximum = Math.Min(maximum, Math.Min(settings.MaximumRecords, SearchApi.MaxPageSize));

        try
        {
            outcome.Cql = CqlParser.Parse(query);
        }
        catch (QuerySyntaxException ex)
        {
            throw new SruDiagnosticException(SruDiagnostic.QuerySyntax(ex.Message, ex.Position));
        }

        SruIndexes.CheckSets(outcome.Cql);
        var node = ToQuery(outcome.Cql);
        var sort = SruSort.Resolve(outcome.Cql, p["sortKeys"]);
        SearchResult result;
        try
        {
            result = search.Search(new SearchRequest
            {
                Node = node,
                Syntax = QuerySyntax.Cql,
                Offset = outcome.Start - 1,
                Size = Math.Max(1, outcome.Maximum),
                Sort = sort,
            });
        }
        catch (QuerySyntaxException ex)
        {
            throw new SruDiagnosticException(SruDiagnostic.QuerySyntax(ex.Message, ex.Position));
        }

        outcome.Total = result.Total;
        if (outcome.Start > 1 && outcome.Start > result.Total)
        {
            throw new SruDiagnosticException(SruDiagnostic.FirstRecordOutOfRange(outcome.Start, result.Total));
        }

        var who = await resolver.ResolveAsync(http);
        var hits = outcome.Maximum == 0 ? [] : result.Hits;
        if (hits.Count > 0)
        {
            // One view of the requester's seats and budgets for the whole page, as the JSON API does.
            var view = await decider.ViewAsync(who, http.RequestAborted);
            var records = search.GetRecords([.. hits.Select(h => h.Id)]);
            for (var i = 0; i < hits.Count; i++)
            {
                outcome.Records.Add(records[i] is { } record ? new SruRecord(record, hits[i].Sources, decider.Peek(view, hits[i].Sources).Fulltext) : null);
            }
        }

        usage.Record(UsageEvents.For(who, time, UsageKinds.Search, SearchModes.Federated, null, null, null) with
        {
            QueryKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("sru\u001f" + query + "\u001f" + p["sortKeys"])))[..16],
        });
    }

    private static Search.Indexer.Query.QueryNode ToQuery(CqlNode cql)
    {
        try
        {
            return CqlToQuery.Convert(cql);
        }
        catch (CqlUnsupportedException ex)
        {
            throw new SruDiagnosticException(ex.Kind switch
            {
                CqlUnsupported.Index => SruDiagnostic.UnsupportedIndex(ex.Subject, ex.Message),
                CqlUnsupported.Relation => SruDiagnostic.UnsupportedRelation(ex.Subject, ex.Message),
                _ => SruDiagnostic.UnsupportedRelationAndTerm(ex.Subject, ex.Message),
            });
        }
        catch (QuerySyntaxException ex)
        {
            throw new SruDiagnosticException(SruDiagnostic.QuerySyntax(ex.Message, ex.Position));
        }
    }

    /// <summary>xml or string: 2.0's <c>recordXMLEscaping</c> (1.2's <c>recordPacking</c>); a non-XML schema is always string.</summary>
    private static string Escaping(SruVersion version, SruParameters p, IRecordSchema schema)
    {
        var requested = version.IsV2 ? p["recordXMLEscaping"] : p["recordPacking"];
        if (version.IsV2 && requested is null && p["recordPacking"] is { } packing && packing is not ("packed" or "unpacked"))
        {
            // Clients written for 1.2 send recordPacking=xml|string to 2.0 servers too.
            requested = packing;
        }

        var escaping = (requested ?? "xml").Trim().ToLowerInvariant();
        if (escaping is not ("xml" or "string"))
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedPacking(requested ?? ""));
        }

        return schema.IsXml ? escaping : "string";
    }

    private static void Write(SruDocument document, SruParameters p, Outcome outcome)
    {
        var w = document.Writer;
        var ns = document.Ns;
        var v2 = document.Version.IsV2;
        document.Begin("searchRetrieveResponse");
        w.Element("numberOfRecords", ns, outcome.Total);
        if (outcome.Records.Count > 0)
        {
            w.WriteStartElement(SruDocument.ResponsePrefix, "records", ns);
            var position = outcome.Start;
            foreach (var record in outcome.Records)
            {
                WriteRecord(document, outcome, record, position++);
            }

            w.WriteEndElement();
            if (outcome.Start + outcome.Records.Count <= outcome.Total)
            {
                w.Element("nextRecordPosition", ns, outcome.Start + outcome.Records.Count);
            }
        }

        w.WriteStartElement(SruDocument.ResponsePrefix, "echoedSearchRetrieveRequest", ns);
        w.Element("version", ns, document.Version.Number);
        w.OptionalElement("query", ns, p["query"]);
        if (outcome.Cql is not null)
        {
            w.WriteStartElement(SruDocument.ResponsePrefix, "xQuery", ns);
            XcqlWriter.Write(w, outcome.Cql, document.Version.XcqlNamespace);
            w.WriteEndElement();
        }

        w.OptionalElement("startRecord", ns, p["startRecord"]);
        w.OptionalElement("maximumRecords", ns, p["maximumRecords"]);
        w.OptionalElement(v2 ? "recordXMLEscaping" : "recordPacking", ns, v2 ? p["recordXMLEscaping"] : p["recordPacking"]);
        w.OptionalElement("recordSchema", ns, p["recordSchema"]);
        w.OptionalElement("sortKeys", ns, p["sortKeys"]);
        w.WriteEndElement();
        document.Diagnostics(outcome.Diagnostics);
        if (v2)
        {
            w.Element("resultCountPrecision", ns, "info:srw/vocabulary/resultCountPrecision/1/exact");
        }

        w.WriteEndElement();
    }

    private static void WriteRecord(SruDocument document, Outcome outcome, SruRecord? record, long position)
    {
        var w = document.Writer;
        var ns = document.Ns;
        var schema = outcome.Schema!;
        w.WriteStartElement(SruDocument.ResponsePrefix, "record", ns);
        w.Element("recordSchema", ns, record is null ? "info:srw/schema/1/diagnostics-v1.1" : schema.Identifier);
        w.Element(document.Version.IsV2 ? "recordXMLEscaping" : "recordPacking", ns, record is null ? "xml" : outcome.Escaping);
        w.WriteStartElement(SruDocument.ResponsePrefix, "recordData", ns);
        if (record is null)
        {
            // A surrogate diagnostic: the hit left the index between the search and the fetch.
            document.Diagnostic(new SruDiagnostic(64, null, "Record temporarily unavailable."));
        }
        else if (outcome.Escaping == "string" && schema.IsXml)
        {
            var text = new StringBuilder();
            using (var inner = System.Xml.XmlWriter.Create(text, new System.Xml.XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                schema.Write(inner, record);
            }

            w.WriteString(text.ToString());
        }
        else
        {
            schema.Write(w, record);
        }

        w.WriteEndElement();
        w.Element("recordPosition", ns, position);
        w.WriteEndElement();
    }

    private sealed class Outcome
    {
        public List<SruDiagnostic> Diagnostics { get; init; } = [];

        public List<SruRecord?> Records { get; } = [];

        public CqlNode? Cql { get; set; }

        public IRecordSchema? Schema { get; set; }

        public string Escaping { get; set; } = "xml";

        public long Start { get; set; } = 1;

        public int Maximum { get; set; }

        public long Total { get; set; }
    }
}

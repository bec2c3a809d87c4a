using Microsoft.Extensions.Options;
using Search.Indexer.Query.Cql;
using Search.Indexer.Search;

namespace Search.Api.Sru;

/// <summary>
/// <c>scan</c>: the terms of a title, author or subject index in order around the <c>scanClause</c> term, each
/// with how many records hold it; <c>responsePosition</c> places the start term in the list.
/// </summary>
public sealed class ScanOperation(TermScanner scanner, IOptions<SruOptions> options)
{
    public void Write(SruDocument document, SruParameters parameters, IReadOnlyList<SruDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var all = diagnostics.ToList();
        IReadOnlyList<ScannedTerm> terms = [];
        var position = 1;
        if (all.Count == 0)
        {
            try
            {
                (terms, position) = Scan(parameters);
            }
            catch (SruDiagnosticException ex)
            {
                all.Add(ex.Diagnostic);
            }
        }

        var w = document.Writer;
        var ns = document.Version.ScanNamespace;
        document.Begin("scanResponse", ns);
        if (terms.Count > 0)
        {
            w.WriteStartElement(SruDocument.ResponsePrefix, "terms", ns);
            for (var i = 0; i < terms.Count; i++)
            {
                w.WriteStartElement(SruDocument.ResponsePrefix, "term", ns);
                w.Element("value", ns, terms[i].Term);
                w.Element("numberOfRecords", ns, terms[i].Count);
                w.Element("whereInList", ns, terms.Count == 1 ? "only" : i == 0 ? "first" : i == terms.Count - 1 ? "last" : "inner");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement(SruDocument.ResponsePrefix, "echoedScanRequest", ns);
        w.Element("version", ns, document.Version.Number);
        w.OptionalElement("scanClause", ns, parameters["scanClause"]);
        w.Element("responsePosition", ns, position);
        w.OptionalElement("maximumTerms", ns, parameters["maximumTerms"]);
        w.WriteEndElement();
        document.Diagnostics(all, ns);
        w.WriteEndElement();
    }

    private (IReadOnlyList<ScannedTerm> Terms, int Position) Scan(SruParameters p)
    {
        var settings = options.Value;
        var text = p["scanClause"] ?? throw new SruDiagnosticException(SruDiagnostic.MissingParameter("scanClause"));
        CqlNode parsed;
        try
        {
            parsed = CqlParser.Parse(text);
        }
        catch (QuerySyntaxException ex)
        {
            throw new SruDiagnosticException(SruDiagnostic.QuerySyntax(ex.Message, ex.Position));
        }

        if (parsed is not CqlSearchClause clause || parsed.SortKeys.Count > 0)
        {
            throw new SruDiagnosticException(SruDiagnostic.QuerySyntax("scanClause: one index, relation and term, such as dc.title = 数据.", 0));
        }

        var prefixes = clause.Prefixes.Select(x => x.Name).OfType<string>().ToList();
        var index = SruIndexes.Find(clause.Index, prefixes);
        if (index?.Scan is not { } scanIndex)
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedIndex(clause.Index, $"'{clause.Index}' cannot be scanned; scan dc.title, dc.creator or dc.subject."));
        }

        if (clause.Relation is not ("=" or "==" or "exact" or "adj" or "all" or "any"))
        {
            throw new SruDiagnosticException(SruDiagnostic.UnsupportedRelation(clause.Relation, $"scan does not take relation '{clause.Relation}'."));
        }

        var maximum = p.Number("maximumTerms", settings.DefaultMaximumTerms, 1, int.MaxValue);
        if (maximum > settings.MaximumTerms)
        {
            throw new SruDiagnosticException(SruDiagnostic.TooManyTerms(settings.MaximumTerms));
        }

        var position = p.Number("responsePosition", 1, 0, int.MaxValue);
        if (position > maximum + 1)
        {
            throw new SruDiagnosticException(SruDiagnostic.ResponsePositionOutOfRange(position));
        }

        return (scanner.Scan(scanIndex, clause.Term, position, maximum), position);
    }
}

using System.Xml;

namespace Search.Api.Sru;

/// <summary>
/// Writes one SRU response document in memory (at most a page of records) and hands it out as the HTTP answer:
/// always 200 with XML, as the standard has it; problems travel as diagnostics.
/// </summary>
public sealed class SruDocument : IDisposable
{
    public const string ResponsePrefix = "zs";
    public const string DiagnosticPrefix = "diag";

    private readonly MemoryStream _buffer = new();

    public SruDocument(SruVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        Version = version;
        Writer = XmlWriter.Create(_buffer, SruXml.Settings);
        Writer.WriteStartDocument();
    }

    public SruVersion Version { get; }

    public XmlWriter Writer { get; }

    public string Ns => Version.ResponseNamespace;

    /// <summary>Starts the root element (<c>searchRetrieveResponse</c>, ...) in the namespace and writes the version.</summary>
    public void Begin(string root, string? ns = null)
    {
        Writer.WriteStartElement(ResponsePrefix, root, ns ?? Ns);
        Writer.Element("version", ns ?? Ns, Version.Number);
    }

    /// <summary><c>diagnostics</c> with each diagnostic in the diagnostic namespace of the version.</summary>
    public void Diagnostics(IReadOnlyList<SruDiagnostic> diagnostics, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Count == 0)
        {
            return;
        }

        Writer.WriteStartElement(ResponsePrefix, "diagnostics", ns ?? Ns);
        foreach (var diagnostic in diagnostics)
        {
            Diagnostic(diagnostic);
        }

        Writer.WriteEndElement();
    }

    /// <summary>One <c>diagnostic</c> element (also the data of a surrogate record).</summary>
    public void Diagnostic(SruDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var dns = Version.DiagnosticNamespace;
        Writer.WriteStartElement(DiagnosticPrefix, "diagnostic", dns);
        Writer.Element("uri", dns, diagnostic.Uri);
        Writer.OptionalElement("details", dns, diagnostic.Details);
        Writer.Element("message", dns, diagnostic.Message);
        Writer.WriteEndElement();
    }

    /// <summary>Ends the document and answers it.</summary>
    public IResult ToResult()
    {
        Writer.WriteEndDocument();
        Writer.Flush();
        return TypedResults.Bytes(_buffer.ToArray(), SruXml.ContentType);
    }

    public void Dispose()
    {
        Writer.Dispose();
        _buffer.Dispose();
    }
}

namespace Search.Api.Sru;

/// <summary>The record schemas of the server; Dublin Core is the default.</summary>
public static class RecordSchemas
{
    public static IReadOnlyList<IRecordSchema> All { get; } = [new DublinCoreSchema(), new MarcXmlSchema(), new JsonRecordSchema()];

    public static IRecordSchema Default => All[0];

    /// <summary>The schema a <c>recordSchema</c> parameter names (short name, alias or identifier), or diagnostic 66.</summary>
    public static IRecordSchema Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Default;
        }

        var text = name.Trim();
        return All.FirstOrDefault(s => s.Identifier == text
                || s.Name.Equals(text, StringComparison.OrdinalIgnoreCase)
                || s.Aliases.Any(a => a.Equals(text, StringComparison.OrdinalIgnoreCase)))
            ?? throw new SruDiagnosticException(SruDiagnostic.UnknownSchema(text));
    }
}

namespace Search.Api.Oai;

/// <summary>An OAI-PMH error condition: its code (<c>badArgument</c>, ...) and a sentence for the harvester's log.</summary>
public sealed record OaiError(string Code, string Message)
{
    public static OaiError BadArgument(string message) => new("badArgument", message);

    public static OaiError BadResumptionToken(string message) => new("badResumptionToken", message);

    public static OaiError BadVerb(string message) => new("badVerb", message);

    public static OaiError CannotDisseminateFormat(string prefix) =>
        new("cannotDisseminateFormat", $"The metadata format '{prefix}' is not supported; see ListMetadataFormats (oai_dc, marc21).");

    public static OaiError IdDoesNotExist(string identifier) => new("idDoesNotExist", $"No item '{identifier}' in this repository.");

    public static OaiError NoRecordsMatch() => new("noRecordsMatch", "No records match the arguments.");

    public static OaiError NoMetadataFormats(string identifier) =>
        new("noMetadataFormats", $"The item '{identifier}' is deleted: no metadata is disseminated for it.");

    /// <summary>The request itself is malformed: the answer's <c>request</c> element then carries no attributes.</summary>
    public bool RejectsRequest => Code is "badVerb" or "badArgument";
}

/// <summary>Raised inside a verb to answer with its error.</summary>
public sealed class OaiErrorException(OaiError error) : Exception(error?.Message)
{
    public OaiError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    public OaiErrorException()
        : this(OaiError.BadArgument("Bad request."))
    {
    }

    public OaiErrorException(string message)
        : this(OaiError.BadArgument(message))
    {
    }

    public OaiErrorException(string message, Exception innerException)
        : this(OaiError.BadArgument(message + " " + innerException?.Message))
    {
    }
}

using Search.Connectors.Harvesting;

namespace Search.Connectors.OaiPmh;

/// <summary>An OAI-PMH <c>&lt;error&gt;</c>: its code (<c>badArgument</c>, <c>noRecordsMatch</c>...) and text.</summary>
public sealed record OaiPmhError(string Code, string Message)
{
    public const string BadArgument = "badArgument";
    public const string BadResumptionToken = "badResumptionToken";
    public const string BadVerb = "badVerb";
    public const string CannotDisseminateFormat = "cannotDisseminateFormat";
    public const string IdDoesNotExist = "idDoesNotExist";
    public const string NoRecordsMatch = "noRecordsMatch";
    public const string NoMetadataFormats = "noMetadataFormats";
    public const string NoSetHierarchy = "noSetHierarchy";

    public override string ToString() => Message.Length == 0 ? Code : $"{Code}: {Message}";
}

/// <summary>One page of a <c>ListRecords</c> (or <c>ListIdentifiers</c>) answer.</summary>
/// <param name="Verb">The list element found: <c>ListRecords</c>, <c>ListIdentifiers</c>, or null when there was none (an error answer).</param>
/// <param name="ResponseDate">The partner's <c>responseDate</c> as sent (its clock, UTC).</param>
/// <param name="RequestMetadataPrefix">The <c>metadataPrefix</c> the partner echoes in <c>&lt;request&gt;</c>, when it does.</param>
/// <param name="Records">
/// The records in the partner's order. For <c>ListIdentifiers</c> pages they are headers only: the payload is
/// null even when the record is not deleted.
/// </param>
/// <param name="Problems">Records that could not be cut out (no header, no identifier, no metadata).</param>
/// <param name="ResumptionToken">The token for the next page; null when the list is complete (absent or empty token).</param>
/// <param name="CompleteListSize">The partner's announced size of the whole list, when given.</param>
/// <param name="Cursor">The partner's position of this page in the list, when given.</param>
/// <param name="Error">The first OAI-PMH error of the answer, when there is one.</param>
public sealed record OaiPmhListPage(
    string? Verb,
    string? ResponseDate,
    string? RequestMetadataPrefix,
    IReadOnlyList<HarvestedRecord> Records,
    IReadOnlyList<HarvestProblem> Problems,
    string? ResumptionToken,
    long? CompleteListSize,
    long? Cursor,
    OaiPmhError? Error);

/// <summary>What an <c>Identify</c> answer says about the repository.</summary>
/// <param name="ResponseDate">The partner's <c>responseDate</c> as sent.</param>
/// <param name="RepositoryName">The repository's name.</param>
/// <param name="BaseUrl">The repository's own base URL.</param>
/// <param name="Granularity">The finest datestamp granularity it supports (days when it says nothing usable).</param>
/// <param name="EarliestDatestamp">The earliest datestamp, as sent.</param>
/// <param name="DeletedRecord">How it keeps deletions: <c>no</c>, <c>transient</c> or <c>persistent</c>.</param>
/// <param name="Error">The OAI-PMH error of the answer, when there is one.</param>
public sealed record OaiPmhIdentify(
    string? ResponseDate,
    string? RepositoryName,
    string? BaseUrl,
    OaiPmhGranularity Granularity,
    string? EarliestDatestamp,
    string? DeletedRecord,
    OaiPmhError? Error);

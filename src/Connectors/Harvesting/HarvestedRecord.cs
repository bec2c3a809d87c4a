namespace Search.Connectors.Harvesting;

/// <summary>
/// One record as the partner sent it. Connectors never map fields: the payload is kept verbatim
/// so the catalogue can be re-mapped later without harvesting again.
/// </summary>
/// <param name="SourceId">The source (partner) this record was harvested from.</param>
/// <param name="ExternalId">The partner's own identifier (an OAI identifier, a control number, a row key).</param>
/// <param name="Datestamp">The partner's change date for the record, when it gives one.</param>
/// <param name="Deleted">The partner says the record is gone.</param>
/// <param name="MetadataFormat">A name from <see cref="MetadataFormats"/> telling the mapper how to read the payload.</param>
/// <param name="Payload">The record's metadata as sent (XML fragment, JSON object, CSV row as JSON); null for deletions.</param>
/// <param name="Sets">The partner's sets (collections) the record belongs to.</param>
public sealed record HarvestedRecord(
    string SourceId,
    string ExternalId,
    DateTimeOffset? Datestamp,
    bool Deleted,
    string MetadataFormat,
    string? Payload,
    IReadOnlyList<string> Sets);

/// <summary>
/// Something the connector received but could not even cut into a record (broken XML inside one record,
/// a CSV row with the wrong number of cells). It is quarantined with its reason; the harvest goes on.
/// </summary>
/// <param name="ExternalId">The partner's identifier when it could be read.</param>
/// <param name="Reason">Why it was refused, in words a librarian understands.</param>
/// <param name="RawPayload">What was received, as far as it could be kept.</param>
public sealed record HarvestProblem(string? ExternalId, string Reason, string? RawPayload);

/// <summary>
/// A batch of harvested records and the checkpoint that is true once they are stored.
/// The runner commits the records and the checkpoint in one transaction.
/// </summary>
/// <param name="Records">The records of this batch, in the partner's order.</param>
/// <param name="Problems">What could not be read, to be quarantined.</param>
/// <param name="Checkpoint">Opaque to everyone but the connector that made it; null keeps the previous one.</param>
public sealed record HarvestBatch(
    IReadOnlyList<HarvestedRecord> Records,
    IReadOnlyList<HarvestProblem> Problems,
    string? Checkpoint)
{
    /// <summary>
    /// Set on the batch that ends a complete pass over everything the source holds (not an incremental
    /// one): records of the source not seen during the pass may be retired by the runner.
    /// Only connectors whose partner cannot report deletions set it.
    /// </summary>
    public bool EndsCompletePass { get; init; }
}

/// <summary>The metadata format names shared by connectors and mappers.</summary>
public static class MetadataFormats
{
    public const string OaiDc = "oai_dc";
    public const string MarcXml = "marcxml";
    public const string Iso2709 = "iso2709";
    public const string PatentXml = "patent-xml";
    public const string Json = "json";
    public const string Csv = "csv";
    public const string StandardHtml = "standard-html";
}

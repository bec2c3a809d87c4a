namespace Search.Ingestion.Merge;

/// <summary>Why a record is in its work, as stored with the record and shown to librarians.</summary>
/// <param name="Key">The evidence: a <see cref="MatchKeys"/> kind, "title-subtitle", "title-similar", or "decision".</param>
/// <param name="Value">The shared value (the DOI, the number, the folded title), or the decision ("must-link").</param>
/// <param name="Similarity">Bigram Dice of the folded titles of the two records, 0..1.</param>
/// <param name="MatchedRecordId">The record of the work this record was matched with.</param>
/// <param name="DecidedBy">The librarian, for decisions.</param>
public sealed record MergeReason(string Key, string? Value, double? Similarity, string? MatchedRecordId, string? DecidedBy = null)
{
    public const string Decision = "decision";
    public const string MustLink = "must-link";
    public const string CannotLink = "cannot-link";
}

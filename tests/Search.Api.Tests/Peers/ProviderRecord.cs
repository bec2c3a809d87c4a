namespace Search.Api.Tests.Peers;

/// <summary>
/// One record served by <see cref="OaiProvider"/> as <c>oai_dc</c>. Its OAI identifier is
/// <c>oai:fixture.test:{Id}</c> (see <see cref="OaiProvider.OaiIdentifier"/>).
/// </summary>
public sealed record ProviderRecord
{
    public required string Id { get; init; }

    /// <summary>UTC; the provider has second granularity, so sub-second parts are dropped.</summary>
    public required DateTimeOffset Datestamp { get; init; }

    /// <summary>OAI setSpecs (ASCII: <c>[A-Za-z0-9-_.!~*'()]</c>, <c>:</c> for hierarchy).</summary>
    public IReadOnlyList<string> SetSpecs { get; init; } = [];

    /// <summary>A deleted record is served as a header with <c>status="deleted"</c> and no metadata.</summary>
    public bool Deleted { get; init; }

    public IReadOnlyList<string> Titles { get; init; } = [];

    public IReadOnlyList<string> Creators { get; init; } = [];

    public IReadOnlyList<string> Subjects { get; init; } = [];

    public string? Description { get; init; }

    public string? Date { get; init; }

    public string? Type { get; init; }

    public IReadOnlyList<string> Identifiers { get; init; } = [];

    public string? Language { get; init; }
}

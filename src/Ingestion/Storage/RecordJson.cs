using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Reflection;
using Search.Ingestion.Model;

namespace Search.Ingestion.Storage;

/// <summary>How a catalogue record is kept in the store: JSON, deterministic so that equal records compare equal.</summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(CatalogRecord record) => JsonSerializer.Serialize(record, Options);

    public static CatalogRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<CatalogRecord>(json, Options)
        ?? throw new InvalidOperationException("A stored record is empty.");

    /// <summary>
    /// What <see cref="Merge.MatchRules"/> and <see cref="Merge.MatchKeys"/> read of a stored record (title, type,
    /// year, authors, identifiers, citation), the rest skipped unread: the record a work candidate is compared as.
    /// Never store or index what this returns.
    /// </summary>
    internal static CatalogRecord DeserializeForMatching(string json) =>
        JsonSerializer.Deserialize<CatalogRecord>(json, MatchingOptions)
        ?? throw new InvalidOperationException("A stored record is empty.");

    private static readonly HashSet<string> MatchedMembers = new(StringComparer.Ordinal)
    {
        nameof(CatalogRecord.Id), nameof(CatalogRecord.SourceId), nameof(CatalogRecord.ExternalId),
        nameof(CatalogRecord.Type), nameof(CatalogRecord.Title), nameof(CatalogRecord.Authors), nameof(CatalogRecord.SourceTitle),
        nameof(CatalogRecord.Year), nameof(CatalogRecord.Identifiers), nameof(CatalogRecord.Volume), nameof(CatalogRecord.Issue),
        nameof(CatalogRecord.FirstPage),
    };

    private static readonly JsonSerializerOptions MatchingOptions = new(Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                static info =>
                {
                    if (info.Type != typeof(CatalogRecord))
                    {
                        return;
                    }

                    for (var i = info.Properties.Count - 1; i >= 0; i--)
                    {
                        if (info.Properties[i].AttributeProvider is not MemberInfo member || !MatchedMembers.Contains(member.Name))
                        {
                            info.Properties.RemoveAt(i);
                        }
                    }
                },
            },
        },
    };
}

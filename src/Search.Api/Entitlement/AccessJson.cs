using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Search.Api.Api;
using Search.Indexer.Search;

namespace Search.Api.Entitlement;

/// <summary>The <c>access</c> object of a search hit or a record.</summary>
public sealed record AccessInfo(string Fulltext);

/// <summary>
/// Puts <c>"access": {"fulltext": ...}</c> into the JSON of search hits and records without copying them: a
/// contract modifier adds an <c>access</c> property to <see cref="SearchHit"/> and
/// <see cref="RecordsApi.RecordResponse"/> that reads the decision attached to that very object (and is left
/// out when none is). Whatever fields a hit gains later are serialised as they are, at no extra cost.
/// </summary>
public static class AccessJson
{
    private static readonly ConditionalWeakTable<object, AccessInfo> Decisions = [];

    public static void Attach(object target, string fulltext) => Decisions.AddOrUpdate(target, new AccessInfo(fulltext));

    public static void AddAccessProperty(JsonTypeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kind != JsonTypeInfoKind.Object || (info.Type != typeof(SearchHit) && info.Type != typeof(RecordsApi.RecordResponse)))
        {
            return;
        }

        var property = info.CreateJsonPropertyInfo(typeof(AccessInfo), "access");
        property.Get = target => Decisions.TryGetValue(target, out var access) ? access : null;
        property.ShouldSerialize = (_, value) => value is not null;
        info.Properties.Add(property);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Search.Ingestion.Model;

/// <summary>
/// Record ids are derived from (source, external id) so that re-harvesting gives the same id, and are
/// safe in a URL path whatever the partner's identifiers contain (slashes, colons, CJK).
/// </summary>
public static class RecordIds
{
    public static string For(string sourceId, string externalId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(externalId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceId + "\u001f" + externalId));
        return "r" + Convert.ToHexStringLower(hash, 0, 10);
    }
}

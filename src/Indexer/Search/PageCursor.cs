using System.Globalization;
using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexer.Search;

/// <summary>
/// The sort values of the last hit of a page, as an opaque URL-safe string, so the next page is one
/// SearchAfter pass of one page, however deep. A cursor is only meaningful with the same query and sort.
/// </summary>
public static class PageCursor
{
    public static string Encode(FieldDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var parts = doc.Fields.Select(f => f switch
        {
            null => "n",
            J2N.Numerics.Single s => "f" + s.ToSingle().ToString("R", CultureInfo.InvariantCulture),
            J2N.Numerics.Int32 i => "i" + i.ToInt32().ToString(CultureInfo.InvariantCulture),
            BytesRef b => "s" + Convert.ToBase64String(b.Bytes, b.Offset, b.Length),
            _ => throw new InvalidOperationException($"Cannot page after a sort value of type {f.GetType().Name}."),
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('|', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The FieldDoc to search after, or null when the cursor is not one of ours.</summary>
    public static FieldDoc? Decode(string cursor, int fieldCount)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('|');
            if (parts.Length != fieldCount)
            {
                return null;
            }

            var fields = parts.Select(p => p.Length == 0 ? throw new FormatException() : p[0] switch
            {
                'n' => (object?)null,
                'f' => J2N.Numerics.Single.GetInstance(float.Parse(p.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture)),
                'i' => J2N.Numerics.Int32.GetInstance(int.Parse(p.AsSpan(1), NumberStyles.Integer, CultureInfo.InvariantCulture)),
                's' => new BytesRef(Convert.FromBase64String(p[1..])),
                _ => throw new FormatException(),
            }).ToArray();
            // The doc id only breaks ties between equal sort values; the id sort key never ties, except with the
            // cursor's own hit, which int.MaxValue makes sort before everything after it.
            return new FieldDoc(int.MaxValue, float.NaN, fields!);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

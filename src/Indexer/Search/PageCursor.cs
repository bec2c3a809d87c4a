using System.Globalization;
using System.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Indexer.Search;

/// <summary>
/// The sort values of the last hit of a page, as an opaque URL-safe string, so the next page is one
/// SearchAfter pass of one page, however deep. A cursor names the sort it was made for and is only
/// accepted with that sort; its values must have the types that sort compares.
/// </summary>
public static class PageCursor
{
    private const char Separator = '|';

    public static string Encode(FieldDoc doc, Sort sort)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(sort);
        var parts = doc.Fields.Select(f => f switch
        {
            null => "n",
            J2N.Numerics.Single s => "f" + s.ToSingle().ToString("R", CultureInfo.InvariantCulture),
            J2N.Numerics.Int32 i => "i" + i.ToInt32().ToString(CultureInfo.InvariantCulture),
            BytesRef b => "s" + Convert.ToBase64String(b.Bytes, b.Offset, b.Length),
            _ => throw new InvalidOperationException($"Cannot page after a sort value of type {f.GetType().Name}."),
        });
        var text = Signature(sort) + Separator + string.Join(Separator, parts);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The FieldDoc to search after under <paramref name="sort"/>, or why the cursor cannot be used with it.</summary>
    public static CursorReading Decode(string cursor, Sort sort)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(sort);
        var sortFields = sort.GetSort();
        string[] parts;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            parts = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64)).Split(Separator);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return CursorReading.Bad("the cursor is not one this search returned");
        }

        if (parts.Length != sortFields.Length + 1)
        {
            return CursorReading.Bad("the cursor is not one this search returned");
        }

        if (parts[0] != Signature(sort))
        {
            return CursorReading.Bad("the cursor was made for another sort order; start again from the first page with this sort");
        }

        var fields = new object?[sortFields.Length];
        for (var i = 0; i < sortFields.Length; i++)
        {
            var value = ReadValue(parts[i + 1], sortFields[i]);
            if (value is null && !(parts[i + 1] == "n" && sortFields[i].Type == SortFieldType.STRING))
            {
                return CursorReading.Bad("the cursor is not one this search returned");
            }

            fields[i] = value;
        }

        // The doc id only breaks ties between equal sort values; the id sort key never ties, except with the
        // cursor's own hit, which int.MaxValue makes sort before everything after it.
        return new CursorReading(new FieldDoc(int.MaxValue, float.NaN, fields), null);
    }

    private static object? ReadValue(string part, SortField field)
    {
        if (part.Length == 0)
        {
            return null;
        }

        var text = part.AsSpan(1);
        try
        {
            return (part[0], field.Type) switch
            {
                ('f', SortFieldType.SCORE) when float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f)
                    => J2N.Numerics.Single.GetInstance(f),
                ('i', SortFieldType.INT32) when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    => J2N.Numerics.Int32.GetInstance(n),
                ('s', SortFieldType.STRING) => new BytesRef(Convert.FromBase64String(part[1..])),
                _ => null,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The sort's fields and directions, e.g. <c>score,year-,id</c>.</summary>
    private static string Signature(Sort sort) =>
        string.Join(',', sort.GetSort().Select(f => (f.Type == SortFieldType.SCORE ? "score" : f.Field) + (f.IsReverse ? "-" : "")));
}

/// <summary>A decoded cursor: the hit to search after, or the reason it was refused.</summary>
public readonly record struct CursorReading(FieldDoc? After, string? Problem)
{
    public static CursorReading Bad(string problem) => new(null, problem);
}

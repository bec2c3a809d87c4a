using System.Text;

namespace Search.Connectors.Csv;

/// <summary>Decodes a spreadsheet export: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030.</summary>
public static class CsvText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The text and the name of the encoding it was read with.</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            return (StrictUtf8.GetString(bytes, 3, bytes.Length - 3), "utf-8");
        }

        if (bytes.AsSpan().StartsWith((byte[])[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), "utf-16");
        }

        if (bytes.AsSpan().StartsWith((byte[])[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), "utf-16be");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Chinese spreadsheet programs export GB18030 (a superset of GBK and GB2312).
            return (Encoding.GetEncoding("GB18030").GetString(bytes), "gb18030");
        }
    }
}

using System.Globalization;
using System.Text;

namespace Search.Connectors.Tests.Marc;

/// <summary>Writes ISO 2709 records for tests: leader, directory and fields from (tag, content) pairs in a given encoding.</summary>
internal static class Iso2709Builder
{
    /// <param name="leader">The leader with anything in the length and base address (they are computed).</param>
    /// <param name="fields">Tags with their content: a control value, or indicators then "$a..." with '$' for the delimiter.</param>
    public static byte[] Record(string leader, Encoding encoding, params (string Tag, string Content)[] fields)
    {
        var data = new List<byte>();
        var directory = new StringBuilder();
        foreach (var (tag, content) in fields)
        {
            var bytes = encoding.GetBytes(content.Replace('$', '\u001f') + "\u001e");
            directory.Append(CultureInfo.InvariantCulture, $"{tag}{bytes.Length:D4}{data.Count:D5}");
            data.AddRange(bytes);
        }

        directory.Append('\u001e');
        var baseAddress = 24 + directory.Length;
        var length = baseAddress + data.Count + 1;
        var head = string.Create(CultureInfo.InvariantCulture, $"{length:D5}{leader[5..12]}{baseAddress:D5}{leader[17..24]}");
        return [.. Encoding.ASCII.GetBytes(head + directory), .. data, 0x1D];
    }
}

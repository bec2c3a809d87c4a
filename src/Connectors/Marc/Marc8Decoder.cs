using System.Globalization;
using System.Text;

namespace Search.Connectors.Marc;

/// <summary>
/// Decodes MARC-8 to Unicode: ASCII and ANSEL by default (G0/G1), the other Latin, Greek, Cyrillic, Hebrew,
/// Arabic, subscript/superscript sets and EACC (East Asian, three bytes a character) by escape sequence.
/// Combining marks, which MARC-8 writes before their base character, come after it in Unicode.
/// The character table is generated from the Library of Congress code tables (see marc8-to-unicode.txt).
/// </summary>
public static class Marc8Decoder
{
    /// <summary>The character sets in G0 and G1 while a field is decoded.</summary>
    public readonly record struct Marc8State(byte G0, byte G1)
    {
        public static Marc8State Default => new(BasicLatin, ExtendedLatin);
    }

    private const byte Escape = 0x1B;
    private const byte BasicLatin = 0x42;
    private const byte ExtendedLatin = 0x45;
    private const byte Eacc = 0x31;

    private static readonly Lazy<Dictionary<(byte Set, int Code), Marc8Char>> Table = new(LoadTable);

    private static readonly HashSet<byte> SingleByteSets = [0x42, 0x45, 0x4E, 0x51, 0x53, 0x32, 0x33, 0x34, 0x62, 0x67, 0x70];

    private readonly record struct Marc8Char(int CodePoint, bool Combining);

    /// <summary>Decodes the bytes of one field; throws <see cref="MarcFormatException"/> with the position of a bad escape or character.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var state = Marc8State.Default;
        return Decode(bytes, ref state);
    }

    /// <summary>
    /// Decodes one piece of a field (a subfield's value), starting in and updating <paramref name="state"/>: the
    /// character sets chosen by an escape stay in force across subfield delimiters until the field ends.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, ref Marc8State state)
    {
        var table = Table.Value;
        var g0 = state.G0;
        var g1 = state.G1;
        var text = new StringBuilder(bytes.Length);
        var pendingMarks = new StringBuilder();
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == Escape)
            {
                i = ReadEscape(bytes, i, ref g0, ref g1);
                continue;
            }

            if (b < 0x20 || b == 0x7F || (b >= 0x80 && b < 0xA1) || b == 0xFF)
            {
                // Controls: the MARC-8 joiners become Unicode ones; C0 controls (stray in text), NSB/NSE and the other C1 codes go.
                switch (b)
                {
                    case 0x8D:
                        text.Append('\u200D');
                        break;
                    case 0x8E:
                        text.Append('\u200C');
                        break;
                    case 0xA0 or 0xFF:
                        throw new MarcFormatException(string.Create(CultureInfo.InvariantCulture, $"byte 0x{b:X2} at position {i} is not a MARC-8 character"));
                    default:
                        break;
                }

                i++;
                continue;
            }

            if (b == 0x20)
            {
                FlushMarks(text, pendingMarks);
                text.Append(' ');
                i++;
                continue;
            }

            var set = b < 0x80 ? g0 : g1;
            int code;
            int length;
            if (set == Eacc)
            {
                if (i + 2 >= bytes.Length)
                {
                    throw new MarcFormatException(string.Create(CultureInfo.InvariantCulture, $"EACC character at position {i} is cut short: three bytes are expected"));
                }

                code = ((bytes[i] & 0x7F) << 16) | ((bytes[i + 1] & 0x7F) << 8) | (bytes[i + 2] & 0x7F);
                length = 3;
            }
            else
            {
                code = b & 0x7F;
                length = 1;
            }

            if (!table.TryGetValue((set, code), out var found) && set != Eacc && b >= 0x80)
            {
                // An undefined single-byte G1 code (yaz's marc12 holds 0xFD): dropped, as yaz does; the text around it is sound.
                i++;
                continue;
            }

            if (found.CodePoint == 0)
            {
                var shown = set == Eacc ? code.ToString("X6", CultureInfo.InvariantCulture) : b.ToString("X2", CultureInfo.InvariantCulture);
                throw new MarcFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"MARC-8 code 0x{shown} at position {i} is not a character of the {SetName(set)} set"));
            }

            if (found.Combining)
            {
                pendingMarks.Append(char.ConvertFromUtf32(found.CodePoint));
            }
            else
            {
                text.Append(char.ConvertFromUtf32(found.CodePoint));
                FlushMarks(text, pendingMarks);
            }

            i += length;
        }

        FlushMarks(text, pendingMarks);
        state = new Marc8State(g0, g1);
        return text.ToString();
    }

    private static void FlushMarks(StringBuilder text, StringBuilder marks)
    {
        if (marks.Length > 0)
        {
            text.Append(marks);
            marks.Clear();
        }
    }

    /// <summary>Reads the escape sequence at <paramref name="start"/>, switches G0 or G1, and returns the position after it.</summary>
    private static int ReadEscape(ReadOnlySpan<byte> bytes, int start, ref byte g0, ref byte g1)
    {
        var first = At(bytes, start + 1);
        switch (first)
        {
            case 0x67 or 0x62 or 0x70: // technique 1: Greek symbols, subscripts, superscripts
                g0 = first;
                return start + 2;
            case 0x73: // back to ASCII
                g0 = BasicLatin;
                return start + 2;
            case 0x28 or 0x2C or 0x29 or 0x2D: // single-byte set to G0 ( , or G1 ) -
            {
                var index = start + 2;
                if (At(bytes, index) == 0x21)
                {
                    index++; // "!E": ANSEL's two-byte final
                }

                var final = At(bytes, index);
                if (!SingleByteSets.Contains(final))
                {
                    throw BadEscape(bytes, start);
                }

                if (first is 0x28 or 0x2C)
                {
                    g0 = final;
                }
                else
                {
                    g1 = final;
                }

                return index + 1;
            }

            case 0x24: // multibyte: $ F, $ , F (G0), $ ) F, $ - F (G1)
            {
                var index = start + 2;
                var toG1 = false;
                if (At(bytes, index) is 0x2C or 0x29 or 0x2D)
                {
                    toG1 = At(bytes, index) is 0x29 or 0x2D;
                    index++;
                }

                if (At(bytes, index) != Eacc)
                {
                    throw BadEscape(bytes, start);
                }

                if (toG1)
                {
                    g1 = Eacc;
                }
                else
                {
                    g0 = Eacc;
                }

                return index + 1;
            }

            default:
                throw BadEscape(bytes, start);
        }
    }

    private static byte At(ReadOnlySpan<byte> bytes, int index) => index < bytes.Length ? bytes[index] : (byte)0;

    private static MarcFormatException BadEscape(ReadOnlySpan<byte> bytes, int start)
    {
        var shown = Convert.ToHexString(bytes.Slice(start, Math.Min(4, bytes.Length - start)));
        return new MarcFormatException(string.Create(CultureInfo.InvariantCulture, $"invalid MARC-8 escape sequence 0x{shown} at position {start}"));
    }

    private static string SetName(byte set) => set switch
    {
        0x42 => "Basic Latin (ASCII)",
        0x45 => "Extended Latin (ANSEL)",
        0x31 => "EACC (CJK)",
        0x4E => "Basic Cyrillic",
        0x51 => "Extended Cyrillic",
        0x53 => "Basic Greek",
        0x32 => "Hebrew",
        0x33 => "Basic Arabic",
        0x34 => "Extended Arabic",
        0x62 => "Subscripts",
        0x67 => "Greek symbols",
        0x70 => "Superscripts",
        _ => string.Create(CultureInfo.InvariantCulture, $"0x{set:X2}"),
    };

    private static Dictionary<(byte Set, int Code), Marc8Char> LoadTable()
    {
        using var stream = typeof(Marc8Decoder).Assembly.GetManifestResourceStream("Search.Connectors.Marc.marc8-to-unicode.txt")
            ?? throw new InvalidOperationException("The MARC-8 table resource is missing.");
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var table = new Dictionary<(byte, int), Marc8Char>(16500);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(' ');
            var set = byte.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var code = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var ucs = int.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            table.TryAdd((set, code), new Marc8Char(ucs, parts[3] == "1"));
        }

        return table;
    }
}

using System.Globalization;
using System.Text;

namespace Search.Connectors.Marc;

/// <summary>How the text of ISO 2709 records is encoded.</summary>
public enum MarcEncoding
{
    /// <summary>
    /// Leader/09 'a' means UTF-8; otherwise MARC-8 for MARC 21 (unless the record is valid UTF-8 beyond ASCII and
    /// has no escapes: UTF-8 without the leader flag), and UTF-8 (or GB 18030 when not valid UTF-8) for UNIMARC.
    /// </summary>
    Auto,
    Utf8,
    Marc8,
    Gb18030,
}

/// <summary>One record of an ISO 2709 file, or the reason it could not be read.</summary>
/// <param name="Number">The record's position in the file, from 1.</param>
/// <param name="Offset">The byte offset where the record starts.</param>
/// <param name="Record">The record, when it could be read.</param>
/// <param name="Problem">Why it could not be read, when it could not.</param>
/// <param name="Raw">The record's bytes as text (Latin-1), for the quarantine.</param>
public sealed record Iso2709Entry(int Number, long Offset, MarcRecordData? Record, string? Problem, string Raw);

/// <summary>
/// Reads ISO 2709 (MARC exchange format) records: the 24-byte leader, the directory and the fields, with the
/// record length and base address checked against the record's actual shape. A record that cannot be read
/// yields its reason, and reading goes on at the next record terminator (0x1D).
/// </summary>
public static class Iso2709Reader
{
    public const byte RecordTerminator = 0x1D;
    public const byte FieldTerminator = 0x1E;
    public const byte SubfieldDelimiter = 0x1F;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>Cuts the data at record terminators and reads each record.</summary>
    public static IEnumerable<Iso2709Entry> ReadAll(byte[] data, MarcEncoding encoding = MarcEncoding.Auto)
    {
        ArgumentNullException.ThrowIfNull(data);
        var number = 0;
        var start = 0;
        while (start < data.Length)
        {
            // Line breaks and blanks some exports put between records are not part of them.
            while (start < data.Length && data[start] is (byte)'\r' or (byte)'\n' or (byte)' ' or 0x1A or 0)
            {
                start++;
            }

            if (start >= data.Length)
            {
                yield break;
            }

            var end = Array.IndexOf(data, RecordTerminator, start);
            var length = end < 0 ? data.Length - start : end - start + 1;
            var bytes = data.AsMemory(start, length);
            number++;
            MarcRecordData? record = null;
            string? problem = null;
            try
            {
                if (end < 0)
                {
                    throw new MarcFormatException("the file ends without a record terminator (0x1D): the record is cut short");
                }

                record = ReadRecord(bytes.Span, encoding);
            }
            catch (MarcFormatException ex)
            {
                problem = ex.Message;
            }

            yield return new Iso2709Entry(number, start, record, problem, Latin1.GetString(bytes.Span).Replace("\0", string.Empty, StringComparison.Ordinal));
            start += length;
        }
    }

    /// <summary>Reads one record (terminator included). Throws <see cref="MarcFormatException"/> with the reason.</summary>
    public static MarcRecordData ReadRecord(ReadOnlySpan<byte> bytes, MarcEncoding encoding = MarcEncoding.Auto)
    {
        if (bytes.Length < 25)
        {
            throw new MarcFormatException(string.Create(CultureInfo.InvariantCulture, $"the record is {bytes.Length} bytes long, shorter than a leader and its terminator"));
        }

        var leader = Latin1.GetString(bytes[..24]);
        var declaredLength = Number(bytes[..5], "record length (leader/00-04)");
        if (declaredLength != bytes.Length)
        {
            throw new MarcFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"the leader gives a record length of {declaredLength} bytes but the record terminator comes after {bytes.Length} bytes"));
        }

        var baseAddress = Number(bytes[12..17], "base address of data (leader/12-16)");
        if (baseAddress < 25 || baseAddress >= bytes.Length || bytes[baseAddress - 1] != FieldTerminator || (baseAddress - 25) % 12 != 0)
        {
            throw new MarcFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"the base address of data {baseAddress} does not follow a directory of 12-byte entries ended by a field terminator"));
        }

        var raw = new List<(string Tag, int Start, int Length)>();
        for (var entry = 24; entry < baseAddress - 1; entry += 12)
        {
            var tag = Latin1.GetString(bytes.Slice(entry, 3));
            if (!tag.All(char.IsAsciiLetterOrDigit))
            {
                throw new MarcFormatException($"directory entry {(entry - 24) / 12 + 1} has an invalid tag '{Printable(tag)}'");
            }

            var fieldLength = Number(bytes.Slice(entry + 3, 4), $"length of field {tag}");
            var fieldStart = Number(bytes.Slice(entry + 7, 5), $"start of field {tag}");
            var absolute = baseAddress + fieldStart;
            if (fieldLength < 1 || absolute + fieldLength > bytes.Length - 1)
            {
                throw new MarcFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"field {tag} (start {fieldStart}, length {fieldLength}) lies outside the record's data"));
            }

            if (bytes[absolute + fieldLength - 1] != FieldTerminator)
            {
                throw new MarcFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"field {tag} (start {fieldStart}, length {fieldLength}) does not end with a field terminator: the directory does not match the data"));
            }

            raw.Add((tag, absolute, fieldLength - 1));
        }

        var chosen = ChooseEncoding(encoding, leader, raw, bytes);
        var fields = new List<MarcFieldData>(raw.Count);
        foreach (var (tag, start, length) in raw)
        {
            var data = bytes.Slice(start, length);
            fields.Add(IsControlTag(tag) ? ReadControl(tag, data, chosen) : ReadData(tag, data, chosen));
        }

        return new MarcRecordData(leader, fields);
    }

    public static bool IsControlTag(string tag) => tag.Length == 3 && tag[0] == '0' && tag[1] == '0' && char.IsAsciiDigit(tag[2]);

    private static MarcFieldData ReadControl(string tag, ReadOnlySpan<byte> data, MarcEncoding encoding) =>
        MarcFieldData.Control(tag, Decode(data, encoding, tag));

    private static MarcFieldData ReadData(string tag, ReadOnlySpan<byte> data, MarcEncoding encoding)
    {
        if (data.Length < 2)
        {
            throw new MarcFormatException($"field {tag} is too short to hold its two indicators");
        }

        var ind1 = (char)data[0];
        var ind2 = (char)data[1];
        foreach (var indicator in new[] { ind1, ind2 })
        {
            if (!(indicator == ' ' || char.IsAsciiLetterOrDigit(indicator) || indicator is '|' or '#'))
            {
                throw new MarcFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"field {tag} has an invalid indicator 0x{(int)indicator:X2}: a letter, digit or blank is expected"));
            }
        }

        // Cut at the delimiters on the bytes: an EACC character never holds 0x1F, but it may hold the byte of a letter.
        var body = data[2..];
        var state = Marc8Decoder.Marc8State.Default;
        var first = body.IndexOf(SubfieldDelimiter);
        var lead = first < 0 ? body : body[..first];
        if (!lead.IsEmpty && lead.ContainsAnyExcept((byte)' '))
        {
            throw new MarcFormatException($"field {tag} has data before its first subfield delimiter: '{Printable(Latin1.GetString(lead))}'");
        }

        var subfields = new List<MarcSubfieldData>();
        var rest = first < 0 ? ReadOnlySpan<byte>.Empty : body[(first + 1)..];
        while (first >= 0)
        {
            var next = rest.IndexOf(SubfieldDelimiter);
            var part = next < 0 ? rest : rest[..next];
            if (!part.IsEmpty && part[0] <= 0x20 && subfields.Count > 0)
            {
                // A stray delimiter inside a value (an escape, a blank or a control after it, never a code): keep the text.
                var previous = subfields[^1];
                subfields[^1] = previous with { Value = previous.Value + Decode(part, encoding, tag, ref state) };
            }
            else if (part.IsEmpty || part[0] < 0x21 || part[0] > 0x7E)
            {
                var code = part.IsEmpty ? "none" : string.Create(CultureInfo.InvariantCulture, $"0x{part[0]:X2}");
                throw new MarcFormatException($"field {tag} has a subfield with an invalid code ({code}): a letter or digit is expected");
            }
            else
            {
                subfields.Add(new MarcSubfieldData((char)part[0], Decode(part[1..], encoding, tag, ref state)));
            }

            if (next < 0)
            {
                break;
            }

            rest = rest[(next + 1)..];
        }

        return new MarcFieldData(tag, null, ind1, ind2, subfields);
    }

    private static string Decode(ReadOnlySpan<byte> data, MarcEncoding encoding, string tag)
    {
        var state = Marc8Decoder.Marc8State.Default;
        return Decode(data, encoding, tag, ref state);
    }

    private static string Decode(ReadOnlySpan<byte> data, MarcEncoding encoding, string tag, ref Marc8Decoder.Marc8State state)
    {
        try
        {
            return encoding switch
            {
                MarcEncoding.Utf8 => StrictUtf8.GetString(data),
                MarcEncoding.Gb18030 => Gb18030.GetString(data),
                _ => Marc8Decoder.Decode(data, ref state),
            };
        }
        catch (DecoderFallbackException ex)
        {
            throw new MarcFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"field {tag} is not valid {(encoding == MarcEncoding.Utf8 ? "UTF-8" : encoding.ToString())} (bad byte 0x{Convert.ToHexString(ex.BytesUnknown ?? [])} at position {ex.Index})"), ex);
        }
        catch (MarcFormatException ex)
        {
            throw new MarcFormatException($"field {tag}: {ex.Message}", ex);
        }
    }

    private static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    private static MarcEncoding ChooseEncoding(MarcEncoding asked, string leader, List<(string Tag, int Start, int Length)> fields, ReadOnlySpan<byte> bytes)
    {
        if (asked != MarcEncoding.Auto)
        {
            return asked;
        }

        if (leader[9] == 'a')
        {
            return MarcEncoding.Utf8;
        }

        var unimarc = fields.Exists(f => f.Tag == "200") && !fields.Exists(f => f.Tag == "245");
        if (!unimarc)
        {
            // Many exports write UTF-8 without setting leader/09. MARC-8 text is hardly ever valid UTF-8 once it
            // holds anything beyond ASCII (an ANSEL mark is followed by an ASCII letter), and EACC needs escapes.
            var data = bytes[24..];
            return data.IndexOf((byte)0x1B) < 0 && data.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0 && IsUtf8(data)
                ? MarcEncoding.Utf8
                : MarcEncoding.Marc8;
        }

        foreach (var (_, start, length) in fields)
        {
            try
            {
                StrictUtf8.GetString(bytes.Slice(start, length));
            }
            catch (DecoderFallbackException)
            {
                return MarcEncoding.Gb18030;
            }
        }

        return MarcEncoding.Utf8;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> data)
    {
        try
        {
            StrictUtf8.GetCharCount(data);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static int Number(ReadOnlySpan<byte> digits, string what)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                throw new MarcFormatException($"the {what} is not a number: '{Printable(Latin1.GetString(digits))}'");
            }

            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    private static string Printable(string text) =>
        new(text.Select(c => c < 0x20 || c == 0x7F ? '?' : c).ToArray());
}

using System.Globalization;
using System.Text;
using Search.Bench.Corpus.Generation;
using Search.Bench.Corpus.Text;

namespace Search.Bench.Corpus.Output;

/// <summary>
/// Writes records as OAI-PMH 2.0 ListRecords answers in oai_dc, one file per page, chained by resumption tokens
/// like a harvest saved to disk (what the engine's <c>file</c> connector with <c>"format": "oai-pmh"</c> reads).
/// Each file is a pure function of its page number, so pages can be written in parallel. Text is escaped here
/// (&amp;, &lt;, &gt;, and characters XML does not allow are dropped); no DTD is written or needed.
/// </summary>
internal sealed class DumpWriter
{
    public const string ResponseDate = "2026-12-01T00:00:00Z";
    public const string BaseUrl = "https://scale.example/oai";

    private const string DcOpen =
        "        <oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" " +
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">\n";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _folder;
    private readonly long _total;
    private readonly int _perFile;
    private readonly int _digits;
    private char[] _chars = new char[1 << 16];
    private byte[] _bytes = new byte[1 << 18];
    private int _length;

    public DumpWriter(string folder, long total, int perFile)
    {
        _folder = folder;
        _total = total;
        _perFile = perFile;
        Pages = (int)((total + perFile - 1) / perFile);
        _digits = Math.Max(5, Pages.ToString(CultureInfo.InvariantCulture).Length);
    }

    public int Pages { get; }

    public string FileName(int page) => $"ListRecords-{page.ToString("D" + _digits, CultureInfo.InvariantCulture)}.xml";

    /// <summary>Generates and writes page <paramref name="page"/> (from 1); returns the file's size in bytes.</summary>
    public long WritePage(int page, RecordGenerator generator, CorpusRecord record, IRecordSink sink)
    {
        var first = (long)(page - 1) * _perFile;
        var end = Math.Min(_total, first + _perFile);
        using var stream = new FileStream(Path.Combine(_folder, FileName(page)), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _length = 0;
        Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        Raw("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n");
        Raw("  <responseDate>" + ResponseDate + "</responseDate>\n");

        // A resumption request carries the token alone (OAI-PMH 2.0, 3.5); the payloads are oai_dc:dc either way.
        Raw(page == 1
            ? "  <request verb=\"ListRecords\" metadataPrefix=\"oai_dc\">" + BaseUrl + "</request>\n"
            : "  <request verb=\"ListRecords\" resumptionToken=\"" + Token(page) + "\">" + BaseUrl + "</request>\n");
        Raw("  <ListRecords>\n");
        for (var n = first; n < end; n++)
        {
            generator.Generate(n, record, sink);
            sink.EndRecord();
            Record(record);
            if (_length > _chars.Length / 2)
            {
                Flush(stream);
            }
        }

        Raw("    <resumptionToken completeListSize=\"" + _total.ToString(CultureInfo.InvariantCulture) + "\" cursor=\"" + first.ToString(CultureInfo.InvariantCulture) + "\"");
        Raw(end < _total ? ">" + Token(page + 1) + "</resumptionToken>\n" : "/>\n");
        Raw("  </ListRecords>\n</OAI-PMH>\n");
        Flush(stream);
        return stream.Length;
    }

    private static string Token(int page) => "scale-page-" + page.ToString(CultureInfo.InvariantCulture);

    private void Record(CorpusRecord record)
    {
        Raw("    <record>\n      <header>\n        <identifier>");
        Raw("oai:scale.example:");
        Number(record.Number + 1);
        Raw("</identifier>\n        <datestamp>");
        Raw(record.Datestamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Raw("</datestamp>\n        <setSpec>");
        Text(record.Set);
        Raw("</setSpec>\n      </header>\n      <metadata>\n");
        Raw(DcOpen);
        Dc("title", record.Title);
        foreach (var author in record.Authors)
        {
            Dc("creator", author);
        }

        foreach (var keyword in record.Keywords)
        {
            Dc("subject", keyword);
        }

        Dc("subject", record.Clc);
        if (record.Ipc is not null)
        {
            Dc("subject", record.Ipc);
        }

        Dc("description", record.Abstract);
        if (record.Affiliations.Count > 0)
        {
            Raw("          <dc:description>");
            Raw(record.English ? "Affiliations: " : "作者单位：");
            for (var i = 0; i < record.Affiliations.Count; i++)
            {
                if (i > 0)
                {
                    Raw(record.English ? "; " : "；");
                }

                Text(record.Affiliations[i]);
            }

            Raw("</dc:description>\n");
        }

        if (record.Publisher is not null)
        {
            Dc("publisher", record.Publisher);
        }

        Dc("date", record.Date);
        Dc("type", record.TypeWord);
        foreach (var identifier in record.Identifiers)
        {
            Dc("identifier", identifier);
        }

        if (record.Source is not null)
        {
            Dc("source", record.Source);
        }

        Dc("language", record.Language);
        Raw("        </oai_dc:dc>\n      </metadata>\n    </record>\n");
    }

    private void Dc(string name, string value)
    {
        Raw("          <dc:");
        Raw(name);
        Raw(">");
        Text(value);
        Raw("</dc:");
        Raw(name);
        Raw(">\n");
    }

    private void Number(long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        Ensure(written);
        digits[..written].CopyTo(_chars.AsSpan(_length));
        _length += written;
    }

    private void Raw(string text)
    {
        Ensure(text.Length);
        text.CopyTo(0, _chars, _length, text.Length);
        _length += text.Length;
    }

    /// <summary>Character data: markup characters escaped, characters XML 1.0 forbids (and lone surrogates) dropped.</summary>
    private void Text(string text)
    {
        Ensure(text.Length * 5);
        var chars = _chars;
        var length = _length;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    "&amp;".CopyTo(chars.AsSpan(length));
                    length += 5;
                    break;
                case '<':
                    "&lt;".CopyTo(chars.AsSpan(length));
                    length += 4;
                    break;
                case '>':
                    "&gt;".CopyTo(chars.AsSpan(length));
                    length += 4;
                    break;
                case < ' ' when c is not ('\t' or '\n' or '\r'):
                case '\uFFFE' or '\uFFFF':
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            chars[length++] = c;
                            chars[length++] = text[++i];
                        }

                        break;
                    }

                    chars[length++] = c;
                    break;
            }
        }

        _length = length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + extra));
        }
    }

    private void Flush(FileStream stream)
    {
        var needed = Utf8.GetMaxByteCount(_length);
        if (needed > _bytes.Length)
        {
            _bytes = new byte[needed];
        }

        var count = Utf8.GetBytes(_chars, 0, _length, _bytes, 0);
        stream.Write(_bytes, 0, count);
        _length = 0;
    }
}

/// <summary>What a page writer tells about each record it generates: its words, then the end of the record.</summary>
internal interface IRecordSink : IWordSink
{
    void EndRecord();
}

using System.Globalization;
using System.Xml;
using Search.Connectors.Marc;
using Search.Ingestion.Model;

namespace Search.Api.Sru;

/// <summary>
/// <c>info:srw/schema/1/marcxml-v1.1</c>: the record as MARC 21 bibliographic data, written by the engine's one
/// <see cref="MarcXmlWriter"/>. Fields: 001 id, 013 patent, 020 ISBN, 022 ISSN, 024 DOI and standard numbers, 035 each holding's (source)id,
/// 041 language, 084 classifications, 100/700 authors, 245/246 titles, 264 publisher and year, 520 abstract,
/// 650 subjects, 653 keywords, 710 organizations, 773 host item, 856 links (full text only when entitled).
/// </summary>
public sealed class MarcXmlSchema : IRecordSchema
{
    public string Name => "marcxml";

    public string Identifier => "info:srw/schema/1/marcxml-v1.1";

    public string Title => "MARCXML (MARC 21 slim)";

    public IReadOnlyList<string> Aliases { get; } = ["marc21", "marcxml-v1.1", "info:srw/schema/1/marcxml-v1.1-light", "http://www.loc.gov/MARC21/slim"];

    public bool IsXml => true;

    public void Write(XmlWriter writer, SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        using var reader = XmlReader.Create(new StringReader(MarcXmlWriter.Write(ToMarc(record))));
        reader.MoveToContent();
        writer.WriteNode(reader, defattr: false);
    }

    /// <summary>The record as MARC 21 fields.</summary>
    public static MarcRecordData ToMarc(SruRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var r = record.Record;
        var fields = new List<MarcFieldData> { MarcFieldData.Control("001", r.Id) };
        Add(fields, "013", ' ', ' ', r.Identifiers.PatentNumbers.Select(n => Sub('a', n)));
        Add(fields, "020", ' ', ' ', r.Identifiers.Isbn.Select(n => Sub('a', n)));
        Add(fields, "022", ' ', ' ', r.Identifiers.Issn.Select(n => Sub('a', n)));
        if (r.Identifiers.Doi is { } doi)
        {
            fields.Add(Field("024", '7', ' ', Sub('a', doi), Sub('2', "doi")));
        }

        Add(fields, "024", '8', ' ', r.Identifiers.StandardNumbers.Select(n => Sub('a', n)));
        Add(fields, "035", ' ', ' ', r.Holdings.Select(h => Sub('a', "(" + h.SourceId + ")" + h.ExternalId)));
        if (r.Language is { Length: > 0 } language)
        {
            fields.Add(Field("041", ' ', ' ', Sub('a', language)));
        }

        foreach (var classification in r.Classifications)
        {
            fields.Add(Field("084", ' ', ' ', Sub('a', classification), Sub('2', "clc")));
        }

        if (r.Authors.Count > 0)
        {
            fields.Add(Field("100", '1', ' ', Sub('a', r.Authors[0])));
        }

        fields.Add(Field("245", r.Authors.Count > 0 ? '1' : '0', '0', Sub('a', r.Title)));
        Add(fields, "246", '3', '1', r.AlternativeTitles.Select(t => Sub('a', t)));
        var imprint = new List<MarcSubfieldData>();
        if (r.Publisher is { Length: > 0 } publisher)
        {
            imprint.Add(Sub('b', publisher));
        }

        if (r.Year is { } year)
        {
            imprint.Add(Sub('c', year.ToString(CultureInfo.InvariantCulture)));
        }

        if (imprint.Count > 0)
        {
            fields.Add(new MarcFieldData("264", null, ' ', '1', imprint));
        }

        if (r.Abstract is { Length: > 0 } summary)
        {
            fields.Add(Field("520", ' ', ' ', Sub('a', summary)));
        }

        Add(fields, "650", ' ', '4', r.Subjects.Select(s => Sub('a', s)));
        Add(fields, "653", ' ', ' ', r.Keywords.Select(k => Sub('a', k)));
        Add(fields, "700", '1', ' ', r.Authors.Skip(1).Select(a => Sub('a', a)));
        Add(fields, "710", '2', ' ', r.Organizations.Select(o => Sub('a', o)));
        if (r.SourceTitle is { Length: > 0 } host)
        {
            var part = string.Join(", ", new[] { r.Volume is null ? null : "Vol. " + r.Volume, r.Issue is null ? null : "no. " + r.Issue, r.FirstPage is null ? null : "p. " + r.FirstPage }.OfType<string>());
            fields.Add(new MarcFieldData("773", null, '0', ' ', part.Length > 0 ? [Sub('t', host), Sub('g', part)] : [Sub('t', host)]));
        }

        foreach (var link in record.Links)
        {
            fields.Add(Field("856", '4', link.Kind == "fulltext" ? '0' : '1', Sub('u', link.Url), Sub('3', link.Kind == "fulltext" ? "Full text" : "Landing page")));
        }

        return new MarcRecordData(Leader(r.Type), fields);
    }

    /// <summary>Leader: new record, language material, the bibliographic level of the type, Unicode.</summary>
    private static string Leader(string type)
    {
        var level = type switch
        {
            RecordTypes.JournalArticle or RecordTypes.ConferencePaper => 'b',
            _ => 'm',
        };
        return "00000na" + level + " a2200000   4500";
    }

    private static MarcSubfieldData Sub(char code, string value) => new(code, value);

    private static MarcFieldData Field(string tag, char ind1, char ind2, params MarcSubfieldData[] subfields) =>
        new(tag, null, ind1, ind2, subfields);

    private static void Add(List<MarcFieldData> fields, string tag, char ind1, char ind2, IEnumerable<MarcSubfieldData> values) =>
        fields.AddRange(values.Where(v => v.Value.Length > 0).Select(v => Field(tag, ind1, ind2, v)));
}

using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.Marc;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Maps a UNIMARC (and CNMARC, its Chinese profile) bibliographic record written as MARCXML to the canonical
/// record: 200 title ($a, $e other title information, $d parallel title), 700-702 persons, 710-712 bodies,
/// 210/214 $c publisher and $d date, 100 $a/09-12 date, 101 language, 010 ISBN, 011 ISSN, 330 abstract,
/// 600-607 subjects, 610 keywords, 690 CLC (中图分类号) then 686/676/675 classes, 225 or 4xx series, 856 links.
/// </summary>
public sealed class UnimarcMapper : IRecordMapper
{
    private static readonly string[] SubjectTags = ["600", "601", "602", "604", "605", "606", "607"];

    public string Format => MarcSourceSettings.UnimarcFormat;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var root = MappingXml.LoadRoot(record, "UNIMARC");
        var marc = MarcXmlRecords.Read(FindRecord(root));

        var titleField = marc.Tagged("200").FirstOrDefault()
            ?? throw new MappingException("UNIMARC record has no title (field 200).");
        var titles = titleField.All('a').Select(TextNormalizer.StripTrailingPunctuation).Where(t => t.Length > 0).ToList();
        if (titles.Count == 0)
        {
            throw new MappingException("UNIMARC record has an empty title (200 $a).");
        }

        var title = string.Join(" ; ", titles);
        var other = TextNormalizer.StripTrailingPunctuation(titleField.First('e'));
        if (other.Length > 0)
        {
            title = $"{title}: {other}";
        }

        var result = MappedRecords.Start(record, title);

        foreach (var parallel in titleField.All('d').Concat(marc.Tagged("510").SelectMany(f => f.All('a'))).Concat(marc.Tagged("517").SelectMany(f => f.All('a'))))
        {
            var text = TextNormalizer.StripTrailingPunctuation(parallel);
            if (text.Length > 0 && !string.Equals(text, result.Title, StringComparison.OrdinalIgnoreCase))
            {
                result.AlternativeTitles.AddDistinct(text);
            }
        }

        foreach (var field in marc.Tagged("700").Concat(marc.Tagged("701")).Concat(marc.Tagged("702")))
        {
            result.Authors.AddDistinct(PersonalName(field));
        }

        foreach (var field in marc.Tagged("710").Concat(marc.Tagged("711")).Concat(marc.Tagged("712")))
        {
            result.Organizations.AddDistinct(string.Join(". ", field.Subfields.Where(s => s.Code is 'a' or 'b').Select(s => TextNormalizer.StripTrailingPunctuation(s.Value)).Where(s => s.Length > 0)));
        }

        var imprint = marc.Tagged("210").Concat(marc.Tagged("214")).ToList();
        result.Publisher = imprint.SelectMany(f => f.All('c')).Select(TextNormalizer.StripTrailingPunctuation).FirstOrDefault(p => p.Length > 0);
        result.Year = Year(marc, imprint);
        result.Language = marc.Tagged("101").SelectMany(f => f.All('a')).Select(Languages.ToIso6392B).FirstOrDefault(l => l is not null);
        result.Abstract = TextNormalizer.NormalizeOrNull(string.Join(' ', marc.Tagged("330").SelectMany(f => f.All('a'))));
        result.Type = TypeOf(marc);
        result.SourceTitle = SourceTitle(marc);

        foreach (var isbn in marc.Tagged("010").SelectMany(f => f.All('a')))
        {
            result.Identifiers.Isbn.AddDistinct(Identifiers.NormalizeIsbn(isbn));
        }

        foreach (var issn in marc.Tagged("011").SelectMany(f => f.All('a')))
        {
            result.Identifiers.Issn.AddDistinct(Identifiers.NormalizeIssn(issn));
        }

        foreach (var field in marc.Tagged("017").Where(f => string.Equals(f.First('2')?.Trim(), "doi", StringComparison.OrdinalIgnoreCase)))
        {
            result.Identifiers.Doi ??= Identifiers.NormalizeDoi(field.First('a'));
        }

        result.Identifiers.Other.AddDistinct(TextNormalizer.NormalizeOrNull(marc.ControlValue("001"), WidthFolding.KeepCjkPunctuation));

        foreach (var tag in new[] { "690", "686", "676", "675" })
        {
            foreach (var field in marc.Tagged(tag))
            {
                result.Classifications.AddDistinct(field.All('a').Select(a => TextNormalizer.Normalize(a, WidthFolding.KeepCjkPunctuation)));
            }
        }

        foreach (var field in marc.DataFields.Where(f => SubjectTags.Contains(f.Tag)))
        {
            var parts = field.Subfields.Where(s => s.Code is 'a' or 'b' or 'j' or 'x' or 'y' or 'z')
                .Select(s => TextNormalizer.StripTrailingPunctuation(s.Value)).Where(s => s.Length > 0);
            result.Subjects.AddDistinct(string.Join(" -- ", parts));
        }

        foreach (var field in marc.Tagged("610"))
        {
            result.Keywords.AddDistinct(field.All('a').Select(TextNormalizer.StripTrailingPunctuation));
        }

        foreach (var field in marc.Tagged("856"))
        {
            foreach (var url in field.All('u').Select(RecordLists.AsWebUrl).OfType<string>())
            {
                result.Links.AddLink(url, RecordLists.LinkKindOf(url));
            }
        }

        return result;
    }

    private static XElement FindRecord(XElement root)
    {
        if (MarcXmlRecords.IsMarc(root, "record"))
        {
            return root;
        }

        var records = root.Descendants().Where(e => MarcXmlRecords.IsMarc(e, "record")).ToList();
        return records.Count == 1
            ? records[0]
            : throw new MappingException(records.Count == 0
                ? $"Payload is not MARCXML: the root element is '{root.Name.LocalName}'."
                : $"UNIMARC payload holds {records.Count} records; one record per payload is expected.");
    }

    /// <summary>"Asimov, Isaac" from $a "Asimov" and $b ", Isaac"; a Chinese name is $a alone.</summary>
    private static string PersonalName(MarcFieldData field)
    {
        var surname = TextNormalizer.Normalize(field.First('a')).TrimEnd(',', ' ');
        var forename = TextNormalizer.Normalize(field.First('b')).Trim(',', ' ');
        var name = forename.Length == 0 ? surname : $"{surname}, {forename}";
        return TextNormalizer.StripTrailingPunctuation(name);
    }

    private static int? Year(MarcRecordData marc, List<MarcFieldData> imprint)
    {
        var general = marc.Tagged("100").Select(f => f.First('a')).FirstOrDefault(a => a is { Length: >= 13 });
        if (general is not null && general[9..13].All(char.IsAsciiDigit) && Years.Extract(general[9..13]) is { } year)
        {
            return year;
        }

        return imprint.SelectMany(f => f.All('d')).Select(Years.Extract).FirstOrDefault(y => y is not null);
    }

    private static string TypeOf(MarcRecordData marc)
    {
        if (marc.Tagged("328").Any())
        {
            return RecordTypes.Thesis;
        }

        if (marc.Tagged("711").Any())
        {
            return RecordTypes.ConferencePaper;
        }

        return (marc.TypeOfRecord, marc.BibliographicLevel) switch
        {
            ('a' or 'b', 'a') => RecordTypes.JournalArticle,
            ('a' or 'b', 's') => RecordTypes.JournalArticle,
            ('a' or 'b', 'm' or 'c' or ' ') => RecordTypes.Book,
            _ => RecordTypes.Other,
        };
    }

    /// <summary>The series (225 $a) or the title embedded in a 4xx linking field ($1 200... then $a).</summary>
    private static string? SourceTitle(MarcRecordData marc)
    {
        var series = marc.Tagged("225").SelectMany(f => f.All('a')).Select(TextNormalizer.StripTrailingPunctuation).FirstOrDefault(s => s.Length > 0);
        if (series is not null)
        {
            return series;
        }

        foreach (var field in marc.DataFields.Where(f => f.Tag is "461" or "463" or "410" or "411"))
        {
            var inTitle = false;
            foreach (var subfield in field.Subfields)
            {
                if (subfield.Code == '1')
                {
                    inTitle = subfield.Value.StartsWith("200", StringComparison.Ordinal);
                }
                else if (inTitle && subfield.Code == 'a' && TextNormalizer.StripTrailingPunctuation(subfield.Value) is { Length: > 0 } title)
                {
                    return title;
                }
            }

            if (field.First('t') is { } t && TextNormalizer.StripTrailingPunctuation(t) is { Length: > 0 } linked)
            {
                return linked;
            }
        }

        return null;
    }
}

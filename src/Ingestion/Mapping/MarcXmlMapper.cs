using System.Xml.Linq;
using Search.Connectors.Harvesting;
using Search.Connectors.Marc;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Maps a MARC 21 bibliographic record in MARCXML (slim schema) to the canonical record. The payload is a
/// <c>record</c> element, or a <c>collection</c> holding exactly one.
/// </summary>
/// <remarks>
/// 880 fields (alternate graphic representation, linked by $6 "245-01/$1") carry the vernacular, usually
/// CJK, form of a field. The vernacular form is preferred: it becomes the title (the romanized 245 goes to
/// the alternative titles), the publisher and the abstract; vernacular names, subjects and keywords are
/// listed before the romanized ones.
/// </remarks>
public sealed class MarcXmlMapper : IRecordMapper
{
    private static readonly string[] SubjectTags = ["600", "610", "611", "630", "650", "651"];
    private static readonly char[] SubdivisionCodes = ['v', 'x', 'y', 'z'];

    public string Format => MetadataFormats.MarcXml;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var root = MappingXml.LoadRoot(record, "MARCXML");
        var marc = MarcXmlRecords.Read(FindRecord(root));

        var (title, parallelTitle) = Title(marc);
        var result = MappedRecords.Start(record, title);

        AddAlternativeTitles(marc, result, parallelTitle);
        AddNames(marc, result);
        result.Type = TypeOf(marc);
        result.Publisher = Publisher(marc);
        result.Year = Year(marc);
        result.Language = Language(marc);
        result.Abstract = Preferred(marc, marc.Tagged("520").FirstOrDefault(), f => TextNormalizer.NormalizeOrNull(string.Join(' ', f.All('a'))));
        result.SourceTitle = SourceTitle(marc);
        foreach (var related in marc.Tagged("773"))
        {
            MappedRecords.AddCitation(result, related.First('g'), namesTheSource: false);
        }

        AddIdentifiers(marc, result);
        AddClassifications(marc, result);
        AddSubjects(marc, result);
        AddLinks(marc, result);
        return result;
    }

    private static XElement FindRecord(XElement root)
    {
        if (MarcXmlRecords.IsMarc(root, "record"))
        {
            return root;
        }

        var records = MarcXmlRecords.IsMarc(root, "collection")
            ? root.Elements().Where(e => MarcXmlRecords.IsMarc(e, "record")).ToList()
            : root.Descendants().Where(e => MarcXmlRecords.IsMarc(e, "record")).ToList();
        return records.Count switch
        {
            1 => records[0],
            0 when MarcXmlRecords.IsMarc(root, "collection") => throw new MappingException("MARCXML collection holds no record."),
            0 => throw new MappingException($"Payload is not MARCXML: the root element is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}'."),
            _ => throw new MappingException($"MARCXML payload holds {records.Count} records; one record per payload is expected."),
        };
    }

    /// <summary>The title (vernacular 245 when linked) and a parallel title ($b after "$a ... =").</summary>
    private static (string Title, string? Parallel) Title(MarcRecordData marc)
    {
        var field = marc.Tagged("245").FirstOrDefault() ?? marc.UnlinkedVernacular("245").FirstOrDefault()
            ?? throw new MappingException("MARC record has no title (field 245).");
        var preferred = marc.VernacularOf(field) ?? field;
        var (title, parallel) = TitleOf(preferred);
        if (title.Length == 0 && preferred != field)
        {
            (title, parallel) = TitleOf(field);
        }

        if (title.Length == 0)
        {
            throw new MappingException("MARC record has an empty title (245 $a).");
        }

        return (title, parallel);
    }

    private static (string Title, string? Parallel) TitleOf(MarcFieldData field)
    {
        var a = TextNormalizer.Normalize(field.First('a'));
        var title = TextNormalizer.StripTrailingPunctuation(a);
        foreach (var part in field.Subfields.Where(s => s.Code is 'n' or 'p'))
        {
            var text = TextNormalizer.StripTrailingPunctuation(part.Value);
            if (text.Length > 0)
            {
                title = title.Length == 0 ? text : $"{title}. {text}";
            }
        }

        var b = TextNormalizer.StripTrailingPunctuation(field.First('b'));
        if (b.Length == 0)
        {
            return (title, null);
        }

        return a.EndsWith('=') ? (title, b) : (title.Length == 0 ? b : $"{title}: {b}", null);
    }

    private static void AddAlternativeTitles(MarcRecordData marc, CatalogRecord result, string? parallelTitle)
    {
        void Add(string? title)
        {
            if (!string.IsNullOrEmpty(title) && !string.Equals(title, result.Title, StringComparison.OrdinalIgnoreCase))
            {
                result.AlternativeTitles.AddDistinct(title);
            }
        }

        Add(parallelTitle);
        foreach (var field in marc.Tagged("245"))
        {
            // The romanized title, when the vernacular one became the title.
            var (romanized, parallel) = TitleOf(field);
            Add(romanized);
            Add(parallel);
        }

        foreach (var field in marc.Tagged("246").Concat(marc.Tagged("240")).Concat(marc.Tagged("130")))
        {
            if (marc.VernacularOf(field) is { } vernacular)
            {
                Add(TitleOf(vernacular).Title);
            }

            Add(TitleOf(field).Title);
        }
    }

    private static void AddNames(MarcRecordData marc, CatalogRecord result)
    {
        // Vernacular names first (in field order), then the romanized ones.
        var people = marc.Tagged("100").Concat(marc.Tagged("700")).ToList();
        foreach (var field in people)
        {
            if (marc.VernacularOf(field) is { } vernacular)
            {
                result.Authors.AddDistinct(PersonalName(vernacular));
            }
        }

        foreach (var field in marc.UnlinkedVernacular("100").Concat(marc.UnlinkedVernacular("700")))
        {
            result.Authors.AddDistinct(PersonalName(field));
        }

        foreach (var field in people)
        {
            result.Authors.AddDistinct(PersonalName(field));
        }

        foreach (var tag in new[] { "110", "710", "111", "711" })
        {
            foreach (var field in marc.Tagged(tag))
            {
                if (marc.VernacularOf(field) is { } vernacular)
                {
                    result.Organizations.AddDistinct(CorporateName(vernacular));
                }

                result.Organizations.AddDistinct(CorporateName(field));
            }
        }
    }

    private static string PersonalName(MarcFieldData field) =>
        TextNormalizer.StripTrailingPunctuation(string.Join(' ', field.Subfields.Where(s => s.Code is 'a' or 'b').Select(s => s.Value)));

    private static string CorporateName(MarcFieldData field)
    {
        var parts = field.Subfields
            .Where(s => s.Code is 'a' or 'b')
            .Select(s => TextNormalizer.StripTrailingPunctuation(s.Value))
            .Where(s => s.Length > 0);
        return string.Join(". ", parts);
    }

    private static string TypeOf(MarcRecordData marc)
    {
        if (marc.Tagged("502").Any())
        {
            return RecordTypes.Thesis;
        }

        if (marc.Tagged("111").Any() || marc.Tagged("711").Any() || marc.Tagged("611").Any() || HasCongressesHeading(marc))
        {
            return RecordTypes.ConferencePaper;
        }

        if (marc.Tagged("013").Any())
        {
            return RecordTypes.Patent;
        }

        var level = marc.BibliographicLevel;
        return marc.TypeOfRecord switch
        {
            'a' when level is 's' or 'b' or 'a' => RecordTypes.JournalArticle,
            'a' when marc.Tagged("088").Any() => RecordTypes.Report,
            'a' or 't' when level is 'm' or 'c' or 'd' or 'i' or ' ' => RecordTypes.Book,
            't' => RecordTypes.Book,
            _ => RecordTypes.Other,
        };
    }

    private static bool HasCongressesHeading(MarcRecordData marc) =>
        marc.DataFields
            .Where(f => f.Tag.StartsWith('6'))
            .SelectMany(f => f.Subfields.Where(s => s.Code is 'a' or 'v' or 'x'))
            .Any(s => TextNormalizer.StripTrailingPunctuation(s.Value).Equals("Congresses", StringComparison.OrdinalIgnoreCase));

    private static string? Publisher(MarcRecordData marc)
    {
        var candidates = marc.Tagged("264").Where(f => f.Ind2 == '1')
            .Concat(marc.Tagged("260"))
            .Concat(marc.Tagged("264").Where(f => f.Ind2 != '1'));
        foreach (var field in candidates)
        {
            var publisher = Preferred(marc, field, f => NullIfEmpty(TextNormalizer.StripTrailingPunctuation(f.First('b'))));
            if (publisher is not null)
            {
                return publisher;
            }
        }

        return null;
    }

    private static int? Year(MarcRecordData marc)
    {
        var fixedData = marc.ControlValue("008");
        if (fixedData is { Length: >= 11 } && fixedData[7..11].All(char.IsAsciiDigit) && Years.Extract(fixedData[7..11]) is { } year)
        {
            return year;
        }

        return marc.Tagged("264").Where(f => f.Ind2 == '1')
            .Concat(marc.Tagged("260"))
            .Concat(marc.Tagged("264").Where(f => f.Ind2 != '1'))
            .SelectMany(f => f.All('c'))
            .Select(Years.Extract)
            .FirstOrDefault(y => y is not null);
    }

    private static string? Language(MarcRecordData marc)
    {
        var fixedData = marc.ControlValue("008");
        if (fixedData is { Length: >= 38 } && Languages.ToIso6392B(fixedData[35..38]) is { } language)
        {
            return language;
        }

        return marc.Tagged("041").SelectMany(f => f.All('a')).Select(Languages.ToIso6392B).FirstOrDefault(l => l is not null);
    }

    private static string? SourceTitle(MarcRecordData marc)
    {
        foreach (var field in marc.Tagged("773"))
        {
            if (Preferred(marc, field, f => NullIfEmpty(TextNormalizer.StripTrailingPunctuation(f.First('t')))) is { } host)
            {
                return host;
            }
        }

        foreach (var field in marc.Tagged("490").Concat(marc.Tagged("830")).Concat(marc.Tagged("440")))
        {
            if (Preferred(marc, field, f => NullIfEmpty(TextNormalizer.StripTrailingPunctuation(f.First('a')))) is { } series)
            {
                return series;
            }
        }

        return null;
    }

    private static void AddIdentifiers(MarcRecordData marc, CatalogRecord result)
    {
        var ids = result.Identifiers;
        foreach (var isbn in marc.Tagged("020").SelectMany(f => f.All('a')))
        {
            ids.Isbn.AddDistinct(Identifiers.NormalizeIsbn(isbn));
        }

        foreach (var issn in marc.Tagged("022").SelectMany(f => f.All('a')).Concat(marc.Tagged("773").SelectMany(f => f.All('x'))))
        {
            ids.Issn.AddDistinct(Identifiers.NormalizeIssn(issn));
        }

        foreach (var field in marc.Tagged("024").Where(f => f.Ind1 == '7'))
        {
            if (string.Equals(field.First('2')?.Trim(), "doi", StringComparison.OrdinalIgnoreCase))
            {
                ids.Doi ??= Identifiers.NormalizeDoi(field.First('a'));
            }
        }

        ids.Other.AddDistinct(TextNormalizer.NormalizeOrNull(marc.ControlValue("001"), WidthFolding.KeepCjkPunctuation));
        foreach (var systemNumber in marc.Tagged("035").SelectMany(f => f.All('a')))
        {
            ids.Other.AddDistinct(TextNormalizer.NormalizeOrNull(systemNumber, WidthFolding.KeepCjkPunctuation));
        }
    }

    private static void AddClassifications(MarcRecordData marc, CatalogRecord result)
    {
        var local = marc.Tagged("084").ToList();
        bool IsClc(MarcFieldData f) => f.First('2')?.Trim().StartsWith("clc", StringComparison.OrdinalIgnoreCase) == true;

        // CLC (中图分类号) first: it is the one our readers facet on.
        foreach (var field in local.Where(IsClc))
        {
            result.Classifications.AddDistinct(field.All('a').Select(a => TextNormalizer.Normalize(a, WidthFolding.KeepCjkPunctuation)));
        }

        foreach (var tag in new[] { "050", "060" })
        {
            foreach (var field in marc.Tagged(tag))
            {
                var number = TextNormalizer.Normalize(field.First('a'), WidthFolding.KeepCjkPunctuation);
                if (number.Length > 0 && !number.Equals("IN PROCESS", StringComparison.OrdinalIgnoreCase))
                {
                    result.Classifications.AddDistinct(number);
                }
            }
        }

        foreach (var field in marc.Tagged("082"))
        {
            // Dewey prime marks ("174/.97") only show where the number may be cut.
            result.Classifications.AddDistinct(field.All('a').Select(a => TextNormalizer.Normalize(a, WidthFolding.KeepCjkPunctuation).Replace("/", string.Empty, StringComparison.Ordinal)));
        }

        foreach (var field in local.Where(f => !IsClc(f)))
        {
            result.Classifications.AddDistinct(field.All('a').Select(a => TextNormalizer.Normalize(a, WidthFolding.KeepCjkPunctuation)));
        }
    }

    private static void AddSubjects(MarcRecordData marc, CatalogRecord result)
    {
        foreach (var field in marc.DataFields.Where(f => f.Tag != "880" && SubjectTags.Contains(f.Tag)))
        {
            if (marc.VernacularOf(field) is { } vernacular)
            {
                result.Subjects.AddDistinct(Heading(vernacular));
            }

            result.Subjects.AddDistinct(Heading(field));
        }

        foreach (var field in marc.Tagged("653"))
        {
            if (marc.VernacularOf(field) is { } vernacular)
            {
                result.Keywords.AddDistinct(vernacular.All('a').Select(TextNormalizer.StripTrailingPunctuation));
            }

            result.Keywords.AddDistinct(field.All('a').Select(TextNormalizer.StripTrailingPunctuation));
        }
    }

    /// <summary>"Artists -- Anecdotes, facetiae, satire, etc": the main heading and its subdivisions.</summary>
    private static string Heading(MarcFieldData field)
    {
        var main = string.Join(' ', field.Subfields.Where(s => s.Code is 'a' or 'b' or 't').Select(s => TextNormalizer.StripTrailingPunctuation(s.Value)).Where(s => s.Length > 0));
        var subdivisions = field.Subfields.Where(s => SubdivisionCodes.Contains(s.Code)).Select(s => TextNormalizer.StripTrailingPunctuation(s.Value)).Where(s => s.Length > 0);
        return string.Join(" -- ", new[] { main }.Where(m => m.Length > 0).Concat(subdivisions));
    }

    private static void AddLinks(MarcRecordData marc, CatalogRecord result)
    {
        foreach (var field in marc.Tagged("856"))
        {
            var label = string.Join(' ', field.Subfields.Where(s => s.Code is '3' or 'y' or 'z').Select(s => s.Value));
            var fullText = field.Ind2 == '0'
                || label.Contains("full text", StringComparison.OrdinalIgnoreCase)
                || label.Contains("fulltext", StringComparison.OrdinalIgnoreCase)
                || label.Contains("全文", StringComparison.Ordinal);
            foreach (var url in field.All('u').Select(RecordLists.AsWebUrl).OfType<string>())
            {
                result.Links.AddLink(url, fullText ? LinkKinds.FullText : LinkKinds.Landing);
            }
        }
    }

    /// <summary>The value read from the field's 880 partner when it gives one, else from the field itself.</summary>
    private static string? Preferred(MarcRecordData marc, MarcFieldData? field, Func<MarcFieldData, string?> read)
    {
        if (field is null)
        {
            return null;
        }

        return (marc.VernacularOf(field) is { } vernacular ? read(vernacular) : null) ?? read(field);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

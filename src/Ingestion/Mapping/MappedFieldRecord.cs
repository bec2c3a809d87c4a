using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.JsonApi;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

namespace Search.Ingestion.Mapping;

/// <summary>
/// Builds a record from a partner's own fields by the librarian's field mapping (JSON API and CSV sources): the
/// payload is the envelope <c>{"fields": {"title": ..., "authors": ...}, "record": {...}}</c> of
/// <see cref="MappedFields"/>, and a function that gives the texts a field's path or column reaches.
/// </summary>
internal static class MappedFieldRecord
{
    /// <summary>Parses the envelope; throws <see cref="MappingException"/> when it is not one.</summary>
    public static (Dictionary<string, string> Fields, JsonElement Record, JsonDocument Document) ReadEnvelope(HarvestedRecord record, string formatName)
    {
        if (string.IsNullOrWhiteSpace(record.Payload))
        {
            throw new MappingException($"{formatName} record '{record.ExternalId}' has no payload.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record.Payload);
        }
        catch (JsonException ex)
        {
            throw new MappingException($"{formatName} payload is not JSON: {ex.Message}", ex);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("record", out var item))
        {
            document.Dispose();
            throw new MappingException($"{formatName} payload is not a field-mapped record ({{\"fields\": ..., \"record\": ...}}).");
        }

        var map = fields.EnumerateObject()
            .Where(f => f.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(f => f.Name, f => f.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        return (map, item, document);
    }

    /// <summary>The record, from the texts each mapped field reaches.</summary>
    public static CatalogRecord Build(HarvestedRecord record, IReadOnlyDictionary<string, string> fields, Func<string, IReadOnlyList<string>> texts, string formatName)
    {
        IReadOnlyList<string> Values(string field) =>
            fields.TryGetValue(field, out var path)
                ? texts(path).Select(t => TextNormalizer.Normalize(t)).Where(t => t.Length > 0).ToList()
                : [];

        IEnumerable<string> Listed(string field) => Values(field).SelectMany(NameList.Split);

        var titles = Values("title");
        if (titles.Count == 0)
        {
            throw new MappingException($"{formatName} record '{record.ExternalId}' has no title at '{fields.GetValueOrDefault("title")}'.");
        }

        var result = MappedRecords.Start(record, titles[0]);
        result.AlternativeTitles.AddDistinct(titles.Skip(1).Concat(Values("alternativeTitles")).Where(t => !string.Equals(t, result.Title, StringComparison.OrdinalIgnoreCase)));
        result.Authors.AddDistinct(Listed("authors"));
        result.Organizations.AddDistinct(Listed("organizations"));
        result.Keywords.AddDistinct(Listed("keywords"));
        result.Subjects.AddDistinct(Listed("subjects"));
        result.Classifications.AddDistinct(Listed("classifications").Select(c => TextNormalizer.Normalize(c, WidthFolding.KeepCjkPunctuation)));
        result.Abstract = Values("abstract").OrderByDescending(a => a.Length).FirstOrDefault();
        result.Year = Values("year").Concat(Values("date")).Select(Years.Extract).FirstOrDefault(y => y is not null);
        result.Language = Values("language").Select(Languages.ToIso6392B).FirstOrDefault(l => l is not null);
        result.Type = TypeVocabulary.Classify(Values("type"));
        result.Publisher = First(Values("publisher"));
        foreach (var source in Values("sourceTitle"))
        {
            MappedRecords.AddCitation(result, source);
        }

        var ids = result.Identifiers;
        ids.Doi = Values("doi").Select(Identifiers.NormalizeDoi).FirstOrDefault(d => d is not null);
        ids.Isbn.AddDistinct(Listed("isbn").Select(Identifiers.NormalizeIsbn).OfType<string>());
        ids.Issn.AddDistinct(Listed("issn").Select(Identifiers.NormalizeIssn).OfType<string>());
        ids.PatentNumbers.AddDistinct(Listed("patentNumbers").Select(p => Search.Connectors.Patents.PatentNumbers.Normalize(null, p, null)).OfType<string>());
        ids.StandardNumbers.AddDistinct(Listed("standardNumbers").Select(s => StandardNumbers.Normalize(s) ?? s));
        ids.Other.AddDistinct(Listed("identifiers").Select(i => TextNormalizer.Normalize(i, WidthFolding.KeepCjkPunctuation)));
        foreach (var url in Values("url").Select(RecordLists.AsWebUrl).OfType<string>())
        {
            result.Links.AddLink(url, RecordLists.LinkKindOf(url));
        }

        if (result.Type == RecordTypes.Other && ids.StandardNumbers.Count > 0)
        {
            result.Type = RecordTypes.Standard;
        }
        else if (result.Type == RecordTypes.Other && ids.PatentNumbers.Count > 0)
        {
            result.Type = RecordTypes.Patent;
        }

        return result;
    }

    private static string? First(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : null;
}

/// <summary>Maps a JSON API record by the source's field mapping (JSON paths, see <see cref="JsonPaths"/>) carried in its payload.</summary>
public sealed class JsonRecordMapper : IRecordMapper
{
    public string Format => MetadataFormats.Json;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (fields, item, document) = MappedFieldRecord.ReadEnvelope(record, "json");
        using (document)
        {
            return MappedFieldRecord.Build(record, fields, path => JsonPaths.SelectTexts(item, path).ToList(), "json");
        }
    }
}

/// <summary>Maps a CSV row by the source's column mapping carried in its payload (the row is keyed by column name).</summary>
public sealed class CsvRecordMapper : IRecordMapper
{
    public string Format => MetadataFormats.Csv;

    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (fields, row, document) = MappedFieldRecord.ReadEnvelope(record, "csv");
        using (document)
        {
            return MappedFieldRecord.Build(
                record,
                fields,
                column => row.ValueKind == JsonValueKind.Object && row.TryGetProperty(column, out var cell) && JsonPaths.AsText(cell) is { } text
                    ? [text]
                    : [],
                "csv");
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.OaiPmh;

namespace Search.Bench.Ingest;

/// <summary>One generated record: the oai_dc fields a partner would send.</summary>
internal sealed record CorpusRecord(
    string Id,
    DateTimeOffset Datestamp,
    IReadOnlyList<string> Sets,
    string Title,
    IReadOnlyList<string> Creators,
    IReadOnlyList<string> Subjects,
    string? Description,
    string Date,
    string? Type,
    string Identifier,
    string? Language,
    string? Doi = null,
    bool Deleted = false);

/// <summary>
/// A corpus made from the 1,000 real CSL records of <c>config/demo/csl</c>, replicated the way the Search.Api
/// tests' <c>ProviderRecords.Generate</c> does it for the OAI-PMH provider: record i takes CSL record i mod 1000,
/// two generated authors and a year from 2010 to 2020; past the first thousand its title gets a "（n）" suffix and
/// its identifier a "-n" suffix, so records stay distinct works (their main titles are shared, as in a series,
/// so the work assigner sees candidates it must reject). Written as OAI-PMH ListRecords dump files of
/// <c>pageSize</c> records and as the JSON-lines file <c>tools/oai-provider</c> serves.
/// </summary>
internal static class Corpus
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"];

    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private sealed record Seed(string Id, IReadOnlyList<string> Sets, string Title, IReadOnlyList<string> Subjects, string? Description, string? Type, string? Language);

    /// <param name="seedFolder">OAI-PMH dumps of real records.</param>
    /// <param name="count">How many records to make.</param>
    /// <param name="distinct">
    /// Copies past the first thousand get their copy number in front of the title instead of a "（n）" suffix, so
    /// no two records share a title key or main title (the usual case: few candidates per record).
    /// </param>
    public static async Task<IReadOnlyList<CorpusRecord>> GenerateAsync(string seedFolder, int count, bool distinct = false)
    {
        var seeds = await ReadSeedsAsync(seedFolder);
        var first = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var records = new CorpusRecord[count];
        for (var i = 0; i < count; i++)
        {
            var seed = seeds[i % seeds.Count];
            var round = i / seeds.Count;
            var suffix = (round + 1).ToString(CultureInfo.InvariantCulture);
            records[i] = new CorpusRecord(
                "rec-" + i.ToString("D7", CultureInfo.InvariantCulture),
                first + TimeSpan.FromSeconds(i),
                seed.Sets,
                round == 0 ? seed.Title : distinct ? $"第{suffix}辑{seed.Title}" : $"{seed.Title}（{suffix}）",
                [Person(i), Person((i * 7) + 3)],
                seed.Subjects,
                seed.Description,
                (2010 + (i % 11)).ToString(CultureInfo.InvariantCulture),
                seed.Type,
                round == 0 ? seed.Id : $"{seed.Id}-{suffix}",
                seed.Language);
        }

        return records;
    }

    /// <summary>Writes <c>ListRecords-NNNNNN.xml</c> files of <paramref name="pageSize"/> records into <paramref name="folder"/>.</summary>
    public static void WriteDumps(IReadOnlyList<CorpusRecord> records, string folder, int pageSize, string repositoryId)
    {
        Directory.CreateDirectory(folder);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        for (var page = 0; page * pageSize < records.Count; page++)
        {
            var path = Path.Combine(folder, $"ListRecords-{page + 1:D6}.xml");
            using var writer = XmlWriter.Create(path, settings);
            writer.WriteStartDocument();
            writer.WriteStartElement("OAI-PMH", OaiPmhResponseReader.OaiPmhNamespace);
            writer.WriteElementString("responseDate", OaiPmhResponseReader.OaiPmhNamespace, "2025-01-01T00:00:00Z");
            writer.WriteStartElement("request", OaiPmhResponseReader.OaiPmhNamespace);
            writer.WriteAttributeString("verb", "ListRecords");
            writer.WriteAttributeString("metadataPrefix", "oai_dc");
            writer.WriteString("http://127.0.0.1/oai");
            writer.WriteEndElement();
            writer.WriteStartElement("ListRecords", OaiPmhResponseReader.OaiPmhNamespace);
            foreach (var record in records.Skip(page * pageSize).Take(pageSize))
            {
                WriteRecord(writer, record, repositoryId);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
    }

    /// <summary>The JSON-lines file of <c>tools/oai-provider</c> (see its README).</summary>
    public static void WriteProviderData(IReadOnlyList<CorpusRecord> records, string path)
    {
        using var output = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var r in records)
        {
            output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["_id"] = r.Id,
                ["datestamp"] = r.Datestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["setSpec"] = r.Sets,
                ["title"] = new[] { r.Title },
                ["creator"] = r.Creators,
                ["subject"] = r.Subjects,
                ["description"] = r.Description is null ? Array.Empty<string>() : [r.Description],
                ["date"] = new[] { r.Date },
                ["type"] = r.Type is null ? Array.Empty<string>() : [r.Type],
                ["identifier"] = new[] { r.Identifier },
                ["language"] = r.Language is null ? Array.Empty<string>() : [r.Language],
            }));
        }
    }

    private static void WriteRecord(XmlWriter writer, CorpusRecord record, string repositoryId)
    {
        var oai = OaiPmhResponseReader.OaiPmhNamespace;
        writer.WriteStartElement("record", oai);
        writer.WriteStartElement("header", oai);
        if (record.Deleted)
        {
            writer.WriteAttributeString("status", "deleted");
        }

        writer.WriteElementString("identifier", oai, $"oai:{repositoryId}:{record.Id}");
        writer.WriteElementString("datestamp", oai, record.Datestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        foreach (var set in record.Sets)
        {
            writer.WriteElementString("setSpec", oai, set);
        }

        writer.WriteEndElement();
        if (record.Deleted)
        {
            writer.WriteEndElement();
            return;
        }

        writer.WriteStartElement("metadata", oai);
        writer.WriteStartElement("oai_dc", "dc", OaiPmhResponseReader.OaiDcNamespace);
        writer.WriteAttributeString("xmlns", "dc", null, DcNs);
        void Dc(string name, string? value)
        {
            if (value is not null)
            {
                writer.WriteElementString("dc", name, DcNs, value);
            }
        }

        Dc("title", record.Title);
        foreach (var creator in record.Creators)
        {
            Dc("creator", creator);
        }

        foreach (var subject in record.Subjects)
        {
            Dc("subject", subject);
        }

        Dc("description", record.Description);
        Dc("date", record.Date);
        Dc("type", record.Type);
        Dc("identifier", record.Identifier);
        Dc("identifier", record.Doi);
        Dc("language", record.Language);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// A second partner's copy of the corpus for merge tests: record i again under another id, with a DOI on
    /// every fifth record of both copies, and changed the i mod 8-th way: the same, main title only, one
    /// character dropped, another year, another first author, a thesis, authors in the other order, or a
    /// conflicting DOI.
    /// </summary>
    public static (IReadOnlyList<CorpusRecord> Base, IReadOnlyList<CorpusRecord> Variant) WithVariant(IReadOnlyList<CorpusRecord> records, int shift = 0, int deleteEvery = 0)
    {
        var based = records.Select((r, i) => i % 5 == 0 ? r with { Doi = $"doi:10.9999/csl.{i}" } : r).ToList();
        var variant = based.Select((r, i) =>
        {
            var v = r with { Id = "var-" + r.Id, Identifier = r.Identifier + "-v" };
            if (deleteEvery > 0 && i % deleteEvery == deleteEvery - 1)
            {
                return v with { Deleted = true };
            }

            return ((i + shift) % 8) switch
            {
                1 => v with { Title = r.Title.Split('（')[0] },
                2 => v with { Title = r.Title.Length > 10 ? r.Title.Remove(r.Title.Length / 2, 1) : r.Title },
                3 => v with { Date = (int.Parse(r.Date, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) },
                4 => v with { Creators = [Person(i + 5), .. r.Creators.Skip(1)] },
                5 => v with { Type = "学位论文" },
                6 => v with { Creators = [.. r.Creators.Reverse()] },
                7 => v with { Doi = $"doi:10.8888/other.{i}" },
                _ => v,
            };
        }).ToList();
        return (based, variant);
    }

    private static string Person(int n) => Surnames[n % Surnames.Length] + GivenNames[(n / Surnames.Length) % GivenNames.Length];

    private static async Task<List<Seed>> ReadSeedsAsync(string folder)
    {
        var seeds = new List<Seed>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            var page = await OaiPmhResponseReader.ReadListAsync(stream, "seed", null, CancellationToken.None);
            foreach (var record in page.Records.Where(r => r.Payload is not null))
            {
                var dc = XElement.Parse(record.Payload!);
                string? One(string name) => dc.Descendants(XName.Get(name, DcNs)).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0);
                var title = One("title");
                if (title is null)
                {
                    continue;
                }

                seeds.Add(new Seed(
                    One("identifier") ?? record.ExternalId,
                    record.Sets,
                    title,
                    dc.Descendants(XName.Get("subject", DcNs)).Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToList(),
                    One("description"),
                    One("type"),
                    One("language")));
            }
        }

        if (seeds.Count == 0)
        {
            throw new InvalidDataException($"No oai_dc records with a title in {folder}.");
        }

        return seeds;
    }
}

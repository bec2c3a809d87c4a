using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.OaiPmh;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;

namespace Search.Bench.Relevance;

/// <summary>
/// Real records of other kinds from a sample-data folder: OAI-PMH ListRecords dumps and MARCXML files, read
/// and mapped by the engine's own reader and mappers. Files that are not of these kinds are skipped.
/// </summary>
public static class RealRecords
{
    private const string MarcNamespace = "http://www.loc.gov/MARC21/slim";

    public static async Task<List<CatalogRecord>> LoadAsync(string dataDirectory)
    {
        var mappers = new MapperRegistry(DefaultMappers.All());
        var records = new Dictionary<string, CatalogRecord>(StringComparer.Ordinal);
        var reader = new OaiPmhFileFormatReader();
        var settings = JsonDocument.Parse("{}").RootElement;
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dataDirectory, file).Replace('\\', '/');
            var source = "real-" + relative.Split('/')[0];
            IEnumerable<HarvestedRecord> harvested;
            try
            {
                await using var stream = File.OpenRead(file);
                harvested = (await reader.ReadAsync(stream, new FileReadContext(source, relative, settings), CancellationToken.None)).Records;
            }
            catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
            {
                harvested = MarcXmlRecords(file, source, relative);
            }

            foreach (var record in harvested.Where(r => !r.Deleted && r.Payload is not null))
            {
                try
                {
                    var mapped = mappers.Map(record);
                    if (!string.IsNullOrWhiteSpace(mapped.Title))
                    {
                        records.TryAdd(mapped.Id, mapped);
                    }
                }
                catch (Exception ex) when (ex is MappingException or KeyNotFoundException or InvalidOperationException)
                {
                    // Not mappable (another metadata format, a broken sample): skipped.
                }
            }
        }

        return [.. records.Values];
    }

    private static List<HarvestedRecord> MarcXmlRecords(string file, string source, string relative)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var xml = XmlReader.Create(file, settings);
            var document = XDocument.Load(xml);
            return document.Descendants(XName.Get("record", MarcNamespace))
                .Select((r, i) => new HarvestedRecord(source, relative + "#" + i, null, false, MetadataFormats.MarcXml, r.ToString(), []))
                .ToList();
        }
        catch (Exception ex) when (ex is XmlException or IOException)
        {
            return [];
        }
    }
}

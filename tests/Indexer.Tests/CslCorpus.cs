using System.Text.Json;
using Search.Ingestion.Model;

namespace Search.Indexer.Tests;

/// <summary>The 1000 CSL dev records (tests/TestData/csl) as catalogue records.</summary>
public static class CslCorpus
{
    private static readonly Lazy<IReadOnlyList<CatalogRecord>> Loaded = new(Load);

    public static IReadOnlyList<CatalogRecord> Records => Loaded.Value;

    private static List<CatalogRecord> Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "csl", "csl-dev-1000.jsonl");
        var records = new List<CatalogRecord>();
        var row = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var externalId = root.GetProperty("id").GetString()!;
            records.Add(new CatalogRecord
            {
                Id = RecordIds.For("csl", externalId),
                SourceId = "csl",
                ExternalId = externalId,
                Type = RecordTypes.JournalArticle,
                Title = root.GetProperty("title").GetString()!,
                Abstract = root.GetProperty("abstract").GetString(),
                Keywords = [.. root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!)],
                Year = 2010 + (row % 11),
                Language = "chi",
            });
            row++;
        }

        return records;
    }
}

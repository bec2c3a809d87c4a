using Search.Ingestion.Model;

namespace Search.Indexer.Tests;

internal static class TestRecords
{
    public static CatalogRecord Make(string externalId, string title, int? year = 2020, string type = RecordTypes.JournalArticle,
        string source = "demo", string? abstractText = null, string? doi = null, string? language = "chi")
    {
        var record = new CatalogRecord
        {
            Id = RecordIds.For(source, externalId),
            SourceId = source,
            ExternalId = externalId,
            Title = title,
            Type = type,
            Year = year,
            Abstract = abstractText,
            Language = language,
            Authors = ["张三", "John Smith"],
        };
        record.Identifiers.Doi = doi;
        return record;
    }
}

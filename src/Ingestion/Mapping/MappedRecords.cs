using Search.Connectors.Harvesting;
using Search.Ingestion.Model;

namespace Search.Ingestion.Mapping;

/// <summary>What every mapper copies from the harvested record before reading its payload.</summary>
public static class MappedRecords
{
    /// <summary>A catalogue record with the harvested record's identity, datestamp and sets, and its title.</summary>
    public static CatalogRecord Start(HarvestedRecord record, string title, string type = RecordTypes.Other)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CatalogRecord
        {
            Id = RecordIds.For(record.SourceId, record.ExternalId),
            SourceId = record.SourceId,
            ExternalId = record.ExternalId,
            Title = title,
            Type = type,
            Datestamp = record.Datestamp,
            Sets = [.. record.Sets],
        };
    }
}

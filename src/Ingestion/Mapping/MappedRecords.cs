using Search.Connectors.Harvesting;
using Search.Ingestion.Model;
using Search.Ingestion.Normalization;

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

    /// <summary>
    /// Reads a citation string (<see cref="Citations.Parse"/>) into the record: the source's name as the source title
    /// when the string gives one, and the year, volume, issue and pages where the record has none yet. A string
    /// without numbers is the source title as it is, unless <paramref name="namesTheSource"/> is false (MARC 773 $g
    /// carries only the numbers; $t names the host).
    /// </summary>
    public static void AddCitation(CatalogRecord result, string? text, bool namesTheSource = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (Citations.Parse(text) is not { } citation)
        {
            if (namesTheSource)
            {
                result.SourceTitle ??= text;
            }

            return;
        }

        if (namesTheSource)
        {
            result.SourceTitle ??= citation.SourceTitle;
        }

        result.Year ??= citation.Year;
        if (result.Volume is null && result.Issue is null && result.FirstPage is null)
        {
            (result.Volume, result.Issue, result.FirstPage, result.LastPage) = (citation.Volume, citation.Issue, citation.FirstPage, citation.LastPage);
        }
    }
}

using Search.Connectors.Harvesting;
using Search.Ingestion.Model;

namespace Search.Ingestion.Mapping;

/// <summary>Turns one harvested payload of one metadata format into the canonical record.</summary>
public interface IRecordMapper
{
    /// <summary>The <see cref="MetadataFormats"/> name this mapper reads.</summary>
    string Format { get; }

    /// <summary>
    /// Maps the record. Throws <see cref="MappingException"/> with a reason a librarian understands when
    /// the payload cannot be mapped (the record is then quarantined and the harvest goes on).
    /// </summary>
    CatalogRecord Map(HarvestedRecord record);
}

/// <summary>The payload cannot become a catalogue record; the message is the quarantine reason.</summary>
public class MappingException : Exception
{
    public MappingException()
    {
    }

    public MappingException(string message)
        : base(message)
    {
    }

    public MappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Finds the mapper for a metadata format.</summary>
public sealed class MapperRegistry
{
    private readonly Dictionary<string, IRecordMapper> _byFormat;

    public MapperRegistry(IEnumerable<IRecordMapper> mappers)
    {
        ArgumentNullException.ThrowIfNull(mappers);
        _byFormat = mappers.ToDictionary(m => m.Format, StringComparer.OrdinalIgnoreCase);
        Revision = RevisionOf(_byFormat.Values.Select(m => m.GetType().Assembly));
    }

    /// <summary>
    /// Changes whenever the mapping code may map a payload differently: the build identities (module version
    /// ids, the same for the same source code) of the assemblies the mappers, the normalization and the
    /// connectors' shared types live in. Part of <see cref="Harvesting.RawRecordHash"/>, so records harvested
    /// before a new build are mapped again by the next harvest even when their payload did not change.
    /// </summary>
    public string Revision { get; }

    private static string RevisionOf(IEnumerable<System.Reflection.Assembly> mapperAssemblies)
    {
        var assemblies = mapperAssemblies
            .Append(typeof(MapperRegistry).Assembly)
            .Append(typeof(HarvestedRecord).Assembly)
            .Distinct()
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N"))
            .Order(StringComparer.Ordinal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join(",", assemblies));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes), 0, 8);
    }

    /// <summary>Maps a record with the mapper of its format; an unknown format is a mapping failure.</summary>
    public CatalogRecord Map(HarvestedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_byFormat.TryGetValue(record.MetadataFormat, out var mapper))
        {
            throw new MappingException($"No mapper for metadata format '{record.MetadataFormat}'.");
        }

        return mapper.Map(record);
    }
}

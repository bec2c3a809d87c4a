using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Search.Connectors.Harvesting;

namespace Search.Ingestion.Harvesting;

/// <summary>
/// A fingerprint of everything mapping a harvested record depends on: the record's identity, datestamp,
/// sets, deletion flag, format and payload, and the revision of the mapping code
/// (<see cref="Mapping.MapperRegistry.Revision"/>). Two equal hashes map to the same catalogue record, so a
/// re-harvest need not map or store a record whose hash the store already holds.
/// </summary>
public static class RawRecordHash
{
    public static string Compute(HarvestedRecord record, string mappingRevision)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(mappingRevision);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? value)
        {
            // Each field as its length and its UTF-8 bytes (-1 for null), so no two records can run together.
            var length = value is null ? -1 : Encoding.UTF8.GetByteCount(value);
            Span<byte> prefix = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
            hash.AppendData(prefix);
            if (value is not null)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(value));
            }
        }

        Add(mappingRevision);
        Add(record.SourceId);
        Add(record.ExternalId);
        Add(record.Datestamp?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Add(record.Deleted ? "deleted" : "present");
        Add(record.MetadataFormat);
        Add(record.Sets.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var set in record.Sets)
        {
            Add(set);
        }

        Add(record.Payload);
        return Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 16);
    }
}

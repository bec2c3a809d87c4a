using Search.Connectors.Harvesting;

namespace Search.Ingestion.Tests.Mapping;

/// <summary>Reads the copied test records and wraps them as harvested records.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Datestamp = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static string Read(string kind, string file) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", kind, file));

    public static HarvestedRecord Harvested(string format, string? payload, string externalId = "ext-1") =>
        new("test-source", externalId, Datestamp, false, format, payload, ["set-a", "set-b"]);

    public static HarvestedRecord OaiDc(string file, string externalId = "ext-1") =>
        Harvested(MetadataFormats.OaiDc, Read("oai-dc", file), externalId);

    public static HarvestedRecord Marc(string file, string externalId = "ext-1") =>
        Harvested(MetadataFormats.MarcXml, Read("marc", file), externalId);
}

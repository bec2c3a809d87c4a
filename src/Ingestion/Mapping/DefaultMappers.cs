namespace Search.Ingestion.Mapping;

/// <summary>The mappers the host registers: <c>new MapperRegistry(DefaultMappers.All())</c>.</summary>
public static class DefaultMappers
{
    /// <summary>One fresh instance of each built-in mapper (they are stateless and thread-safe).</summary>
    public static IEnumerable<IRecordMapper> All() => [
        new OaiDcMapper(), new MarcXmlMapper(), new UnimarcMapper(),
        new JsonRecordMapper(), new CsvRecordMapper(), new PatentXmlMapper(), new StandardHtmlMapper(),
    ];
}

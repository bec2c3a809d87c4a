using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;

namespace Search.Ingestion.Tests.Mapping;

public class DefaultMappersTests
{
    [Test]
    public void Registry_from_default_mappers_maps_oai_dc_and_marcxml()
    {
        var registry = new MapperRegistry(DefaultMappers.All());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(DefaultMappers.All().Select(m => m.Format), Is.SupersetOf(new[] { MetadataFormats.OaiDc, MetadataFormats.MarcXml, "unimarc" }));
            Assert.That(registry.Map(Fixtures.OaiDc("sickle-utf8-1996652.xml")).Title, Is.EqualTo("Sample Title"));
            Assert.That(registry.Map(Fixtures.Marc("yaz-marc12.xml")).Title, Is.EqualTo("车票去哪儿了"));
            Assert.Throws<MappingException>(() => registry.Map(Fixtures.Harvested(MetadataFormats.Iso2709, "x")));
        }
    }
}

using System.Net.Http;
using System.Text.Json;
using Search.Connectors.Harvesting;
using Search.Connectors.Sru;

namespace Search.Api.Tests.Peers;

/// <summary>The Zebra SRU peer itself: its tools/zebra indexes answer CQL by title, author and ISBN, and live search works against it.</summary>
[TestFixture]
[NonParallelizable]
[Category("Integration")]
public class ZebraServerTests
{
    private const string Records = """
        <collection xmlns="http://www.loc.gov/MARC21/slim">
          <record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">z-1</controlfield>
            <datafield tag="020" ind1=" " ind2=" "><subfield code="a">978-7-5019-1234-9</subfield></datafield>
            <datafield tag="100" ind1="1" ind2=" "><subfield code="a">诸葛思远</subfield></datafield>
            <datafield tag="245" ind1="1" ind2="0"><subfield code="a">湿地生态系统服务评估</subfield></datafield></record>
          <record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">z-2</controlfield>
            <datafield tag="100" ind1="1" ind2=" "><subfield code="a">Grant, Ada</subfield></datafield>
            <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Wetland ecosystem services</subfield></datafield></record>
        </collection>
        """;

    private static ZebraServer _zebra = null!;

    [OneTimeSetUp]
    public static async Task StartAsync() => _zebra = await ZebraServer.StartAsync(Records);

    [OneTimeTearDown]
    public static async Task StopAsync() => await _zebra.DisposeAsync();

    [TestCase("dc.title = 湿地生态系统服务评估", "z-1")]
    [TestCase("dc.title = wetland", "z-2")]
    [TestCase("dc.creator = 诸葛思远", "z-1")]
    [TestCase("dc.creator = grant", "z-2")]
    [TestCase("bath.isbn = 9787501912349", "z-1")]
    [TestCase("ecosystem", "z-2")]
    public async Task Cql_finds_the_record_by_its_index(string cql, string id)
    {
        var answer = await _zebra.SearchRetrieveAsync(cql);
        Assert.That(answer, Does.Contain("<zs:numberOfRecords>1</zs:numberOfRecords>").And.Contain($">{id}<"), answer);
    }

    [Test]
    public async Task Live_search_through_the_connector_returns_mappable_records()
    {
        using var http = new HttpClient();
        var connector = new SruConnector(http, TimeProvider.System);
        using var settings = JsonDocument.Parse($$"""{"baseUrl": "{{_zebra.BaseUrl}}", "query": "cql.allRecords = 1"}""");

        var result = await connector.SearchAsync("zebra", settings.RootElement, "dc.title = wetland", 1, 10, CancellationToken.None);

        Assert.That(result.Total, Is.EqualTo(1));
        Assert.That(result.Records.Single().ExternalId, Is.EqualTo("z-2"));
        Assert.That(result.Records.Single().MetadataFormat, Is.EqualTo(MetadataFormats.MarcXml));
        Assert.That(result.NextRecordPosition, Is.Null);
    }
}

using Microsoft.Extensions.Options;
using Search.Connectors.Files;
using Search.Connectors.Harvesting;
using Search.Connectors.Csv;
using Search.Connectors.JsonApi;
using Search.Connectors.Marc;
using Search.Connectors.OaiPmh;
using Search.Connectors.Patents;
using Search.Connectors.Sru;
using Search.Connectors.Standards;

namespace Search.Api.Hosting;

/// <summary>Builds the registry of every connector kind the engine offers to librarians.</summary>
public static class PartnerConnectors
{
    public static ConnectorRegistry Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<SearchHostOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("partners");
        IConnector[] connectors =
        [
            new OaiPmhConnector(http, time),
            new FileConnector(
                new FileConnectorOptions(
                    options.ResolvedConfigDirectory,
                    [options.ResolvedConfigDirectory, .. options.FileSources.AllowedFolders.Select(Path.GetFullPath)]),
                [
                    new OaiPmhFileFormatReader(), new MarcXmlFileFormatReader(), new Iso2709FileFormatReader(),
                    new PatentXmlFileFormatReader(), new CsvFileFormatReader(),
                ]),
            new SruConnector(http, time),
            new JsonApiConnector(http, time),
            new StandardsCatalogConnector(http, time),
            new PatentXmlConnector(http, time),
        ];
        return new ConnectorRegistry(connectors);
    }
}

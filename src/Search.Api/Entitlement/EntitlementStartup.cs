namespace Search.Api.Entitlement;

/// <summary>Loads the entitlement snapshot once the catalogue's migrations have run (registered after <c>CatalogStartup</c>).</summary>
public sealed class EntitlementStartup(EntitlementCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => catalog.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Options;
using Search.Api.Admin;
using Search.Api.Entitlement;
using Search.Api.Storage;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>
/// Brings Search.Api's own tables up after the catalogue's (registered after <see cref="CatalogStartup"/>):
/// applies its migrations, creates the first librarian when none exists, and loads the entitlement snapshot.
/// </summary>
public sealed class AccessStartup(
    Database database,
    LibrarianStore librarians,
    EntitlementCatalog catalog,
    PasswordHasher hasher,
    TimeProvider time,
    IOptions<SearchHostOptions> options,
    ILogger<AccessStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await ApiMigrations.MigrateAsync(database, time, cancellationToken);
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied Search.Api migrations {Versions}", string.Join(", ", applied));
        }

        await EnsureFirstLibrarianAsync(cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureFirstLibrarianAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        if (await librarians.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(admin.User) || string.IsNullOrEmpty(admin.Password))
        {
            logger.LogWarning("No librarian exists and Search:Admin:User / Search:Admin:Password are not set: the librarian API is closed.");
            return;
        }

        // Two processes starting together on an empty database: the second one's insert does nothing.
        if (await librarians.AddAsync(admin.User, hasher.Hash(admin.Password), cancellationToken))
        {
            logger.LogInformation("Created the first librarian {User}", admin.User);
        }
    }
}

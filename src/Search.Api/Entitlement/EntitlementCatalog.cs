using Dapper;
using Search.Ingestion.Storage;

namespace Search.Api.Entitlement;

/// <summary>
/// Holds the current <see cref="EntitlementSnapshot"/>. The librarian API reloads it after every change made
/// here; a change made by another process on the database is noticed by <see cref="RefreshAsync"/> (run every
/// <see cref="AccessOptions.SnapshotRefreshInterval"/> by <see cref="EntitlementRefresher"/>), which compares the
/// tables' version with the loaded one.
/// </summary>
public sealed class EntitlementCatalog(EntitlementStore store, Database database) : IDisposable
{
    /// <summary>Advisory lock key of entitlement changes on PostgreSQL ("SCENTL").</summary>
    private const long ChangeLock = 0x5343_454E_544C;

    private readonly SemaphoreSlim _writes = new(1, 1);
    private volatile Loaded _loaded = new(EntitlementSnapshot.Empty, -1);

    public EntitlementSnapshot Current => _loaded.Snapshot;

    /// <summary>The tables' version the current snapshot was read at.</summary>
    public long Version => _loaded.Version;

    public void Dispose() => _writes.Dispose();

    public async Task ReloadAsync(CancellationToken ct)
    {
        // The version first: a change committed while the tables are read makes the next refresh read them again.
        var version = await store.VersionAsync(ct);
        _loaded = new Loaded(
            new EntitlementSnapshot(
                await store.ListInstitutionsAsync(ct),
                await store.ListPackagesAsync(ct),
                await store.ListAccountsAsync(ct),
                await store.ListSubscriptionsAsync(ct)),
            version);
    }

    /// <summary>Reloads when the tables changed since the snapshot was read (by this process or another); true when it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken ct)
    {
        if (await store.VersionAsync(ct) == _loaded.Version)
        {
            return false;
        }

        await ReloadAsync(ct);
        return true;
    }

    /// <summary>
    /// Runs a change with no other change in between (so two overlapping ranges cannot both pass the check), then
    /// reloads. Changes of this process wait for each other; on PostgreSQL those of other processes too, through
    /// an advisory lock held by a connection of its own while the change runs.
    /// </summary>
    public async Task<T> ChangeAsync<T>(Func<EntitlementSnapshot, Task<T>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _writes.WaitAsync(ct);
        try
        {
            await using var held = database.Provider == DatabaseProvider.Postgres ? await database.OpenAsync(ct) : null;
            if (held is not null)
            {
                await held.ExecuteAsync("SELECT pg_advisory_lock(@ChangeLock)", new { ChangeLock });
            }

            try
            {
                await ReloadAsync(ct);
                var result = await change(_loaded.Snapshot);
                await ReloadAsync(ct);
                return result;
            }
            finally
            {
                if (held is not null)
                {
                    await held.ExecuteAsync("SELECT pg_advisory_unlock(@ChangeLock)", new { ChangeLock });
                }
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    private sealed record Loaded(EntitlementSnapshot Snapshot, long Version);
}

/// <summary>Keeps the snapshot in step with changes made by other processes: checks the tables' version every interval.</summary>
public sealed class EntitlementRefresher(
    EntitlementCatalog catalog,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<AccessOptions> options,
    ILogger<EntitlementRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.SnapshotRefreshInterval, time, stoppingToken);
                try
                {
                    if (await catalog.RefreshAsync(stoppingToken))
                    {
                        logger.LogInformation("Entitlement changed elsewhere; snapshot reloaded at version {Version}", catalog.Version);
                    }
                }
                catch (System.Data.Common.DbException ex)
                {
                    logger.LogWarning(ex, "Could not check the entitlement version; trying again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

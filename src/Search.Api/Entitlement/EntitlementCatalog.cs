namespace Search.Api.Entitlement;

/// <summary>Holds the current <see cref="EntitlementSnapshot"/>; the librarian API reloads it after every change.</summary>
public sealed class EntitlementCatalog(EntitlementStore store) : IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);
    private volatile EntitlementSnapshot _current = EntitlementSnapshot.Empty;

    public EntitlementSnapshot Current => _current;

    public void Dispose() => _writes.Dispose();

    public async Task ReloadAsync(CancellationToken ct)
    {
        _current = new EntitlementSnapshot(
            await store.ListInstitutionsAsync(ct),
            await store.ListPackagesAsync(ct),
            await store.ListAccountsAsync(ct),
            await store.ListSubscriptionsAsync(ct));
    }

    /// <summary>Runs a change with no other change in between (so two overlapping ranges cannot both pass the check), then reloads.</summary>
    public async Task<T> ChangeAsync<T>(Func<EntitlementSnapshot, Task<T>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _writes.WaitAsync(ct);
        try
        {
            await ReloadAsync(ct);
            var result = await change(_current);
            await ReloadAsync(ct);
            return result;
        }
        finally
        {
            _writes.Release();
        }
    }
}

using System.Text.Json;
using Dapper;
using Search.Ingestion.Storage;

namespace Search.Api.Entitlement;

/// <summary>
/// Institutions, packages, accounts, subscriptions and institution librarians (Search.Api's migration 001).
/// Every change also bumps <c>entitlement_version</c> in its transaction, so each process on the database
/// sees that its snapshot is out of date (<see cref="EntitlementCatalog.RefreshAsync"/>).
/// </summary>
public sealed class EntitlementStore(Database database, TimeProvider time)
{
    private Database Db => database;

    /// <summary>The version of the entitlement tables: it grows with every change, from any process.</summary>
    public async Task<long> VersionAsync(CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT version FROM entitlement_version WHERE id = 1");
    }

    public async Task<bool> UpsertInstitutionAsync(Institution institution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(institution);
        return await UpsertAsync(
            "institutions",
            institution.Id,
            """
            INSERT INTO institutions (id, name, parent_id, ip_ranges, created_at, updated_at)
            VALUES (@Id, @Name, @Parent, @Ranges, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
                ip_ranges = excluded.ip_ranges, updated_at = excluded.updated_at
            """,
            new { institution.Id, institution.Name, institution.Parent, Ranges = JsonSerializer.Serialize(institution.IpRanges), Now = Now() },
            ct);
    }

    public async Task<IReadOnlyList<Institution>> ListInstitutionsAsync(CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Name, string? Parent, string Ranges)>(
            "SELECT id, name, parent_id, ip_ranges FROM institutions ORDER BY id");
        return rows.Select(r => new Institution(r.Id, r.Name, r.Parent, JsonSerializer.Deserialize<List<string>>(r.Ranges) ?? [])).ToList();
    }

    public async Task<bool> UpsertPackageAsync(Package package, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(package);
        return await UpsertAsync(
            "packages",
            package.Id,
            """
            INSERT INTO packages (id, name, sources, created_at, updated_at) VALUES (@Id, @Name, @Sources, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, sources = excluded.sources, updated_at = excluded.updated_at
            """,
            new { package.Id, package.Name, Sources = JsonSerializer.Serialize(package.Sources), Now = Now() },
            ct);
    }

    public async Task<IReadOnlyList<Package>> ListPackagesAsync(CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Name, string Sources)>("SELECT id, name, sources FROM packages ORDER BY id");
        return rows.Select(r => new Package(r.Id, r.Name, JsonSerializer.Deserialize<List<string>>(r.Sources) ?? [])).ToList();
    }

    public async Task<bool> UpsertAccountAsync(Account account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await UpsertAsync(
            "accounts",
            account.Id,
            """
            INSERT INTO accounts (id, password_hash, valid_from, valid_to, disabled, created_at, updated_at)
            VALUES (@Id, @Hash, @From, @To, @Disabled, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, valid_from = excluded.valid_from,
                valid_to = excluded.valid_to, disabled = excluded.disabled, updated_at = excluded.updated_at
            """,
            new
            {
                account.Id,
                Hash = account.PasswordHash,
                From = account.ValidFrom is { } f ? Clock.Format(f) : null,
                To = account.ValidTo is { } t ? Clock.Format(t) : null,
                Disabled = account.Disabled ? 1 : 0,
                Now = Now(),
            },
            ct);
    }

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Hash, string? From, string? To, long Disabled)>(
            "SELECT id, password_hash, valid_from, valid_to, disabled FROM accounts ORDER BY id");
        return rows.Select(ToAccount).ToList();
    }

    public async Task<Account?> GetAccountAsync(string id, CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Hash, string? From, string? To, long Disabled)>(
            "SELECT id, password_hash, valid_from, valid_to, disabled FROM accounts WHERE id = @id", new { id });
        return rows.Select(ToAccount).FirstOrDefault();
    }

    public async Task<bool> UpsertSubscriptionAsync(Subscription s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        return await UpsertAsync(
            "subscriptions",
            s.Id,
            """
            INSERT INTO subscriptions (id, institution_id, account_id, package_id, starts_at, ends_at, seats, created_at, updated_at)
            VALUES (@Id, @Institution, @Account, @Package, @Start, @End, @Seats, @Now, @Now)
            ON CONFLICT (id) DO UPDATE SET institution_id = excluded.institution_id, account_id = excluded.account_id,
                package_id = excluded.package_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                seats = excluded.seats, updated_at = excluded.updated_at
            """,
            new { s.Id, s.Institution, s.Account, s.Package, Start = Clock.Format(s.Start), End = Clock.Format(s.End), s.Seats, Now = Now() },
            ct);
    }

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string? Institution, string? Account, string Package, string Start, string End, long? Seats)>(
            "SELECT id, institution_id, account_id, package_id, starts_at, ends_at, seats FROM subscriptions ORDER BY id");
        return rows.Select(r => new Subscription(r.Id, r.Institution, r.Account, r.Package, Clock.Parse(r.Start), Clock.Parse(r.End), r.Seats is { } n ? (int)n : null)).ToList();
    }

    public async Task<bool> UpsertInstitutionLibrarianAsync(string user, string passwordHash, string institution, CancellationToken ct) =>
        await UpsertAsync(
            "institution_librarians",
            user,
            """
            INSERT INTO institution_librarians (user_name, password_hash, institution_id, created_at) VALUES (@user, @passwordHash, @institution, @Now)
            ON CONFLICT (user_name) DO UPDATE SET password_hash = excluded.password_hash, institution_id = excluded.institution_id
            """,
            new { user, passwordHash, institution, Now = Now() },
            ct,
            keyColumn: "user_name");

    public async Task<IReadOnlyList<InstitutionLibrarian>> ListInstitutionLibrariansAsync(CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string User, string Institution)>(
            "SELECT user_name, institution_id FROM institution_librarians ORDER BY user_name");
        return rows.Select(r => new InstitutionLibrarian(r.User, r.Institution)).ToList();
    }

    /// <summary>The institution librarian's password hash and institution, or null.</summary>
    public async Task<(string Hash, string Institution)?> GetInstitutionLibrarianAsync(string user, CancellationToken ct)
    {
        await using var c = await Db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Hash, string Institution)>(
            "SELECT password_hash, institution_id FROM institution_librarians WHERE user_name = @user", new { user });
        return rows.Select(r => ((string, string)?)r).FirstOrDefault();
    }

    private async Task<bool> UpsertAsync(string table, string id, string sql, object parameters, CancellationToken ct, string keyColumn = "id")
    {
        await using var c = await Db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var existed = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {keyColumn} = @id", new { id }, tx) > 0;
        await c.ExecuteAsync(sql, parameters, tx);
        await c.ExecuteAsync("UPDATE entitlement_version SET version = version + 1 WHERE id = 1", transaction: tx);
        await tx.CommitAsync(ct);
        return !existed;
    }

    private static Account ToAccount((string Id, string Hash, string? From, string? To, long Disabled) r) =>
        new(r.Id, r.Hash, r.From is null ? null : Clock.Parse(r.From), r.To is null ? null : Clock.Parse(r.To), r.Disabled != 0);

    private string Now() => Clock.Format(time.GetUtcNow());
}

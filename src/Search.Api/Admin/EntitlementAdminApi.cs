using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Api.Entitlement;

namespace Search.Api.Admin;

/// <summary>The platform librarian's API for institutions, packages, accounts, subscriptions and institution librarians.</summary>
public static partial class EntitlementAdminApi
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$")]
    private static partial Regex IdPattern();

    public static IEndpointRouteBuilder MapEntitlementAdminApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = app.MapGroup("/api/admin").RequireAuthorization(LibrarianAuthentication.Policy);
        admin.MapPut("/institutions/{id}", PutInstitutionAsync);
        admin.MapGet("/institutions", ListInstitutions);
        admin.MapPut("/packages/{id}", PutPackageAsync);
        admin.MapGet("/packages", ListPackages);
        admin.MapPut("/accounts/{id}", PutAccountAsync);
        admin.MapGet("/accounts", ListAccounts);
        admin.MapPut("/subscriptions/{id}", PutSubscriptionAsync);
        admin.MapGet("/subscriptions", ListSubscriptionsAsync);
        admin.MapPut("/institution-librarians/{user}", PutInstitutionLibrarianAsync);
        admin.MapGet("/institution-librarians", ListInstitutionLibrariansAsync);
        return app;
    }

    public sealed record InstitutionRequest(string? Name, List<string>? IpRanges, string? Parent);

    public sealed record InstitutionResponse(string Id, string Name, IReadOnlyList<string> IpRanges, string? Parent, IReadOnlyList<string> Members);

    public sealed record PackageRequest(string? Name, List<string>? Sources);

    public sealed record AccountRequest(string? Password, string? ValidFrom, string? ValidTo, bool? Disabled);

    public sealed record AccountResponse(string Id, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, bool Disabled, bool ValidNow);

    public sealed record SubscriptionRequest(string? Institution, string? Account, string? Package, string? Start, string? End, int? Seats);

    public sealed record SubscriptionResponse(
        string Id, string? Institution, string? Account, string Package, DateTimeOffset Start, DateTimeOffset End, int? Seats, bool Current, int SeatsInUse);

    public sealed record InstitutionLibrarianRequest(string? Password, string? Institution);

    private static async Task<IResult> PutInstitutionAsync(string id, InstitutionRequest request, EntitlementCatalog catalog, EntitlementStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckId(id, errors);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["required."];
        }

        return await catalog.ChangeAsync<IResult>(
            async snapshot =>
            {
                var problems = snapshot.CheckRanges(id, request.IpRanges ?? [], out var canonical);
                if (problems.Count > 0)
                {
                    errors["ipRanges"] = [.. problems];
                }

                if (request.Parent is { } parent)
                {
                    if (!snapshot.Institutions.ContainsKey(parent))
                    {
                        errors["parent"] = [$"no institution '{parent}'."];
                    }
                    else if (snapshot.SelfAndAncestors(parent).Contains(id, StringComparer.Ordinal))
                    {
                        errors["parent"] = [$"'{parent}' is '{id}' itself or one of its members: a consortium cannot contain itself."];
                    }
                }

                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors, title: "The institution is not usable.");
                }

                var created = await store.UpsertInstitutionAsync(new Institution(id, request.Name!.Trim(), request.Parent, canonical), ct);
                var response = new InstitutionResponse(id, request.Name!.Trim(), canonical, request.Parent, snapshot.MembersOf(id));
                return created ? TypedResults.Created($"/api/admin/institutions/{id}", response) : TypedResults.Ok(response);
            },
            ct);
    }

    private static Ok<List<InstitutionResponse>> ListInstitutions(EntitlementCatalog catalog)
    {
        var s = catalog.Current;
        return TypedResults.Ok(s.Institutions.Values.OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => new InstitutionResponse(i.Id, i.Name, i.IpRanges, i.Parent, s.MembersOf(i.Id))).ToList());
    }

    private static async Task<IResult> PutPackageAsync(string id, PackageRequest request, EntitlementCatalog catalog, EntitlementStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckId(id, errors);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["required."];
        }

        if (request.Sources is null || request.Sources.Any(string.IsNullOrWhiteSpace))
        {
            errors["sources"] = ["required: a list of source ids."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The package is not usable.");
        }

        var package = new Package(id, request.Name!.Trim(), request.Sources!.Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList());
        var created = await catalog.ChangeAsync(_ => store.UpsertPackageAsync(package, ct), ct);
        return created ? TypedResults.Created($"/api/admin/packages/{id}", package) : TypedResults.Ok(package);
    }

    private static Ok<List<Package>> ListPackages(EntitlementCatalog catalog) =>
        TypedResults.Ok(catalog.Current.PackageList.OrderBy(p => p.Id, StringComparer.Ordinal).ToList());

    private static async Task<IResult> PutAccountAsync(
        string id, AccountRequest request, EntitlementCatalog catalog, EntitlementStore store, PasswordHasher hasher, TimeProvider time, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckId(id, errors);
        var existing = await store.GetAccountAsync(id, ct);
        if (string.IsNullOrEmpty(request.Password) && existing is null)
        {
            errors["password"] = ["required for a new account."];
        }
        else if (request.Password is { Length: < 8 })
        {
            errors["password"] = ["at least 8 characters."];
        }

        DateTimeOffset? from = null, to = null;
        if (request.ValidFrom is not null)
        {
            if (DateInput.TryParse(request.ValidFrom, endOfPeriod: false, out var f))
            {
                from = f;
            }
            else
            {
                errors["validFrom"] = [$"'{request.ValidFrom}' is not a date (2026-01-01) or an ISO 8601 timestamp."];
            }
        }

        if (request.ValidTo is not null)
        {
            if (DateInput.TryParse(request.ValidTo, endOfPeriod: true, out var t))
            {
                to = t;
            }
            else
            {
                errors["validTo"] = [$"'{request.ValidTo}' is not a date (2026-12-31) or an ISO 8601 timestamp."];
            }
        }

        if (from > to)
        {
            errors["validTo"] = ["must not be before validFrom."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The account is not usable.");
        }

        var hash = string.IsNullOrEmpty(request.Password) ? existing!.PasswordHash : hasher.Hash(request.Password);
        var account = new Account(id, hash, from, to, request.Disabled ?? false);
        var created = await catalog.ChangeAsync(_ => store.UpsertAccountAsync(account, ct), ct);
        var response = Describe(account, time);
        return created ? TypedResults.Created($"/api/admin/accounts/{id}", response) : TypedResults.Ok(response);
    }

    private static Ok<List<AccountResponse>> ListAccounts(EntitlementCatalog catalog, TimeProvider time) =>
        TypedResults.Ok(catalog.Current.Accounts.Values.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => Describe(a, time)).ToList());

    private static AccountResponse Describe(Account a, TimeProvider time) => new(a.Id, a.ValidFrom, a.ValidTo, a.Disabled, a.IsValidAt(time.GetUtcNow()));

    private static async Task<IResult> PutSubscriptionAsync(
        string id, SubscriptionRequest request, EntitlementCatalog catalog, EntitlementStore store, SessionStore sessions, TimeProvider time, CancellationToken ct)
    {
        return await catalog.ChangeAsync<IResult>(
            async snapshot =>
            {
                var errors = new Dictionary<string, string[]>();
                CheckId(id, errors);
                if ((request.Institution is null) == (request.Account is null))
                {
                    errors["institution"] = ["give exactly one of institution or account."];
                }
                else if (request.Institution is { } i && !snapshot.Institutions.ContainsKey(i))
                {
                    errors["institution"] = [$"no institution '{i}'."];
                }
                else if (request.Account is { } a && !snapshot.Accounts.ContainsKey(a))
                {
                    errors["account"] = [$"no account '{a}'."];
                }

                if (request.Package is null || !snapshot.Packages.ContainsKey(request.Package))
                {
                    errors["package"] = [$"no package '{request.Package}'."];
                }

                if (!DateInput.TryParse(request.Start, endOfPeriod: false, out var start))
                {
                    errors["start"] = ["required: a date (2026-01-01) or an ISO 8601 timestamp."];
                }

                if (!DateInput.TryParse(request.End, endOfPeriod: true, out var end))
                {
                    errors["end"] = ["required: a date (2026-12-31, the last day included) or an ISO 8601 timestamp."];
                }
                else if (end < start)
                {
                    errors["end"] = ["must not be before start."];
                }

                if (request.Seats is < 1)
                {
                    errors["seats"] = ["at least 1, or null for no limit."];
                }

                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors, title: "The subscription is not usable.");
                }

                var s = new Subscription(id, request.Institution, request.Account, request.Package!, start, end, request.Seats);
                var created = await store.UpsertSubscriptionAsync(s, ct);
                var response = Describe(s, await sessions.SeatsAsync([s.Id], null, ct), time);
                return created ? TypedResults.Created($"/api/admin/subscriptions/{id}", response) : TypedResults.Ok(response);
            },
            ct);
    }

    private static async Task<Ok<List<SubscriptionResponse>>> ListSubscriptionsAsync(EntitlementStore store, SessionStore sessions, TimeProvider time, CancellationToken ct)
    {
        var subscriptions = await store.ListSubscriptionsAsync(ct);
        var seats = await sessions.SeatsAsync(subscriptions.Where(s => s.Seats is not null).Select(s => s.Id).ToList(), null, ct);
        return TypedResults.Ok(subscriptions.Select(s => Describe(s, seats, time)).ToList());
    }

    private static SubscriptionResponse Describe(Subscription s, IReadOnlyDictionary<string, SeatState> seats, TimeProvider time) =>
        new(s.Id, s.Institution, s.Account, s.Package, s.Start, s.End, s.Seats, s.IsCurrentAt(time.GetUtcNow()), seats.GetValueOrDefault(s.Id).InUse);

    private static async Task<IResult> PutInstitutionLibrarianAsync(
        string user, InstitutionLibrarianRequest request, EntitlementCatalog catalog, EntitlementStore store, PasswordHasher hasher, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckId(user, errors);
        if (request.Password is not { Length: >= 8 })
        {
            errors["password"] = ["required, at least 8 characters."];
        }

        if (request.Institution is null || !catalog.Current.Institutions.ContainsKey(request.Institution))
        {
            errors["institution"] = [$"no institution '{request.Institution}'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The institution librarian is not usable.");
        }

        var created = await store.UpsertInstitutionLibrarianAsync(user, hasher.Hash(request.Password!), request.Institution!, ct);
        var response = new InstitutionLibrarian(user, request.Institution!);
        return created ? TypedResults.Created($"/api/admin/institution-librarians/{user}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<IReadOnlyList<InstitutionLibrarian>>> ListInstitutionLibrariansAsync(EntitlementStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.ListInstitutionLibrariansAsync(ct));

    private static void CheckId(string id, Dictionary<string, string[]> errors)
    {
        if (!IdPattern().IsMatch(id ?? ""))
        {
            errors["id"] = ["use 1-128 letters, digits, '.', '_', '@' or '-', starting with a letter or digit."];
        }
    }
}

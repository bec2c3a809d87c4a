using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Search.Api.Admin;
using Search.Api.Entitlement;

namespace Search.Api.Counter;

/// <summary>
/// The COUNTER API (SUSHI) for R5.1: <c>/r51/status</c>, <c>/r51/members</c>, <c>/r51/reports</c>,
/// <c>/r51/reports/{pr|dr|tr|ir}</c>. The requestor signs in with HTTP Basic as a platform librarian (any
/// customer) or an institution librarian (its institution and that one's members); <c>customer_id</c> is an
/// institution id; <c>requestor_id</c>, when given, must be the signed-in user.
/// </summary>
public static class SushiApi
{
    public static IEndpointRouteBuilder MapSushiApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/r51/status", Status);
        app.MapGet("/r51/members", MembersAsync);
        app.MapGet("/r51/reports", ReportsAsync);
        app.MapGet("/r51/reports/{id}", ReportAsync);
        return app;
    }

    private static JsonHttpResult<JsonArray> Status() =>
        TypedResults.Json(new JsonArray(new JsonObject
        {
            ["Description"] = "COUNTER R5.1 usage of the platform, per institution and consortium.",
            ["Service_Active"] = true,
            ["Alerts"] = new JsonArray(),
        }));

    private static async Task<IResult> MembersAsync(HttpContext http, EntitlementStore store, EntitlementCatalog catalog, PasswordHasher hasher, Microsoft.Extensions.Options.IOptions<CounterOptions> options)
    {
        var (customer, error) = await AuthorizeAsync(http, store, catalog, hasher);
        if (error is not null)
        {
            return error;
        }

        var snapshot = catalog.Current;
        var list = new JsonArray();
        foreach (var id in snapshot.SelfAndDescendants(customer!))
        {
            var inst = snapshot.Institutions[id];
            list.Add(new JsonObject
            {
                ["Customer_ID"] = id,
                ["Name"] = inst.Name,
                ["Institution_ID"] = new JsonObject { ["Proprietary"] = new JsonArray($"{options.Value.ProprietaryNamespace}:{id}") },
                ["Parent"] = inst.Parent,
            });
        }

        return TypedResults.Json(list);
    }

    private static async Task<IResult> ReportsAsync(HttpContext http, EntitlementStore store, EntitlementCatalog catalog, PasswordHasher hasher)
    {
        var (_, error) = await AuthorizeAsync(http, store, catalog, hasher);
        if (error is not null)
        {
            return error;
        }

        var list = new JsonArray();
        foreach (var (id, name) in CounterReports.Names)
        {
            list.Add(new JsonObject
            {
                ["Report_Name"] = name,
                ["Report_ID"] = id.ToUpperInvariant(),
                ["Release"] = "5.1",
                ["Report_Description"] = $"COUNTER R5.1 {name}, monthly, JSON (default) or TSV (format=tsv).",
                ["Path"] = $"/r51/reports/{id}",
            });
        }

        return TypedResults.Json(list);
    }

    private static async Task<IResult> ReportAsync(
        string id, HttpContext http, EntitlementStore store, EntitlementCatalog catalog, PasswordHasher hasher, CounterReports reports)
    {
        var (customer, error) = await AuthorizeAsync(http, store, catalog, hasher);
        if (error is not null)
        {
            return error;
        }

        if (!CounterReports.Names.ContainsKey(id))
        {
            return Error(StatusCodes.Status404NotFound, 3000, "Report Not Supported", $"'{id}' is not one of pr, dr, tr, ir.");
        }

        var q = http.Request.Query;
        string? begin = q["begin_date"], end = q["end_date"];
        if (string.IsNullOrEmpty(begin) || string.IsNullOrEmpty(end))
        {
            return Error(StatusCodes.Status400BadRequest, 1030, "Insufficient Information to Process Request", "begin_date and end_date are required (yyyy-MM or yyyy-MM-dd).");
        }

        if (!TryDate(begin, false, out var from) || !TryDate(end, true, out var to) || to < from)
        {
            return Error(StatusCodes.Status400BadRequest, 3020, "Invalid Date Arguments", $"begin_date '{begin}' and end_date '{end}' must be yyyy-MM or yyyy-MM-dd, begin before end.");
        }

        var report = await reports.BuildAsync(id, customer!, from, to, http.RequestAborted);
        if (string.Equals(q["format"], "tsv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Text(CounterFormats.ToTsv(report), "text/tab-separated-values; charset=utf-8", Encoding.UTF8);
        }

        return TypedResults.Json(CounterFormats.ToJson(report));
    }

    /// <summary>Who asks and for which customer; an error result (COUNTER exception) when not allowed.</summary>
    private static async Task<(string? Customer, IResult? Error)> AuthorizeAsync(
        HttpContext http, EntitlementStore store, EntitlementCatalog catalog, PasswordHasher hasher)
    {
        var throttle = http.RequestServices.GetRequiredService<Accounts.LoginThrottle>();
        string? user = null;
        string? scope = null;
        if (http.User.IsInRole("librarian"))
        {
            user = http.User.Identity?.Name;
        }
        else if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && "Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            var decoded = TryDecode(header.Parameter);
            var colon = decoded?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon > 0)
            {
                var name = decoded![..colon];
                var found = await store.GetInstitutionLibrarianAsync(name, http.RequestAborted);
                if (found is { } f)
                {
                    var address = Entitlement.RequesterResolver.ClientAddress(http);
                    if (await throttle.BlockedAsync(name, address, http.RequestAborted, Accounts.LoginRealm.InstitutionLibrarian) is { } wait)
                    {
                        http.Response.Headers.RetryAfter = Accounts.LoginThrottle.RetryAfter(wait);
                        return (null, Error(StatusCodes.Status429TooManyRequests, 1020, "Client has made too many requests", "Too many failed logins for this user or from this address; try again later."));
                    }

                    if (hasher.Verify(decoded[(colon + 1)..], f.Hash))
                    {
                        user = name;
                        scope = f.Institution;
                    }
                    else
                    {
                        await throttle.FailedAsync(name, address, http.RequestAborted, Accounts.LoginRealm.InstitutionLibrarian);
                    }
                }
            }
        }

        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"counter\", charset=\"UTF-8\"";
            return (null, Error(StatusCodes.Status401Unauthorized, 2000, "Requestor Not Authorized to Access Service", "Sign in with HTTP Basic as a librarian or an institution librarian."));
        }

        var requestor = http.Request.Query["requestor_id"].ToString();
        if (requestor.Length > 0 && requestor != user)
        {
            return (null, Error(StatusCodes.Status401Unauthorized, 2000, "Requestor Not Authorized to Access Service", $"requestor_id '{requestor}' is not the signed-in requestor."));
        }

        var customer = http.Request.Query["customer_id"].ToString();
        if (customer.Length == 0)
        {
            return (null, Error(StatusCodes.Status400BadRequest, 1030, "Insufficient Information to Process Request", "customer_id is required."));
        }

        var snapshot = catalog.Current;
        if (!snapshot.Institutions.ContainsKey(customer) || (scope is not null && !snapshot.SelfAndDescendants(scope).Contains(customer, StringComparer.Ordinal)))
        {
            return (null, Error(StatusCodes.Status403Forbidden, 2010, "Requestor is Not Authorized to Access Usage for Institution", $"'{user}' may not see the usage of '{customer}'."));
        }

        return (customer, null);
    }

    private static JsonHttpResult<JsonObject> Error(int status, int code, string message, string data) =>
        TypedResults.Json(CounterFormats.Exception(new CounterError(code, message, data)), statusCode: status);

    private static string? TryDecode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool TryDate(string text, bool end, out DateOnly value)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            value = end ? first.AddMonths(1).AddDays(-1) : first;
            return true;
        }

        return false;
    }
}

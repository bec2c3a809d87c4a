using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Search.Api.Api;
using Search.Api.Counter;
using Search.Api.Usage;
using Search.Ingestion.Storage;

namespace Search.Api.Entitlement;

/// <summary>
/// Adds <c>"access": {"fulltext": ...}</c> to every search hit and logs the search as a usage event: a filter
/// over the search endpoint's answer, so the search itself stays as it is.
/// </summary>
public sealed class SearchAccessFilter(
    RequesterResolver resolver,
    AccessDecider decider,
    UsageRecorder usage,
    IOptions<CounterOptions> counter,
    TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is not Ok<SearchApi.SearchResponse> { Value: { } response })
        {
            return result;
        }

        var http = context.HttpContext;
        var who = await resolver.ResolveAsync(http);
        // One view of the requester's seats and budgets for the whole page: no query per hit.
        var view = await decider.ViewAsync(who, http.RequestAborted);
        var memo = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var hit in response.Hits)
        {
            var key = string.Join('\u001f', hit.Sources);
            if (!memo.TryGetValue(key, out var fulltext))
            {
                memo[key] = fulltext = decider.Peek(view, hit.Sources).Fulltext;
            }

            AccessJson.Attach(hit, fulltext);
        }

        var chosen = http.Request.Query["source"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        var mode = counter.Value.FederatedUserAgents.Any(f => who.UserAgent?.Contains(f, StringComparison.OrdinalIgnoreCase) == true)
            ? SearchModes.Federated
            : chosen.Count > 0 ? SearchModes.Regular : SearchModes.Automated;
        usage.Record(UsageEvents.For(who, time, UsageKinds.Search, mode, null, null, null) with
        {
            SearchedSources = chosen,
            QueryKey = QueryKey(http.Request.QueryString.Value),
        });
        var asked = response.Federation?.Targets.Where(t => t.Status == Federation.TargetStatus.Ok).Select(t => t.Id).ToList();
        if (asked is { Count: > 0 })
        {
            // The platform searched these live targets on the user's behalf: COUNTER's Searches_Federated for their databases.
            usage.Record(UsageEvents.For(who, time, UsageKinds.Search, SearchModes.Federated, null, null, null) with
            {
                SearchedSources = asked,
                QueryKey = "live:" + QueryKey(http.Request.QueryString.Value),
            });
        }

        return result;
    }

    /// <summary>The same query and filters give the same key (the double-click rule for searches); page and size do not count.</summary>
    private static string QueryKey(string? query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var text = string.Join('&', parsed.Where(p => p.Key is not ("page" or "size")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

/// <summary>A work as one visitor may see it: the holdings' links as the entitlement decision allows, and that decision.</summary>
/// <param name="Record">The work with each holding's full-text links kept only where the visitor is entitled.</param>
/// <param name="Decision">The decision over all the work's holdings.</param>
/// <param name="Holdings">The decision for each holding, in the order of <see cref="RecordsApi.RecordResponse.Sources"/>.</param>
/// <param name="Who">The visitor.</param>
public sealed record DisclosedRecord(RecordsApi.RecordResponse Record, AccessDecision Decision, IReadOnlyList<AccessDecision> Holdings, Requester Who);

/// <summary>
/// The one rule for showing a work to a visitor, used by <c>/api/records/{id}</c> and the record page: a holding the
/// visitor is not entitled to keeps its landing pages (the partner's public page) and loses its full-text links, and
/// its full-text route is this engine's gate, which answers with the reason. Every disclosure counts as a view.
/// </summary>
public sealed class RecordDisclosure(RequesterResolver resolver, AccessDecider decider, UsageRecorder usage, TimeProvider time)
{
    public async Task<DisclosedRecord> DiscloseAsync(RecordsApi.RecordResponse record, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(http);
        var who = await resolver.ResolveAsync(http);
        var sources = record.Sources.Select(s => s.Id).ToList();
        var view = await decider.ViewAsync(who, http.RequestAborted);
        var decision = decider.Peek(view, sources);
        var holdings = record.Sources.Select(s => decider.Peek(view, [s.Id])).ToList();
        var shown = record with { Sources = [.. record.Sources.Select((s, i) => holdings[i].IsAvailable ? s : WithoutFullText(s))] };
        AccessJson.Attach(shown, decision.Fulltext);
        usage.Record(UsageEvents.For(who, time, UsageKinds.View, null, decision.Source ?? sources.FirstOrDefault(), record.Id, record.Type));
        return new DisclosedRecord(shown, decision, holdings, who);
    }

    private static RecordsApi.RecordSource WithoutFullText(RecordsApi.RecordSource source) => source with
    {
        Links = [.. source.Links.Where(l => l.Kind == Search.Ingestion.Mapping.LinkKinds.Landing)],
        FullText = $"/api/records/{Uri.EscapeDataString(source.RecordId)}/fulltext",
    };
}

/// <summary>Adds the access decision to <c>/api/records/{id}</c> and logs the view (an investigation).</summary>
public sealed class RecordAccessFilter(RecordDisclosure disclosure) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (inner is not Ok<RecordsApi.RecordResponse> { Value: { } record })
        {
            return result;
        }

        return TypedResults.Ok((await disclosure.DiscloseAsync(record, context.HttpContext)).Record);
    }
}

/// <summary><c>GET /api/records/{id}/fulltext</c>: a redirect to the partner's document, or a ProblemDetails naming the reason.</summary>
public static class FulltextApi
{
    public static IEndpointRouteBuilder MapFulltextApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/records/{id}/fulltext", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(
        string id, HttpContext http, CatalogStore store, RequesterResolver resolver, AccessDecider decider, UsageRecorder usage, TimeProvider time)
    {
        var stored = await store.GetRecordAsync(id, http.RequestAborted);
        if (stored is null)
        {
            return TypedResults.Problem($"No record '{id}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var record = stored.Record;
        var link = record.Links.FirstOrDefault(l => l.Kind == "fulltext") ?? record.Links.FirstOrDefault(l => l.Kind == "landing");
        if (link is null)
        {
            return TypedResults.Problem($"Record '{id}' has no full-text or landing link at its partner.", statusCode: StatusCodes.Status404NotFound);
        }

        var who = await resolver.ResolveAsync(http);
        var decision = await decider.ConsumeAsync(who, [record.SourceId], http.RequestAborted);
        if (decision.IsAvailable)
        {
            usage.Record(UsageEvents.For(who, time, UsageKinds.Fulltext, FulltextAccess.Available, record.SourceId, record.Id, record.Type));
            return TypedResults.Redirect(link.Url);
        }

        usage.Record(UsageEvents.For(who, time, UsageKinds.Denied, decision.Fulltext, record.SourceId, record.Id, record.Type));
        var tooMany = decision.Fulltext == FulltextAccess.LimitExceeded && decision.BudgetExhausted;
        if (tooMany)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((decision.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(
            decision.Detail,
            statusCode: tooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status403Forbidden,
            title: decision.Fulltext switch
            {
                FulltextAccess.LoginRequired => "Log in to read the full text.",
                FulltextAccess.NoLicense => "No licence covers this full text.",
                _ => "A usage limit is exceeded.",
            },
            extensions: new Dictionary<string, object?> { ["reason"] = decision.Fulltext });
    }
}

/// <summary>Builds usage events from the requester.</summary>
public static class UsageEvents
{
    public static UsageEvent For(Requester who, TimeProvider time, string kind, string? outcome, string? source, string? record, string? dataType)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(time);
        return new UsageEvent(
            time.GetUtcNow(), kind, outcome, who.Institution, who.Account?.Id, source, record, dataType, [], null,
            who.Session.Id, who.UserAgent is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 400)] : null, who.Address?.ToString());
    }
}

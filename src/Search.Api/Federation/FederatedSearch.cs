using System.Globalization;
using Microsoft.Extensions.Options;
using Search.Connectors.Harvesting;
using Search.Connectors.Sru;
using Search.Indexer.Search;
using Search.Ingestion.Mapping;
using Search.Ingestion.Storage;

namespace Search.Api.Federation;

/// <summary>One live target's part of one search, started before the local search runs.</summary>
public sealed record TargetOutcome(FederationTarget Report, LiveAnswer? Answer);

/// <summary>
/// Fans a search out to the sources marked live: the query is translated into CQL (<see cref="CqlWriter"/>), each
/// target is asked in parallel for its window of the page (<see cref="FederationOptions.RecordsPerTarget"/> records from
/// <c>(page - 1) * RecordsPerTarget + 1</c>) under its own deadline (<see cref="FederationOptions.Deadline"/>), and its
/// records are mapped by Ingestion's mappers as harvested ones are. The caller runs the local search meanwhile and
/// then collects: a target that has not answered by the deadline is a timeout, one that errs is failed with its
/// reason, one that cannot be asked (untranslatable query, filter, cursor paging) is skipped with the reason.
/// </summary>
public sealed class FederatedSearch(
    CatalogStore store,
    ConnectorRegistry connectors,
    MapperRegistry mappers,
    LiveCache cache,
    IOptions<FederationOptions> options,
    TimeProvider time)
{
    /// <summary>The sources marked live (a cheap query: the live sources only).</summary>
    public async Task<IReadOnlyList<StoredSource>> LiveSourcesAsync(CancellationToken cancellationToken) =>
        (await store.ListSourcesAsync(cancellationToken)).Where(s => s.Definition.Live).ToList();

    /// <summary>Starts asking every live target; the tasks end by the deadline (cancelled there) whatever the target does.</summary>
    public IReadOnlyList<Task<TargetOutcome>> Start(SearchRequest request, IReadOnlyList<StoredSource> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(targets);
        string? cql = null;
        string? untranslatable = null;
        try
        {
            cql = Translate(request);
        }
        catch (UntranslatableQueryException ex)
        {
            untranslatable = ex.Message;
        }
        catch (QuerySyntaxException)
        {
            // The local search reports it as a 400; no target is asked.
            untranslatable = "the query cannot be parsed.";
        }

        return [.. targets.Select(target =>
            untranslatable is not null || cql is null
                ? Task.FromResult(Skipped(target, untranslatable ?? "nothing to ask.", null))
                : SkipReason(request, target) is { } reason
                    ? Task.FromResult(Skipped(target, reason, cql))
                    : AskAsync(target, cql, request.Page, cancellationToken))];
    }

    /// <summary>
    /// Waits for the started targets, at most until the deadline (and a small margin for a cancellation to land);
    /// any still running then is reported as a timeout.
    /// </summary>
    public async Task<IReadOnlyList<TargetOutcome>> CollectAsync(IReadOnlyList<StoredSource> targets, IReadOnlyList<Task<TargetOutcome>> started)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(started);
        var deadline = options.Value.Deadline;
        await Task.WhenAny(Task.WhenAll(started), Task.Delay(deadline + TimeSpan.FromMilliseconds(250), time));
        return [.. started.Select((task, i) => task.IsCompletedSuccessfully
            ? task.Result
            : new TargetOutcome(Report(targets[i], TargetStatus.Timeout, null, ms: (long)deadline.TotalMilliseconds, reason: TimeoutReason(deadline), query: null), null))];
    }

    /// <summary>The whole search (query and every <c>within</c>) as CQL; the year filter is added as a <c>dc.date</c> clause.</summary>
    internal static string Translate(SearchRequest request)
    {
        var tree = SearchService.ParseRequest(request);
        if (tree is Search.Indexer.Query.AllNode && request.YearFrom is null && request.YearTo is null)
        {
            throw new UntranslatableQueryException("an empty query is not sent to live targets.");
        }

        if (request.YearFrom is not null || request.YearTo is not null)
        {
            tree = Search.Indexer.Query.Nodes.And(tree, new Search.Indexer.Query.YearNode(request.YearFrom, request.YearTo));
        }

        return CqlWriter.Write(tree);
    }

    private static string? SkipReason(SearchRequest request, StoredSource target)
    {
        if (request.After is not null || request.Offset is not null)
        {
            return "cursor paging (after) continues the local hits only; page with page= to see live hits.";
        }

        if (request.Sources.Count > 0 && !request.Sources.Contains(target.Definition.Id, StringComparer.Ordinal))
        {
            return "not among the chosen sources (source=).";
        }

        var filters = new List<string>();
        if (request.Types.Count > 0)
        {
            filters.Add("type");
        }

        if (request.Languages.Count > 0)
        {
            filters.Add("language");
        }

        if (request.Disciplines.Count > 0)
        {
            filters.Add("discipline");
        }

        if (request.Subjects.Count > 0)
        {
            filters.Add("subject");
        }

        return filters.Count > 0 ? $"the {string.Join(", ", filters)} filter cannot be sent to an SRU target." : null;
    }

    private async Task<TargetOutcome> AskAsync(StoredSource target, string cql, int page, CancellationToken cancellationToken)
    {
        var d = target.Definition;
        if (connectors.Find(d.Connector) is not SruConnector sru)
        {
            return Skipped(target, $"connector '{d.Connector}' cannot search live.", cql);
        }

        var perTarget = options.Value.RecordsPerTarget;
        var start = ((page - 1) * perTarget) + 1;
        var key = LiveCache.Key(d.Id, target.UpdatedAt, cql, start, perTarget);
        if (cache.TryGet(key, out var cached))
        {
            return new TargetOutcome(Report(target, TargetStatus.Ok, cached, ms: 0, reason: null, query: cql) with { Cached = true }, cached);
        }

        var began = time.GetTimestamp();
        var deadline = options.Value.Deadline;
        using var timer = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            // Off the request's thread at once: the local search runs while the target is asked.
            await Task.Yield();
            var result = await sru.SearchAsync(d.Id, d.Settings, cql, start, perTarget, linked.Token);
            var records = new List<Search.Ingestion.Model.CatalogRecord>();
            var unmappable = result.Problems.Count;
            foreach (var raw in result.Records.Where(r => !r.Deleted))
            {
                try
                {
                    records.Add(mappers.Map(raw));
                }
                catch (MappingException)
                {
                    unmappable++;
                }
            }

            var answer = new LiveAnswer(result.Total, records, unmappable);
            cache.Set(key, answer);
            return new TargetOutcome(Report(target, TargetStatus.Ok, answer, Elapsed(began), null, cql), answer);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new TargetOutcome(Report(target, TargetStatus.Timeout, null, Elapsed(began), TimeoutReason(deadline), cql), null);
        }
        catch (ConnectorException ex)
        {
            return new TargetOutcome(Report(target, TargetStatus.Failed, null, Elapsed(began), ex.Message, cql), null);
        }
        catch (HttpRequestException ex)
        {
            return new TargetOutcome(Report(target, TargetStatus.Failed, null, Elapsed(began), $"network error: {ex.Message}", cql), null);
        }
    }

    private long Elapsed(long began) => (long)time.GetElapsedTime(began).TotalMilliseconds;

    private static string TimeoutReason(TimeSpan deadline) =>
        string.Create(CultureInfo.InvariantCulture, $"no answer within the deadline of {deadline.TotalSeconds:0.###} s.");

    private static TargetOutcome Skipped(StoredSource target, string reason, string? cql) =>
        new(Report(target, TargetStatus.Skipped, null, 0, reason, cql), null);

    private static FederationTarget Report(StoredSource target, string status, LiveAnswer? answer, long ms, string? reason, string? query) =>
        new(target.Definition.Id, target.Definition.Name, status, answer?.Records.Count ?? 0, 0, answer?.Total, ms, reason, query, Cached: false);
}

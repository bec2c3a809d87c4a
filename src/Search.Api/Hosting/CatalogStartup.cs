using System.Text.Json;
using Microsoft.Extensions.Options;
using Search.Api.Admin;
using Search.Connectors.Harvesting;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>
/// Brings the catalogue up before the server listens: applies its migrations, loads the sources defined under
/// <c>config/sources</c>, resumes runs a killed process left running and harvests configured sources that were
/// never harvested (the demo data on a first start). Search.Api's own tables follow in <see cref="AccessStartup"/>.
/// </summary>
public sealed class CatalogStartup(
    CatalogStore store,
    HarvestRunner runner,
    HarvestDispatcher queue,
    ConnectorRegistry connectors,
    IOptions<SearchHostOptions> options,
    ILogger<CatalogStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await store.MigrateAsync(cancellationToken);
        if (applied.Count > 0)
        {
            logger.LogInformation("Applied catalogue migrations {Versions}", string.Join(", ", applied));
        }

        var configured = await LoadConfiguredSourcesAsync(cancellationToken);

        foreach (var run in await store.ListRunningAsync(cancellationToken))
        {
            logger.LogInformation("Resuming harvest run {RunId} of {Source} from its checkpoint", run.RunId, run.Source);
            queue.Enqueue(run.RunId);
        }

        if (options.Value.HarvestNewConfiguredSources)
        {
            foreach (var sourceId in configured)
            {
                if ((await store.ListRunsAsync(sourceId, 1, cancellationToken)).Count == 0)
                {
                    logger.LogInformation("Harvesting configured source {Source} for the first time", sourceId);
                    queue.Enqueue(await runner.BeginAsync(sourceId, cancellationToken));
                }
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads <c>config/sources/*.json</c> (one partner a file) and upserts each definition.</summary>
    private async Task<List<string>> LoadConfiguredSourcesAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var folder = Path.Combine(options.Value.ResolvedConfigDirectory, "sources");
        if (!Directory.Exists(folder))
        {
            return ids;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            SourceFile? parsed;
            try
            {
                await using var stream = File.OpenRead(file);
                parsed = await JsonSerializer.DeserializeAsync<SourceFile>(stream, JsonSerializerOptions.Web, cancellationToken);
            }
            catch (JsonException ex)
            {
                logger.LogError("Source file {File} is not valid JSON: {Message}", Path.GetFileName(file), ex.Message);
                continue;
            }

            var id = parsed?.Id ?? Path.GetFileNameWithoutExtension(file);
            var problems = SourceValidation.Validate(id, parsed?.Name, parsed?.Connector, parsed?.Settings, parsed?.Schedule, connectors, parsed?.ScheduleTimeZone);
            if (problems.Count > 0 || parsed is null)
            {
                logger.LogError("Source file {File} is not usable: {Problems}", Path.GetFileName(file), string.Join("; ", problems));
                continue;
            }

            await store.UpsertSourceAsync(
                new SourceDefinition(id, parsed.Name!, parsed.Connector!, parsed.Settings!.Value, parsed.Schedule, parsed.ScheduleTimeZone),
                cancellationToken);
            ids.Add(id);
        }

        return ids;
    }

    private sealed record SourceFile(string? Id, string? Name, string? Connector, JsonElement? Settings, string? Schedule, string? ScheduleTimeZone);
}

using Microsoft.Extensions.Options;
using Quartz;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>
/// Runs harvests on the librarians' schedules (Quartz cron expressions stored with each source). The
/// source definitions in the catalogue are the persistent truth: at start every schedule is registered
/// again, and a source whose scheduled time passed while the engine was down is harvested at once.
/// </summary>
public sealed class HarvestScheduler(
    ISchedulerFactory schedulers,
    CatalogStore store,
    TimeProvider time,
    IOptions<SearchHostOptions> options,
    ILogger<HarvestScheduler> logger) : IHostedService
{
    private const string Group = "harvests";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in await store.ListSourcesAsync(cancellationToken))
        {
            await ApplyAsync(source.Definition, cancellationToken);
            await CatchUpAsync(source.Definition, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers, replaces or removes the source's schedule after its definition changed.</summary>
    public async Task ApplyAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(source.Id, Group);
        await scheduler.DeleteJob(jobKey, cancellationToken: cancellationToken);
        if (source.Schedule is null)
        {
            return;
        }

        var job = JobBuilder.Create<HarvestJob>()
            .WithIdentity(jobKey)
            .UsingJobData(HarvestJob.SourceKey, source.Id)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(source.Id, Group)
            .WithCronSchedule(source.Schedule, c => c.InTimeZone(TimeZone()).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        var next = await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        logger.LogInformation("Source {Source} is harvested on schedule '{Schedule}'; next at {Next}", source.Id, source.Schedule, next);
    }

    /// <summary>Harvests now when a scheduled time fell between the source's last run and now.</summary>
    private async Task CatchUpAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        if (source.Schedule is null)
        {
            return;
        }

        var runs = await store.ListRunsAsync(source.Id, 1, cancellationToken);
        if (runs.Count == 0 || runs[0].Status == RunStatus.Running)
        {
            return;
        }

        var cron = new CronExpression(source.Schedule, TimeZone());
        var due = cron.GetNextValidTimeAfter(runs[0].StartedAt);
        if (due is { } missed && missed < time.GetUtcNow())
        {
            logger.LogInformation("Source {Source} missed its scheduled harvest at {Missed}; harvesting now", source.Id, missed);
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.TriggerJob(new JobKey(source.Id, Group), cancellationToken: cancellationToken);
        }
    }

    private TimeZoneInfo TimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(options.Value.ScheduleTimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>A scheduled harvest: starts a run of the source unless one is already going.</summary>
[DisallowConcurrentExecution]
public sealed class HarvestJob(HarvestRunner runner, HarvestDispatcher dispatcher, ILogger<HarvestJob> logger) : IJob
{
    public const string SourceKey = "source";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sourceId = context.MergedJobDataMap.GetString(SourceKey)!;
        try
        {
            dispatcher.Enqueue(await runner.BeginAsync(sourceId, cancellationToken));
        }
        catch (RunAlreadyActiveException ex)
        {
            logger.LogInformation("Scheduled harvest of {Source} skipped: {Reason}", sourceId, ex.Message);
        }
        catch (KeyNotFoundException)
        {
            logger.LogWarning("Scheduled harvest of {Source} skipped: the source no longer exists", sourceId);
        }
    }
}

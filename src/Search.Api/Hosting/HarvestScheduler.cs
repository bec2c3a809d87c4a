using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Quartz;
using Search.Ingestion.Harvesting;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>
/// Runs harvests on the librarians' schedules: one Quartz cron trigger per scheduled source, kept in Quartz's
/// persistent job store in the engine's database (<c>QRTZ_*</c>, created by Search.Api's migrations), so fire
/// times, missed fires and pauses survive restarts. On PostgreSQL the store is clustered: of several processes on
/// one database exactly one fires each scheduled time. The source's definition (schedule, time zone, paused) in
/// the catalogue is what librarians set; at start each trigger is brought in line with it, and left as it is when
/// it already is, so a fire time missed while the engine was down is still owed and fires once (misfire policy
/// fire-and-proceed: once, however many were missed, then on schedule).
/// </summary>
public sealed class HarvestScheduler(
    ISchedulerFactory schedulers,
    CatalogStore store,
    TimeProvider time,
    IOptions<SearchHostOptions> options,
    ILogger<HarvestScheduler> logger) : IHostedService
{
    private IScheduler? _started;

    /// <summary>The Quartz group of harvest jobs and triggers; a job and its trigger are named by the source id.</summary>
    public const string Group = "harvests";

    public static JobKey JobKeyOf(string sourceId) => new(sourceId, Group);

    public static TriggerKey TriggerKeyOf(string sourceId) => new(sourceId, Group);

    /// <summary>Brings every trigger in line with its source's definition, then starts firing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var sources = await store.ListSourcesAsync(cancellationToken);
        foreach (var source in sources)
        {
            try
            {
                await SyncAsync(scheduler, source, atStart: true, cancellationToken);
            }
            catch (TimeZoneNotFoundException ex)
            {
                logger.LogError("Source {Source} is not scheduled: {Reason}", source.Definition.Id, ex.Message);
            }
        }

        // Jobs of sources that are gone (or were scheduled by an older definition under another id).
        var scheduled = sources.Where(s => s.Definition.Schedule is not null).Select(s => s.Definition.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken))
        {
            if (!scheduled.Contains(key.Name))
            {
                await scheduler.DeleteJob(key, cancellationToken);
            }
        }

        await scheduler.Start(cancellationToken);
        _started = scheduler;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Quartz may have shut it down already as the application stopped. A harvest job only queues a run, so
        // waiting for jobs is waiting for a moment.
        if (_started is { Status: SchedulerStatus.Running or SchedulerStatus.Standby or SchedulerStatus.Created } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    /// <summary>Registers, replaces or removes the source's trigger after its definition changed.</summary>
    public async Task ApplyAsync(StoredSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await SyncAsync(await schedulers.GetScheduler(cancellationToken), source, atStart: false, cancellationToken);
    }

    /// <summary>Pauses or resumes a source's scheduled harvests (persisted with the source and in the trigger); false for no such source.</summary>
    /// <remarks>A resumed trigger that missed fire times while paused fires once, as after downtime.</remarks>
    public async Task<bool> SetPausedAsync(string sourceId, bool paused, CancellationToken cancellationToken)
    {
        if (!await store.SetPausedAsync(sourceId, paused, cancellationToken))
        {
            return false;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (paused)
        {
            await scheduler.PauseJob(JobKeyOf(sourceId), cancellationToken);
        }
        else
        {
            await scheduler.ResumeJob(JobKeyOf(sourceId), cancellationToken);
        }

        logger.LogInformation("Scheduled harvests of {Source} {State}", sourceId, paused ? "paused" : "resumed");
        return true;
    }

    /// <summary>When the source's trigger fires next (null: no schedule, or paused).</summary>
    public async Task<DateTimeOffset?> NextFireAsync(string sourceId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = TriggerKeyOf(sourceId);
        if (await scheduler.GetTriggerState(key, cancellationToken) is not (TriggerState.Normal or TriggerState.Blocked))
        {
            return null;
        }

        return (await scheduler.GetTrigger(key, cancellationToken))?.NextFireTimeUtc;
    }

    /// <summary>The zone a source's schedule is read in: its own, else <c>Search:ScheduleTimeZone</c>.</summary>
    public string ZoneIdOf(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.ScheduleTimeZone ?? options.Value.ScheduleTimeZone;
    }

    private async Task SyncAsync(IScheduler scheduler, StoredSource source, bool atStart, CancellationToken cancellationToken)
    {
        var d = source.Definition;
        var jobKey = JobKeyOf(d.Id);
        var triggerKey = TriggerKeyOf(d.Id);
        if (d.Schedule is null)
        {
            await scheduler.DeleteJob(jobKey, cancellationToken);
            return;
        }

        var zoneId = ZoneIdOf(d);
        if (!ScheduleTimeZones.TryFind(zoneId, out var zone))
        {
            throw new TimeZoneNotFoundException($"'{zoneId}' is not a known time zone.");
        }

        if (await scheduler.GetTrigger(triggerKey, cancellationToken) is ICronTrigger existing
            && existing.CronExpressionString == d.Schedule
            && existing.TimeZone.Id == zone.Id)
        {
            // Unchanged: keep its fire times (and the fire it may owe); only the pause follows the source.
            var state = await scheduler.GetTriggerState(triggerKey, cancellationToken);
            if (source.Paused && state != TriggerState.Paused)
            {
                await scheduler.PauseTrigger(triggerKey, cancellationToken);
            }
            else if (!source.Paused && state == TriggerState.Paused)
            {
                await scheduler.ResumeTrigger(triggerKey, cancellationToken);
            }

            return;
        }

        var job = JobBuilder.Create<HarvestJob>()
            .WithIdentity(jobKey)
            .UsingJobData(HarvestJob.SourceKey, d.Id)
            .Build();
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(triggerKey)
            .ForJob(jobKey)
            .WithCronSchedule(d.Schedule, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));

        // A schedule the store does not hold yet at start (a database from before the persistent store, or a source
        // file changed while the engine was down) counts from the source's last run: a time missed since then fires
        // once. Otherwise it counts from now, on the engine's clock (which is the scheduler's).
        trigger = trigger.StartAt(atStart && await LastRunStartAsync(d.Id, cancellationToken) is { } last ? last : time.GetUtcNow());

        await scheduler.ScheduleJob(job, [trigger.Build()], new ScheduleJobOptions { Replace = true, Paused = source.Paused }, cancellationToken);
        logger.LogInformation(
            "Source {Source} is harvested on schedule '{Schedule}' ({Zone}){Paused}",
            d.Id, d.Schedule, zone.Id, source.Paused ? ", paused" : "");
    }

    private async Task<DateTimeOffset?> LastRunStartAsync(string sourceId, CancellationToken cancellationToken)
    {
        var runs = await store.ListRunsAsync(sourceId, 1, cancellationToken);
        return runs.Count == 0 || runs[0].Status == RunStatus.Running ? null : runs[0].StartedAt;
    }
}

/// <summary>Time zones of schedules: IANA ids (<c>Asia/Shanghai</c>); an unknown id is an error, never UTC.</summary>
public static class ScheduleTimeZones
{
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
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

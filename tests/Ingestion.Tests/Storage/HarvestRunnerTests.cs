using Search.Connectors.Harvesting;
using Search.Ingestion.Mapping;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Ingestion.Tests.Storage;

/// <summary>The store and the runner, once on each database the engine supports.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class HarvestRunnerTests(DatabaseProvider provider)
{
    [Test]
    public async Task Migrations_are_applied_once()
    {
        using var catalog = new TestCatalog(provider);
        var again = await catalog.Store.MigrateAsync();
        Assert.That(again, Is.Empty);
    }

    [Test]
    public async Task A_run_stores_records_counts_them_and_keeps_the_checkpoint()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "标题一"), TestCatalog.Rec("b", "标题二")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("c", "标题三")]);

        var run = await catalog.HarvestAsync();

        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Succeeded));
            Assert.That(run.Harvested, Is.EqualTo(3));
            Assert.That(run.New, Is.EqualTo(3));
            Assert.That(run.Updated, Is.Zero);
            Assert.That(run.FinishedAt, Is.Not.Null);
        });
        var source = await catalog.Store.GetSourceAsync("s1");
        Assert.That(source!.Checkpoint, Is.EqualTo("2"));
        Assert.That(source.RecordCount, Is.EqualTo(3));
        var record = await catalog.Store.GetRecordAsync(RecordIds.For("s1", "b"));
        Assert.That(record!.Record.Title, Is.EqualTo("标题二"));
        var changes = await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.That(changes.Select(c => c.RecordId), Is.EquivalentTo(new[] { "a", "b", "c" }.Select(x => RecordIds.For("s1", x))));
    }

    [Test]
    public async Task Harvesting_the_same_records_again_changes_nothing()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("b", "乙")]);
        await catalog.HarvestAsync();

        // A new window from scratch that replays the same batch (as after a crash before the checkpoint moved).
        var source = await catalog.Store.GetSourceAsync("s1");
        await catalog.Store.UpsertSourceAsync(source!.Definition);
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("b", "乙改")]);
        var run = await catalog.HarvestAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(run.Harvested, Is.EqualTo(2));
            Assert.That(run.New, Is.Zero);
            Assert.That(run.Updated, Is.EqualTo(1));
            Assert.That(await catalog.Store.CountRecordsAsync("s1"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_re_harvest_maps_and_stores_only_what_changed_and_still_counts_everything()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("b", "乙"), TestCatalog.Rec("gone", null, deleted: true)]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("bad", "BAD payload"), TestCatalog.Rec("c", "丙")]);
        await catalog.HarvestAsync();
        var changes = (await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None)).Count;
        var mapped = catalog.Mapper.Calls;

        await catalog.ResetCheckpointAsync();
        catalog.Connector.Batches[1] = [TestCatalog.Rec("bad", "BAD payload"), TestCatalog.Rec("c", "丙改")];
        var again = await catalog.HarvestAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(catalog.Mapper.Calls - mapped, Is.EqualTo(2), "only the quarantined record and the changed one are mapped again");
            Assert.That((again.Harvested, again.New, again.Updated, again.Deleted, again.Quarantined), Is.EqualTo((5, 0, 1, 0, 1)));
            Assert.That((await catalog.Store.GetRecordAsync(RecordIds.For("s1", "c")))!.Record.Title, Is.EqualTo("丙改"));
            Assert.That(await catalog.Store.ListQuarantineAsync("s1"), Has.Count.EqualTo(2), "a record that cannot be mapped is quarantined at every harvest");
            Assert.That((await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None)).Count, Is.EqualTo(changes + 1));
        });
    }

    [Test]
    public async Task A_record_sent_twice_in_one_batch_is_stored_as_sent_last()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("a", "甲二"), TestCatalog.Rec("b", "乙"), TestCatalog.Rec("b", null, deleted: true)]);

        var run = await catalog.HarvestAsync();

        Assert.Multiple(async () =>
        {
            Assert.That((run.Harvested, run.New, run.Updated, run.Deleted), Is.EqualTo((4, 2, 1, 1)));
            Assert.That((await catalog.Store.GetRecordAsync(RecordIds.For("s1", "a")))!.Record.Title, Is.EqualTo("甲二"));
            Assert.That(await catalog.Store.GetRecordAsync(RecordIds.For("s1", "b")), Is.Null);
            var changes = await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None);
            Assert.That(changes.Select(c => (c.RecordId, c.Deleted)), Is.EquivalentTo(new[] { (RecordIds.For("s1", "a"), false), (RecordIds.For("s1", "b"), true) }));
        });

        // The same batch again: record by record, as sent (a changes twice, b comes back and goes again).
        await catalog.ResetCheckpointAsync();
        var again = await catalog.HarvestAsync();
        Assert.That((again.New, again.Updated, again.Deleted), Is.EqualTo((1, 2, 1)));
        Assert.That((await catalog.Store.GetRecordAsync(RecordIds.For("s1", "a")))!.Record.Title, Is.EqualTo("甲二"));
    }

    [Test]
    public async Task A_batch_calling_a_changed_record_unchanged_writes_nothing()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲")]);
        await catalog.HarvestAsync();
        var run = await catalog.Store.StartRunAsync("s1");

        var stale = new PreparedRecord(TestCatalog.Rec("a", "甲改"), null, null) { PayloadHash = "not-the-stored-hash", Unchanged = true };
        Assert.That(
            async () => await catalog.Store.CommitBatchAsync("s1", run, [stale, new PreparedRecord(TestCatalog.Rec("n", "新"), null, "x")], [], "cp"),
            Throws.TypeOf<StaleBatchException>());

        Assert.Multiple(async () =>
        {
            Assert.That((await catalog.Store.GetSourceAsync("s1"))!.Checkpoint, Is.EqualTo("1"));
            Assert.That(await catalog.Store.ListQuarantineAsync("s1"), Is.Empty);
            Assert.That((await catalog.Store.GetRunAsync(run))!.Harvested, Is.Zero);
        });
    }

    [Test]
    public async Task Deleted_records_leave_the_catalogue_and_the_change_log_says_so()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("b", "乙")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", null, deleted: true), TestCatalog.Rec("zz", null, deleted: true)]);

        var run = await catalog.HarvestAsync();

        Assert.That(run.Deleted, Is.EqualTo(1), "only records the catalogue held count as deleted");
        Assert.That(await catalog.Store.GetRecordAsync(RecordIds.For("s1", "a")), Is.Null);
        var changes = await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.That(changes[^1], Is.EqualTo(new RecordChange(changes[^1].ChangeId, RecordIds.For("s1", "a"), true)));
        var records = await catalog.Store.GetRecordsAsync([RecordIds.For("s1", "a"), RecordIds.For("s1", "b")], CancellationToken.None);
        Assert.That(records.Select(r => r.ExternalId), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task An_unmappable_record_is_quarantined_with_reason_and_payload_and_the_run_goes_on()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("bad", "BAD payload"), TestCatalog.Rec("c", "丙")]);

        var run = await catalog.HarvestAsync();

        Assert.That(run.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(run.Quarantined, Is.EqualTo(1));
        Assert.That(run.New, Is.EqualTo(2));
        var quarantined = await catalog.Store.ListQuarantineAsync("s1");
        Assert.That(quarantined, Has.Count.EqualTo(1));
        Assert.That(quarantined[0].ExternalId, Is.EqualTo("bad"));
        Assert.That(quarantined[0].Reason, Does.Contain("BAD"));
        Assert.That(quarantined[0].Payload, Is.EqualTo("BAD payload"));
    }

    /// <summary>A partner's record with a 20-million-character title: quarantined by its size, whole, and the run goes on.</summary>
    [Test]
    public async Task An_oversized_record_is_quarantined_with_its_size_and_the_run_goes_on()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        var huge = new string('题', 20_000_000);
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲"), TestCatalog.Rec("huge", huge), TestCatalog.Rec("c", "丙")]);

        var run = await catalog.HarvestAsync();

        Assert.That((run.Status, run.New, run.Quarantined), Is.EqualTo((RunStatus.Succeeded, 2, 1)));
        var quarantined = (await catalog.Store.ListQuarantineAsync("s1")).Single();
        Assert.That(quarantined.Reason, Does.Contain("20,000,000 characters"));
        Assert.That(quarantined.Payload, Has.Length.EqualTo(huge.Length), "what the partner sent is kept to be looked at");
        Assert.That(await catalog.Store.GetRecordAsync(RecordIds.For("s1", "huge")), Is.Null);
    }

    /// <summary>A title over its limit but a payload within it: the record is taken with the title cut, never split inside a character.</summary>
    [Test]
    public async Task A_field_over_its_limit_is_cut_and_the_raw_record_keeps_it_whole()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        var title = string.Concat(Enumerable.Repeat("𠀀长标题", 2_000));
        catalog.Connector.Batches.Add([TestCatalog.Rec("long", title)]);

        var run = await catalog.HarvestAsync();

        Assert.That((run.New, run.Quarantined), Is.EqualTo((1, 0)));
        var stored = (await catalog.Store.GetRecordAsync(RecordIds.For("s1", "long")))!.Record;
        Assert.That(stored.Title, Has.Length.LessThanOrEqualTo(new global::Search.Ingestion.Normalization.RecordLimits().MaxTitleCharacters + 1));
        Assert.That(stored.Title, Does.EndWith("…"));
        Assert.That(title, Does.StartWith(stored.Title[..^1]), "a prefix of what was sent");
        Assert.That(char.IsHighSurrogate(stored.Title[^2]), Is.False, "no half of a surrogate pair");
    }

    [Test]
    public async Task A_partner_that_goes_down_fails_the_run_keeps_the_checkpoint_and_the_next_run_resumes()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("b", "乙")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("c", "丙")]);
        catalog.Connector.FailAtBatch = 1;

        var failed = await catalog.HarvestAsync();
        Assert.That(failed.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(failed.Errors, Has.Some.Contains("partner down at batch 1"));
        Assert.That((await catalog.Store.GetSourceAsync("s1"))!.Checkpoint, Is.EqualTo("1"));

        catalog.Connector.FailAtBatch = null;
        var resumed = await catalog.HarvestAsync();

        Assert.That(resumed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(catalog.Connector.CheckpointsSeen, Is.EqualTo(new string?[] { null, "1" }));
        Assert.That(resumed.New, Is.EqualTo(2));
        Assert.That(await catalog.Store.CountRecordsAsync("s1"), Is.EqualTo(3));
    }

    [Test]
    public async Task The_partner_is_read_ahead_while_an_earlier_batch_is_still_being_mapped()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("b", "乙")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("c", "丙")]);
        var thirdAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.Connector.OnBatchAsked = i =>
        {
            if (i == 2)
            {
                thirdAsked.TrySetResult();
            }
        };

        // The first record's mapping waits until the connector has been asked for the third batch: without reading
        // ahead of the mapper that never happens, the wait times out and the record is quarantined.
        catalog.Mapper.BeforeMap = record =>
        {
            if (record.ExternalId == "a" && !thirdAsked.Task.Wait(TimeSpan.FromSeconds(20)))
            {
                throw new MappingException("the connector was not read ahead of the mapper");
            }
        };

        var run = await catalog.HarvestAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Succeeded));
            Assert.That(run.Quarantined, Is.Zero);
            Assert.That(run.New, Is.EqualTo(3));
            Assert.That((await catalog.Store.GetSourceAsync("s1"))!.Checkpoint, Is.EqualTo("3"));
        });
    }

    [Test]
    public async Task A_partner_failing_after_pages_read_ahead_keeps_the_checkpoint_of_the_last_commit()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("b", "乙")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("c", "丙")]);
        catalog.Connector.FailAtBatch = 2;

        // The connector fails on the third batch while the first is still being mapped: the two batches it sent
        // are committed first, then the run fails.
        var failing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        catalog.Connector.OnBatchAsked = i =>
        {
            if (i == 2)
            {
                failing.TrySetResult();
            }
        };
        catalog.Mapper.BeforeMap = record =>
        {
            if (record.ExternalId == "a")
            {
                failing.Task.Wait(TimeSpan.FromSeconds(20));
            }
        };

        var failed = await catalog.HarvestAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(failed.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(failed.Errors, Has.Some.Contains("partner down at batch 2"));
            Assert.That(failed.New, Is.EqualTo(2));
            Assert.That((await catalog.Store.GetSourceAsync("s1"))!.Checkpoint, Is.EqualTo("2"));
        });
    }

    [Test]
    public async Task A_cancelled_run_stays_running_and_executing_it_again_finishes_it()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲")]);
        catalog.Connector.Batches.Add([TestCatalog.Rec("b", "乙")]);
        var runId = await catalog.Runner.BeginAsync("s1");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await catalog.Runner.ExecuteAsync(runId, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That((await catalog.Store.ListRunningAsync()).Select(r => r.RunId), Is.EqualTo(new[] { runId }));

        var finished = await catalog.Runner.ExecuteAsync(runId);
        Assert.That(finished.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(finished.Harvested, Is.EqualTo(2));
    }

    [Test]
    public async Task A_source_cannot_have_two_runs_at_once()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        await catalog.Runner.BeginAsync("s1");
        Assert.That(async () => await catalog.Runner.BeginAsync("s1"), Throws.TypeOf<RunAlreadyActiveException>());
    }

    [Test]
    public async Task Runs_are_listed_newest_first()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        catalog.Connector.Batches.Add([TestCatalog.Rec("a", "甲")]);
        var first = await catalog.HarvestAsync();
        var second = await catalog.HarvestAsync();
        var runs = await catalog.Store.ListRunsAsync("s1");
        Assert.That(runs.Select(r => r.RunId), Is.EqualTo(new[] { second.RunId, first.RunId }));
    }

    [Test]
    public async Task Unknown_connector_kinds_fail_the_run_with_a_clear_error()
    {
        using var catalog = new TestCatalog(provider);
        using var settings = System.Text.Json.JsonDocument.Parse("{}");
        await catalog.Store.UpsertSourceAsync(new SourceDefinition("x", "X", "no-such-kind", settings.RootElement.Clone(), null));
        var run = await catalog.HarvestAsync("x");
        Assert.That(run.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Errors[0], Does.Contain("no-such-kind"));
    }

    [Test]
    public void Connector_registry_names_known_kinds()
    {
        var registry = new ConnectorRegistry([new ScriptedConnector()]);
        Assert.That(registry.Find("SCRIPTED"), Is.Not.Null);
        Assert.That(() => registry.Get("nope"), Throws.TypeOf<ConnectorException>().With.Message.Contains("scripted"));
    }
}

using Search.Connectors.Harvesting;
using Search.Ingestion.Model;
using Search.Ingestion.Storage;

namespace Search.Ingestion.Tests.Storage;

/// <summary>Retiring what a complete pass did not see, once on each database the engine supports.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class CompletePassTests(DatabaseProvider provider)
{
    private static PreparedRecord Prepared(string id) => new(
        TestCatalog.Rec(id, "题名" + id),
        new CatalogRecord { Id = RecordIds.For("s1", id), SourceId = "s1", ExternalId = id, Title = "题名" + id },
        null);

    private static async Task<BatchCounts> CommitAsync(TestCatalog catalog, long run, bool ends, params string[] ids) =>
        await catalog.Store.CommitBatchAsync("s1", run, ids.Select(Prepared).ToList(), [], "cp", ends);

    [Test]
    public async Task Records_unseen_by_a_pass_that_spans_runs_are_retired_when_it_ends_and_only_then()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        var run1 = await catalog.Store.StartRunAsync("s1");
        await CommitAsync(catalog, run1, false, "a", "b", "c");
        var firstEnd = await CommitAsync(catalog, run1, true, "d");
        Assert.That(firstEnd.Deleted, Is.Zero, "the first pass saw everything");
        await catalog.Store.FinishRunAsync(run1, RunStatus.Succeeded, []);

        // The second pass sees a and b, then its run fails: nothing is retired.
        var run2 = await catalog.Store.StartRunAsync("s1");
        var partial = await CommitAsync(catalog, run2, false, "a", "b");
        await catalog.Store.FinishRunAsync(run2, RunStatus.Failed, ["partner down"]);
        Assert.That(partial.Deleted, Is.Zero);
        Assert.That(await catalog.Store.CountRecordsAsync("s1"), Is.EqualTo(4));

        // The next run resumes the same pass, sees d and ends it: only c, unseen by the whole pass, goes.
        var run3 = await catalog.Store.StartRunAsync("s1");
        var end = await CommitAsync(catalog, run3, true, "d");
        Assert.Multiple(async () =>
        {
            Assert.That(end.Deleted, Is.EqualTo(1));
            Assert.That(await catalog.Store.GetRecordAsync(RecordIds.For("s1", "c")), Is.Null);
            Assert.That(await catalog.Store.GetRecordAsync(RecordIds.For("s1", "a")), Is.Not.Null);
            Assert.That(await catalog.Store.CountRecordsAsync("s1"), Is.EqualTo(3));
        });
        var changes = await catalog.Store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.That(changes[^1], Is.EqualTo(new RecordChange(changes[^1].ChangeId, RecordIds.For("s1", "c"), true)));
        await catalog.Store.FinishRunAsync(run3, RunStatus.Succeeded, []);

        // A new pass begins after the end: seeing only a and ending retires b and d.
        var run4 = await catalog.Store.StartRunAsync("s1");
        var next = await CommitAsync(catalog, run4, true, "a");
        Assert.That(next.Deleted, Is.EqualTo(2));
    }

    [Test]
    public async Task A_complete_pass_that_saw_nothing_retires_nothing()
    {
        using var catalog = new TestCatalog(provider);
        await catalog.AddSourceAsync();
        var run1 = await catalog.Store.StartRunAsync("s1");
        await CommitAsync(catalog, run1, true, "a", "b");
        await catalog.Store.FinishRunAsync(run1, RunStatus.Succeeded, []);

        var run2 = await catalog.Store.StartRunAsync("s1");
        var empty = await CommitAsync(catalog, run2, true);
        Assert.Multiple(async () =>
        {
            Assert.That(empty.Deleted, Is.Zero);
            Assert.That(await catalog.Store.CountRecordsAsync("s1"), Is.EqualTo(2));
        });
    }
}

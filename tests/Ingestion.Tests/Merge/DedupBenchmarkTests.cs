using Search.Bench.Dedup;
using Search.Ingestion.Storage;
using Search.Ingestion.Tests.Storage;

namespace Search.Ingestion.Tests.Merge;

/// <summary>
/// The dedup bench's evaluation (bench/dedup) on the labelled set of tests/TestData/dedup, through the
/// file connector, the real mappers, runner and store: its numbers (bench/RESULTS.md) pinned a bit below.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public class DedupBenchmarkTests(DatabaseProvider provider)
{
    [Test]
    public async Task Merging_the_labelled_set_keeps_precision_and_recall()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dedup-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var database = provider == DatabaseProvider.Sqlite
                ? Database.SqliteFile(Path.Combine(dir, "catalog.db"))
                : new Database(DatabaseProvider.Postgres, PostgresServer.Shared.CreateDatabase());
            var score = await DedupEvaluation.RunAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "dedup"), database);
            TestContext.Out.WriteLine(score);

            Assert.Multiple(() =>
            {
                Assert.That(score.Records, Is.EqualTo(588));
                Assert.That(score.TruePairs, Is.EqualTo(336));
                Assert.That(score.Precision, Is.GreaterThanOrEqualTo(0.99), string.Join("; ", score.FalseMerges));
                Assert.That(score.Recall, Is.GreaterThanOrEqualTo(0.975), string.Join("; ", score.MissedWorks));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}

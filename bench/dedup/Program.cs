using System.Diagnostics;
using Search.Bench.Dedup;
using Search.Ingestion.Storage;

// Usage: dotnet run --project bench/dedup [-- <labelled set folder>]   (default: tests/TestData/dedup)
var data = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("tests", "TestData", "dedup"));
var work = Path.Combine(Path.GetTempPath(), "dedup-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
try
{
    var clock = Stopwatch.StartNew();
    var score = await DedupEvaluation.RunAsync(data, Database.SqliteFile(Path.Combine(work, "catalog.db")));
    clock.Stop();
    Console.WriteLine(score);
    Console.WriteLine($"harvest + merge: {clock.Elapsed.TotalSeconds:F1} s");
    foreach (var merge in score.FalseMerges.Take(20))
    {
        Console.WriteLine("false merge: " + merge);
    }

    foreach (var missed in score.MissedWorks.Take(20))
    {
        Console.WriteLine("missed: " + missed);
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

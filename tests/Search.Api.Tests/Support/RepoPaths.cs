namespace Search.Api.Tests.Support;

/// <summary>Finds the repository's own folders from the test binaries, wherever the clone is.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DemoCsl => Path.Combine(Root, "config", "demo", "csl");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Search.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Search.sln not found above the test directory.");
    }
}

namespace Search.Tests.Support;

/// <summary>
/// The team's shared test data (real partner files that carry no open licence and so stay out of the
/// repository): the folder named by <c>SEARCH_SHARED_DATA</c>, else the first <c>shared/data</c> beside a
/// folder above the test assembly (the checkout's parent holds <c>shared/</c>).
/// </summary>
public static class SharedData
{
    public const string Variable = "SEARCH_SHARED_DATA";

    /// <summary>The shared data folder, or null when there is none.</summary>
    public static string? Root { get; } = Find();

    /// <summary>The path of <paramref name="relative"/> in the shared data; the test is ignored when it is not there.</summary>
    public static string Require(string relative)
    {
        var path = Root is null ? null : Path.Combine(Root, relative);
        if (path is null || (!Directory.Exists(path) && !File.Exists(path)))
        {
            Assert.Ignore($"Shared test data '{relative}' not found: set {Variable} to the shared data folder or check out beside shared/data.");
        }

        return path!;
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

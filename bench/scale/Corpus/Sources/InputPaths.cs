namespace Search.Bench.Corpus.Sources;

/// <summary>
/// Where the real distributions are read from: the shared sample-data folder when given (<c>--data</c>), else the
/// repository's own samples (tests/TestData). Nothing here is copied into the output except as statistics.
/// </summary>
internal sealed class InputPaths
{
    private InputPaths(string? data, string? repository)
    {
        Data = data;
        Repository = repository;
    }

    /// <summary>The shared sample-data folder, when given and present.</summary>
    public string? Data { get; }

    /// <summary>The repository root (the folder holding Search.sln), when found.</summary>
    public string? Repository { get; }

    public static InputPaths Find(string? data)
    {
        if (data is not null && !Directory.Exists(data))
        {
            throw new DirectoryNotFoundException($"--data: no folder {data}");
        }

        var repository = FindRepository(Directory.GetCurrentDirectory()) ?? FindRepository(AppContext.BaseDirectory);
        return new InputPaths(data is null ? null : Path.GetFullPath(data), repository);
    }

    /// <summary>The CSL papers file: data/csl/csl-dev-1000.jsonl, else the repository's tests/TestData/csl copy.</summary>
    public string CslFile()
    {
        foreach (var candidate in Candidates("csl"))
        {
            var file = Path.Combine(candidate, "csl-dev-1000.jsonl");
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new FileNotFoundException("csl-dev-1000.jsonl not found: run from the repository or give --data");
    }

    /// <summary>The folders holding samples of one kind (oai-pmh, marc, patent-xml), data folder first.</summary>
    public IReadOnlyList<string> SampleFolders(params string[] names)
    {
        var folders = new List<string>();
        foreach (var name in names)
        {
            folders.AddRange(Candidates(name).Where(Directory.Exists));
        }

        // With --data, the repository copies are subsets of it: read them only when the data folder lacks the kind.
        if (Data is not null && folders.Any(f => f.StartsWith(Data, StringComparison.Ordinal)))
        {
            folders.RemoveAll(f => !f.StartsWith(Data, StringComparison.Ordinal));
        }

        return folders;
    }

    private IEnumerable<string> Candidates(string name)
    {
        if (Data is not null)
        {
            yield return Path.Combine(Data, name);
        }

        if (Repository is not null)
        {
            yield return Path.Combine(Repository, "tests", "TestData", name);
        }
    }

    private static string? FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

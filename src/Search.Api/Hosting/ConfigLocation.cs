namespace Search.Api.Hosting;

/// <summary>
/// Finds the configuration folder (<c>appsettings.json</c>, <c>sources/</c>, the demo data) when none is named: the
/// working directory's <c>config</c>, else the <c>config</c> of the repository the engine was built in (found above
/// the binaries or the working directory by its <c>Search.sln</c>), so that <c>dotnet run --project src/Search.Api</c>
/// starts the same engine as <c>scripts/run</c> (a relative data folder is taken beside the configuration folder,
/// see <see cref="SearchHostOptions.ResolvedDataDirectory"/>). A named folder that does not exist, or none found, stops the start with the places looked at.
/// </summary>
public static class ConfigLocation
{
    public const string DefaultName = "config";

    /// <summary>The configuration folder to use, as a full path.</summary>
    public static string Resolve(string? named, string workingDirectory, string binaries)
    {
        if (named is not null)
        {
            var full = Path.GetFullPath(named, workingDirectory);
            return Directory.Exists(full)
                ? full
                : throw new InvalidOperationException($"Search:ConfigDirectory '{named}' does not exist (looked at {full}).");
        }

        var looked = new List<string>();
        foreach (var candidate in Candidates(workingDirectory, binaries))
        {
            looked.Add(candidate);
            if (Directory.Exists(candidate) && (File.Exists(Path.Combine(candidate, "appsettings.json")) || Directory.Exists(Path.Combine(candidate, "sources"))))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "No configuration folder found (a 'config' folder with appsettings.json or sources/). Looked at: " + string.Join(", ", looked.Distinct()) +
            ". Start the engine from the repository (bash scripts/run), or set Search__ConfigDirectory.");
    }

    private static IEnumerable<string> Candidates(string workingDirectory, string binaries)
    {
        yield return Path.Combine(workingDirectory, DefaultName);
        foreach (var start in new[] { workingDirectory, binaries })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Search.sln")))
                {
                    yield return Path.Combine(dir.FullName, DefaultName);
                    break;
                }
            }
        }
    }
}

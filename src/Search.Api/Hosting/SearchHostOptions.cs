using System.ComponentModel.DataAnnotations;
using Search.Ingestion.Storage;

namespace Search.Api.Hosting;

/// <summary>The host's settings, bound from the <c>Search</c> section (env: <c>Search__DataDirectory</c> ...).</summary>
public sealed class SearchHostOptions
{
    public const string Section = "Search";

    /// <summary>Where the SQLite catalogue and the Lucene index live. A relative path is taken beside the configuration folder.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The folder holding <c>sources/*.json</c> and the demo data. Relative to the working directory.</summary>
    [Required]
    public string ConfigDirectory { get; set; } = "config";

    public DatabaseSettings Database { get; set; } = new();

    public AdminSettings Admin { get; set; } = new();

    /// <summary>Harvest the sources defined in <c>config/sources</c> that were never harvested, at start (the demo data).</summary>
    public bool HarvestNewConfiguredSources { get; set; } = true;

    /// <summary>How many harvests may run at once (each source has at most one).</summary>
    [Range(1, 16)]
    public int ConcurrentHarvests { get; set; } = 2;

    /// <summary>The time zone in which librarians' cron schedules are read (IANA id).</summary>
    public string ScheduleTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Folders, besides <see cref="ConfigDirectory"/>, whose dumps file sources may read (absolute, or relative to the working directory).</summary>
    public FileSourceFolders FileSources { get; set; } = new();

    /// <summary>The data folder; a relative one is beside the configuration folder (the repository's <c>data</c> by default).</summary>
    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory, Path.GetDirectoryName(ResolvedConfigDirectory) ?? Directory.GetCurrentDirectory());

    public string ResolvedConfigDirectory => Path.GetFullPath(ConfigDirectory);
}

public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSQL; SQLite uses <c>catalog.db</c> in the data directory unless this is set.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class AdminSettings
{
    /// <summary>The first librarian, created when the catalogue has none.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }
}

public sealed class FileSourceFolders
{
    /// <summary>Folders a file source's <c>path</c> may lie in, besides the config folder. System folders are refused whatever is listed.</summary>
    public List<string> AllowedFolders { get; set; } = [];
}

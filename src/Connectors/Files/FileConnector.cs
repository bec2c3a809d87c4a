using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Search.Connectors.Harvesting;

namespace Search.Connectors.Files;

/// <summary>
/// Harvests dump files from the local disk: a file, or every matching file of a folder and its sub-folders in
/// ordinal order of their relative paths. One file is one batch. The checkpoint remembers each file read
/// completely with its size and SHA-256, so a run resumes after the last completed file and a later run reads
/// only new or changed files. The format of the files is read by the <see cref="IFileFormatReader"/> named in
/// the source's settings (see <see cref="FileSourceSettings"/>).
/// </summary>
public sealed class FileConnector : IConnector
{
    public const string ConnectorKind = "file";

    /// <summary>How much of a file that could not be read at all is kept with its problem.</summary>
    public const int MaxQuarantinedChars = 64 * 1024;

    private readonly string _baseDirectory;
    private readonly FileConfinement _confinement;
    private readonly Dictionary<string, IFileFormatReader> _readers;

    /// <param name="options">The base directory relative paths are resolved against.</param>
    /// <param name="readers">The format readers, one per format name.</param>
    public FileConnector(FileConnectorOptions options, IEnumerable<IFileFormatReader> readers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.BaseDirectory);
        _baseDirectory = Path.GetFullPath(options.BaseDirectory);
        _confinement = new FileConfinement(options.AllowedFolders is { Count: > 0 } allowed ? allowed : [_baseDirectory]);
        _readers = new Dictionary<string, IFileFormatReader>(StringComparer.OrdinalIgnoreCase);
        foreach (var reader in readers)
        {
            if (!_readers.TryAdd(reader.Format, reader))
            {
                throw new ArgumentException($"Two file format readers are named '{reader.Format}'.", nameof(readers));
            }
        }
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities => ConnectorCapabilities.Incremental;

    /// <summary>The formats this connector can read, in ordinal order.</summary>
    public IEnumerable<string> Formats => _readers.Keys.Order(StringComparer.Ordinal);

    /// <summary>Its own settings and those of every format it reads.</summary>
    public IReadOnlyCollection<string> SettingNames =>
        [.. OwnSettingNames.Concat(_readers.Values.SelectMany(r => r.SettingNames)).Distinct(StringComparer.Ordinal)];

    private static readonly string[] OwnSettingNames = ["path", "format", "pattern"];

    public IReadOnlyList<string> ValidateSettings(JsonElement settings)
    {
        var problems = new List<string>();
        var read = FileSourceSettings.Read(settings, problems);
        if (read is null)
        {
            return problems;
        }

        if (!_readers.ContainsKey(read.Format))
        {
            problems.Add($"'format' '{read.Format}' is not known; known formats: {string.Join(", ", Formats)}.");
        }

        var full = ResolvePath(read.Path);
        if (_confinement.Problem(read.Path, full) is { } confined)
        {
            problems.Add(confined);
        }
        else if (!File.Exists(full) && !Directory.Exists(full))
        {
            problems.Add($"'path' '{read.Path}' is neither a file nor a folder (looked at {full}).");
        }

        return problems;
    }

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(
        HarvestContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = ValidateSettings(context.Settings);
        if (problems.Count > 0)
        {
            throw new ConnectorException($"The file settings of source '{context.SourceId}' are not usable: {string.Join(" ", problems)}");
        }

        var settings = FileSourceSettings.Read(context.Settings, [])!;
        var reader = _readers[settings.Format];
        var files = ListFiles(ResolvePath(settings.Path), settings.Pattern ?? reader.DefaultSearchPattern);

        var previous = FileCheckpoint.Parse(context.Checkpoint).Files
            .GroupBy(f => f.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

        // What stays true after each batch: the completed files that still exist, plus those read in this run.
        var present = files.Select(f => f.RelativePath).ToHashSet(StringComparer.Ordinal);
        var completed = new SortedDictionary<string, FileFingerprint>(
            previous.Where(p => present.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);

        foreach (var (fullPath, relativePath) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_confinement.Problem(relativePath, fullPath) is not null)
            {
                // A link inside the folder that leads out of the allowed folders: named, never read.
                yield return new HarvestBatch(
                    [],
                    [new HarvestProblem(null, $"The file '{relativePath}' leads outside the folders file sources may read; it was not read.", null)],
                    new FileCheckpoint([.. completed.Values]).Serialize());
                continue;
            }

            var fingerprint = await FingerprintAsync(fullPath, relativePath, cancellationToken);
            if (previous.TryGetValue(relativePath, out var known) && known == fingerprint)
            {
                continue;
            }

            FileContent content;
            try
            {
                await using var stream = OpenRead(fullPath);
                content = await reader.ReadAsync(stream, new FileReadContext(context.SourceId, relativePath, context.Settings), cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                var raw = await ReadHeadAsync(fullPath, cancellationToken);
                content = new FileContent([], [new HarvestProblem(null, $"The file '{relativePath}' is not readable as {reader.Format}: {ex.Message}", raw)]);
            }

            completed[relativePath] = fingerprint;
            yield return new HarvestBatch(content.Records, content.Problems, new FileCheckpoint([.. completed.Values]).Serialize());
        }
    }

    private string ResolvePath(string path) => Path.GetFullPath(Path.Combine(_baseDirectory, path));

    private static List<(string FullPath, string RelativePath)> ListFiles(string root, string pattern)
    {
        if (File.Exists(root))
        {
            return [(root, Path.GetFileName(root))];
        }

        if (!Directory.Exists(root))
        {
            throw new ConnectorException($"The path '{root}' is neither a file nor a folder.");
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MatchCasing = MatchCasing.CaseInsensitive,
            IgnoreInaccessible = false,
        };
        return Directory.EnumerateFiles(root, pattern, options)
            .Select(full => (full, Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(f => f.Item2, StringComparer.Ordinal)
            .ToList();
    }

    private static FileStream OpenRead(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.Asynchronous | FileOptions.SequentialScan });

    private static async Task<FileFingerprint> FingerprintAsync(string fullPath, string relativePath, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(fullPath);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new FileFingerprint(relativePath, stream.Length, Convert.ToHexStringLower(hash));
    }

    private static async Task<string> ReadHeadAsync(string fullPath, CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(fullPath);
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var buffer = new char[MaxQuarantinedChars];
        var read = await text.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }
}

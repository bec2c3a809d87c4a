namespace Search.Connectors.Files;

/// <summary>
/// The folders a file source may read: a path is accepted only when, with every symbolic link along it
/// resolved, it lies inside one of them, has no <c>..</c> segment as written, and is not under a system folder
/// (<c>/proc</c>, <c>/sys</c>, <c>/dev</c>, <c>/etc</c>, <c>/run</c>, <c>/boot</c>, <c>/root</c>), whatever the
/// configuration says. A librarian's typo or a hostile setting cannot make the server's own files searchable.
/// </summary>
public sealed class FileConfinement
{
    private static readonly string[] SystemFolders = ["/proc", "/sys", "/dev", "/etc", "/run", "/boot", "/root"];

    private const int MaxLinkHops = 40;

    private readonly List<string> _roots;

    /// <param name="allowedFolders">Absolute folders (their links are resolved once, here).</param>
    public FileConfinement(IEnumerable<string> allowedFolders)
    {
        ArgumentNullException.ThrowIfNull(allowedFolders);
        _roots = [.. allowedFolders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => RealPath(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The allowed folders, links resolved.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>Why <paramref name="fullPath"/> (as resolved from the setting <paramref name="written"/>) may not be read, or null when it may.</summary>
    public string? Problem(string written, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(fullPath);
        if (written.Split('/', '\\').Any(segment => segment == ".."))
        {
            return $"'path' '{written}' has a '..' segment; name the folder inside an allowed folder directly.";
        }

        var real = RealPath(fullPath);
        if (SystemFolders.Any(system => IsInside(real, system)) || SystemFolders.Any(system => IsInside(fullPath, system)))
        {
            return $"'path' '{written}' is in a system folder; file sources never read there.";
        }

        if (!_roots.Any(root => IsInside(real, root)))
        {
            return $"'path' '{written}' is outside the folders file sources may read ({string.Join(", ", _roots)}; Search:FileSources:AllowedFolders).";
        }

        return null;
    }

    private static bool IsInside(string path, string folder)
    {
        var trimmed = folder.Length > 1 ? folder.TrimEnd(Path.DirectorySeparatorChar) : folder;
        return path == trimmed
            || path.StartsWith(trimmed == "/" ? "/" : trimmed + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The absolute path with every symbolic link along it resolved (parts that do not exist are kept as written).</summary>
    public static string RealPath(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var pending = new Stack<string>(Path.GetFullPath(fullPath).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = Path.GetPathRoot(Path.GetFullPath(fullPath)) ?? "/";
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            var target = info.Exists ? info.LinkTarget : null;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return next;
            }

            // A relative target is read from the link's own folder (current); a rooted one from the root.
            foreach (var segment in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(segment);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? "/";
            }
        }

        return current;
    }
}

namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>Relative paths ('/'-separated, as results report them), local names, and the names KeepBoth picks.</summary>
internal static class TreePaths
{
    private static readonly char[] Unsafe = [.. Path.GetInvalidFileNameChars().Union(['/', '\\'])];

    /// <summary>Joins a relative folder path and a name: <c>""</c> + <c>a</c> is <c>a</c>, <c>a</c> + <c>b</c> is <c>a/b</c>.</summary>
    public static string Join(string relativeFolder, string name) => relativeFolder.Length == 0 ? name : relativeFolder + "/" + name;

    /// <summary>The local path of a relative path under <paramref name="top"/>.</summary>
    public static string Local(string top, string relativePath) =>
        relativePath.Length == 0 ? top : Path.Join(top, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Why a remote name cannot be written locally, or <see langword="null"/> when it can: never <c>.</c>, <c>..</c>, a path
    /// separator or a character the file system refuses, so a server's names can never point outside the target directory.
    /// </summary>
    public static string? LocalNameProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "an empty name";
        }

        if (name is "." or "..")
        {
            return $"the name '{name}'";
        }

        int bad = name.IndexOfAny(Unsafe);
        return bad >= 0 ? $"the character U+{(int)name[bad]:X4} in its name" : null;
    }

    /// <summary>The first of <c>name (2).ext</c>, <c>name (3).ext</c>, … that <paramref name="isTaken"/> says is free.</summary>
    public static string FreeName(string name, Func<string, bool> isTaken)
    {
        string extension = Path.GetExtension(name);
        string stem = extension.Length > 0 && extension.Length < name.Length ? name[..^extension.Length] : name;
        if (stem.Length == name.Length)
        {
            extension = string.Empty;
        }

        for (int number = 2; ; number++)
        {
            string candidate = $"{stem} ({number}){extension}";
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Whether a file or directory is a symbolic link (or another reparse point) that a transfer must not follow.</summary>
    public static bool IsLink(FileSystemInfo entry) =>
        entry.LinkTarget is not null || (entry.Attributes & FileAttributes.ReparsePoint) != 0;
}

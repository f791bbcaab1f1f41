namespace CodeGoodly.Upload.Testing.Tests.Trees;

/// <summary>
/// A local directory tree for transfer tests, in its own temporary directory (deleted on dispose): files with Unicode
/// names spread over nested directories, each with its own seeded bytes, plus an empty directory.
/// </summary>
public sealed class SampleTree : IDisposable
{
    private static readonly string[] DirectoryNames = ["Ünïcödé", "日本語", "emoji 🎉", "naïve café", "Ελληνικά", "קובץ", "space d"];
    private static readonly string[] FileStems = ["résumé", "данные", "文件", "ファイル", "naïve", "emoji 🚀", "plain", "ÆØÅ", "ﬁle", "tab\u00A0nbsp"];

    private SampleTree(string root) => Root = root;

    /// <summary>The scratch directory; <see cref="Top"/> is inside it.</summary>
    public string Root { get; }

    /// <summary>The tree's top directory.</summary>
    public string Top => Path.Combine(Root, "tree");

    /// <summary>Every file, by '/'-separated path relative to <see cref="Top"/>.</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Every directory below the top, relative to <see cref="Top"/>.</summary>
    public List<string> Directories { get; } = [];

    /// <summary>
    /// Creates <paramref name="fileCount"/> files over <paramref name="levels"/> levels of directories (each directory has
    /// two subdirectories down to the last level), of 1 byte to <paramref name="maxSize"/> bytes, and one empty directory.
    /// </summary>
    public static SampleTree Create(int fileCount = 200, int levels = 5, int maxSize = 8 * 1024, int seed = 12)
    {
        var tree = new SampleTree(Directory.CreateTempSubdirectory("cg-tree-").FullName);
        Directory.CreateDirectory(tree.Top);
        var folders = new List<string> { string.Empty };
        var frontier = new List<string> { string.Empty };
        int nameIndex = 0;
        for (int level = 1; level < levels; level++)
        {
            var next = new List<string>();
            foreach (string parent in frontier)
            {
                for (int child = 0; child < 2; child++)
                {
                    string name = $"{DirectoryNames[nameIndex++ % DirectoryNames.Length]} {level}.{child}";
                    string relative = parent.Length == 0 ? name : parent + "/" + name;
                    tree.Directories.Add(relative);
                    Directory.CreateDirectory(tree.LocalPath(relative));
                    next.Add(relative);
                }
            }

            folders.AddRange(next);
            frontier = next;
        }

        tree.Directories.Add("empty ∅");
        Directory.CreateDirectory(tree.LocalPath("empty ∅"));

        var random = new Random(seed);
        for (int index = 0; index < fileCount; index++)
        {
            string folder = folders[index % folders.Count];
            string name = $"{FileStems[index % FileStems.Length]} {index:D3}{(index % 3 == 0 ? ".txt" : index % 3 == 1 ? ".bin" : string.Empty)}";
            byte[] content = new byte[random.Next(1, maxSize + 1)];
            random.NextBytes(content);
            tree.Add(folder.Length == 0 ? name : folder + "/" + name, content);
        }

        return tree;
    }

    /// <summary>Writes (or rewrites) one file of the tree.</summary>
    public void Add(string relativePath, byte[] content)
    {
        string path = LocalPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        Files[relativePath] = content;
    }

    /// <summary>The local path of a relative path under <see cref="Top"/>.</summary>
    public string LocalPath(string relativePath) => Path.Combine(Top, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A new empty directory in the scratch area.</summary>
    public string NewDirectory(string name)
    {
        string path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Every file under <paramref name="directory"/>, by '/'-separated relative path, with its bytes.</summary>
    public static Dictionary<string, byte[]> Read(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>Every directory under <paramref name="directory"/>, relative, '/'-separated, sorted.</summary>
    public static List<string> ReadDirectories(string directory) =>
        [.. Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Asserts that <paramref name="directory"/> holds exactly <paramref name="expected"/>, byte for byte.</summary>
    public static void AssertSameFiles(IReadOnlyDictionary<string, byte[]> expected, string directory)
    {
        Dictionary<string, byte[]> actual = Read(directory);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach ((string path, byte[] content) in expected)
        {
            Assert.True(content.AsSpan().SequenceEqual(actual[path]), $"'{path}' differs: {content.Length} bytes expected, {actual[path].Length} read.");
        }
    }

    /// <summary>Total bytes of the tree's files.</summary>
    public long TotalBytes => Files.Values.Sum(f => (long)f.Length);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temporary directory
        }
    }
}

namespace CodeGoodly.Upload.Cli.Remote;

/// <summary>A remote place a command names: a folder (the root has no id) or a file, with the path it was reached by.</summary>
internal abstract record RemoteItem(string Path)
{
    public abstract string Name { get; }

    /// <summary>How the item is named in messages and candidate lists: its path, and its id form.</summary>
    public abstract string IdForm { get; }
}

/// <summary>A folder; <see cref="Id"/> is <see langword="null"/> for the root.</summary>
internal sealed record RemoteFolder(string Path, FolderId? Id, FolderDetails? Details) : RemoteItem(Path)
{
    public static RemoteFolder Root { get; } = new("/", null, null);

    public bool IsRoot => Id is null;

    public override string Name => Details?.FolderName ?? string.Empty;

    public override string IdForm => Id is { } id ? "folder:" + id : "/";
}

/// <summary>A file.</summary>
internal sealed record RemoteFile(string Path, FileDetails Details) : RemoteItem(Path)
{
    public override string Name => Details.FileName;

    public override string IdForm => "file:" + Details.Id;
}

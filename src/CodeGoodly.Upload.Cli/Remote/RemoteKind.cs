namespace CodeGoodly.Upload.Cli.Remote;

/// <summary>What a command accepts at a remote place.</summary>
internal enum RemoteKind
{
    /// <summary>A file or a folder.</summary>
    Any,

    /// <summary>Only a folder.</summary>
    Folder,
}

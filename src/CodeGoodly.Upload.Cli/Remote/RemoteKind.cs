namespace CodeGoodly.Upload.Cli.Remote;

/// <summary>What a command accepts at a remote place.</summary>
internal enum RemoteKind
{
    Any,
    Folder,
    File,
}

namespace CodeGoodly.Upload.Testing;

/// <summary>How the fake reads uploads and where it keeps their bytes (<see cref="FakeUploadServerOptions.UploadStorage"/>).</summary>
public enum FakeUploadStorage
{
    /// <summary>
    /// The default: WireMock reads each request whole and the fake keeps every file's bytes in memory. For uploads of a few MiB;
    /// multipart bodies are parsed from their raw bytes exactly as PHP does.
    /// </summary>
    Memory,

    /// <summary>
    /// Streaming mode: the fake's own Kestrel middleware parses each upload as it arrives and writes the file to a temporary
    /// directory (deleted when the fake is disposed) while computing its MD5. Uploads and downloads of any size, at flat memory.
    /// </summary>
    Disk,

    /// <summary>
    /// Streaming mode without storage: each upload is parsed as it arrives and only its length and MD5 are kept. For benchmarks
    /// and tests that check what arrived, not what comes back: <see cref="FakeUploadServer.GetFileContent"/> returns
    /// <see langword="null"/> for such files and their download links answer 404.
    /// </summary>
    HashOnly,
}

using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>
/// The Testing package's fake in streaming mode, as the transfer tests use it: uploads parsed as they arrive and kept as their
/// MD5 and length (no disk, no memory), downloads of <see cref="TestPattern"/> files generated on the fly, with <c>ETag</c>s.
/// </summary>
internal static class TransferFake
{
    /// <param name="https">Serve over TLS with the fake's self-signed certificate (its <c>CreateClient</c> trusts it).</param>
    /// <param name="smallReceiveBuffers">Keep the fake's receive buffers at 64 KiB, so that a client's progress follows what the fake really read.</param>
    public static FakeUploadServer Start(bool https = false, bool smallReceiveBuffers = false) => FakeUploadServer.Start(new FakeUploadServerOptions
    {
        UploadStorage = FakeUploadStorage.HashOnly,
        SendDownloadValidators = true,
        UseHttps = https,
        ReceiveBufferSize = smallReceiveBuffers ? 64 * 1024 : 0,
    });

    /// <summary>Registers a downloadable file of <paramref name="size"/> pattern bytes (MD5: <c>TestPattern.Md5(size)</c>).</summary>
    public static FileId AddPatternFile(this FakeUploadServer server, long size) => server.AddFile("pattern.bin", size, TestPattern.Slice);

    /// <summary>Replaces a file's content by <paramref name="size"/> pattern bytes from pattern offset <paramref name="shift"/> (MD5: <c>TestPattern.Md5(shift, size)</c>).</summary>
    public static void ReplaceWithPattern(this FakeUploadServer server, FileId file, long size, long shift) =>
        server.ReplaceFileContent(file, size, (offset, count) => TestPattern.Slice(offset + shift, count));

    /// <summary>How many requests reached <c>/file/upload</c>.</summary>
    public static int UploadRequests(this FakeUploadServer server) => server.Journal.CountOf("file/upload");

    /// <summary>How many GETs of download links arrived.</summary>
    public static int DownloadRequests(this FakeUploadServer server) => server.Journal.CountOf(FakeUploadServer.DownloadEndpoint);

    /// <summary>The request header <paramref name="header"/> (<c>range</c>, <c>if-range</c>) of each download GET, in order; empty for none.</summary>
    public static string[] DownloadHeaders(this FakeUploadServer server, string header) =>
        [.. server.Journal.For(FakeUploadServer.DownloadEndpoint).Select(get => get.Fields[header])];

    /// <summary>The one upload request that reached the fake.</summary>
    public static FakeJournalEntry SingleUploadRequest(this FakeUploadServer server) => Assert.Single(server.Journal.For("file/upload"));
}

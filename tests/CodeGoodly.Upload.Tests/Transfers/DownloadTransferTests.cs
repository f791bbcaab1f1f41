using System.Globalization;
using CodeGoodly.Upload.Testing;
using CodeGoodly.Upload.TestSupport;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>Downloads against the fake in streaming mode: resume with Range after a drop, temp file + rename, progress, validators, redirects.</summary>
public sealed class DownloadTransferTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const string Download = FakeUploadServer.DownloadEndpoint;
    private const string AnyDownloadToken = "download_token=[0-9a-f]{8}"; // the fake's tokens are 64 hex digits; none may show in a message
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private FakeUploadServer server = null!;
    private string directory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        server = TransferFake.Start();
        directory = Directory.CreateTempSubdirectory("cg-download-").FullName;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task DownloadAsync_ConnectionDroppedMidway_ResumesWithRangeAndTheBytesMatch()
    {
        const long size = 8 * MiB + 3;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, 3 * MiB);
        using var client = server.CreateClient();
        using var destination = new HashingSink();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(size, destination.Length);
        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        string[] ranges = server.DownloadHeaders("range");
        Assert.Equal(2, ranges.Length);
        Assert.Equal(string.Empty, ranges[0]); // no Range
        Assert.Matches("^bytes=[1-9][0-9]*-$", ranges[1]);
    }

    [Fact]
    public async Task DownloadAsync_DroppedAndTheServerIgnoresRange_SkipsWhatItHasAndTheBytesMatch()
    {
        const long size = 8 * MiB + 3;
        FileId file = server.AddPatternFile(size);
        server.IgnoreRange = true;
        server.Faults.DropConnectionAfter(Download, 3 * MiB);
        using var client = server.CreateClient();
        using var destination = new HashingSink();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(size, destination.Length);
        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        Assert.Equal(2, server.DownloadRequests());
    }

    [Fact]
    public async Task DownloadAsync_WithProgress_ReportsMonotonicallyEndingAtTheTotal()
    {
        const long size = 6 * MiB + 1;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, 2 * MiB); // progress stays monotonic across a resume
        using var client = server.CreateClient();
        var progress = new SynchronousProgress();

        await client.Files.DownloadAsync(file, Stream.Null, progress, Cancel).WaitAsync(HangGuard, Cancel);

        IReadOnlyList<TransferProgress> reports = progress.Reports;
        Assert.Equal(new TransferProgress(size, size), reports[^1]);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesTransferred > reports[i - 1].BytesTransferred);
        }
    }

    [Fact]
    public async Task DownloadToFileAsync_Success_WritesTheWholeFileAndLeavesNoPartFile()
    {
        const long size = 5 * MiB + 7;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, MiB);
        string target = Path.Combine(directory, "downloaded.bin");
        using var client = server.CreateClient();

        await client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), Md5Of(target));
        Assert.Equal(["downloaded.bin"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task DownloadToFileAsync_EveryAttemptDropped_FailsWithoutATruncatedFileOrAPartFile()
    {
        FileId file = server.AddPatternFile(4 * MiB);
        server.Faults.DropConnectionAfter(Download, MiB, count: 10);
        string target = Path.Combine(directory, "never.bin");
        using var client = server.CreateClient(o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(directory));
        Assert.Equal(3, server.DownloadRequests()); // the first GET and two resumes
    }

    [Fact]
    public async Task DownloadToFileAsync_FailureOverAnExistingFile_LeavesTheOldFileUntouched()
    {
        FileId file = server.AddPatternFile(4 * MiB);
        server.Faults.DropConnectionAfter(Download, MiB, count: 10);
        string target = Path.Combine(directory, "existing.bin");
        await File.WriteAllTextAsync(target, "the old content", Cancel);
        using var client = server.CreateClient(o => o.MaxRetries = 1);

        await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal("the old content", await File.ReadAllTextAsync(target, Cancel));
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task DownloadToFileAsync_Cancelled_ThrowsOperationCanceledAndLeavesNoFile()
    {
        FileId file = server.AddPatternFile(long.MaxValue / 2); // endless: only the cancellation can end it
        string target = Path.Combine(directory, "cancelled.bin");
        using var client = server.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new SynchronousProgress(report =>
        {
            if (report.BytesTransferred >= 4 * MiB)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Files.DownloadToFileAsync(file, target, progress, cancellation.Token).WaitAsync(HangGuard, Cancel));

        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task DownloadAsync_DestinationFails_ThrowsTheDestinationsErrorWithoutResuming()
    {
        FileId file = server.AddPatternFile(8 * MiB);
        using var client = server.CreateClient();
        using var destination = new FailingStream(failAfter: MiB);

        var error = await Assert.ThrowsAsync<IOException>(() => client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal("No space left on device", error.Message);
        Assert.Equal(1, server.DownloadRequests());
    }

    [Fact]
    public async Task DownloadAsync_Resumed_SendsIfRangeWithTheFirstAnswersETag()
    {
        const long size = 4 * MiB;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, MiB);
        using var client = server.CreateClient();
        using var destination = new HashingSink();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        string[] ifRanges = server.DownloadHeaders("if-range");
        Assert.Equal(2, ifRanges.Length);
        Assert.Equal(string.Empty, ifRanges[0]); // no If-Range
        Assert.Equal(server.GetFileETag(file), ifRanges[1]);
    }

    [Fact]
    public async Task DownloadToFileAsync_FileReplacedBySameSizeBetweenAttempts_StartsAgainWithTheNewBytes()
    {
        const long size = 8 * MiB;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, 3 * MiB)
            .BeforeNext(Download, () => server.ReplaceWithPattern(file, size, shift: 1000)); // same length, other bytes: only the ETag tells
        string target = Path.Combine(directory, "replaced.bin");
        using var client = server.CreateClient();

        await client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(1000, size), Md5Of(target)); // the new file, whole: no splice of old and new
        Assert.Equal(2, server.DownloadRequests());
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task DownloadToFileAsync_ServerIgnoresRangeAndTheFileChangedLength_StartsAgainFromTheFirstByte()
    {
        FileId file = server.AddPatternFile(6 * MiB);
        server.IgnoreRange = true;
        server.SendDownloadValidators = false; // nothing but the length can tell
        server.Faults.DropConnectionAfter(Download, 2 * MiB)
            .BeforeNext(Download, () => server.ReplaceWithPattern(file, 5 * MiB + 11, shift: 77));
        string target = Path.Combine(directory, "shrunk.bin");
        using var client = server.CreateClient();

        await client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(5 * MiB + 11, new FileInfo(target).Length);
        Assert.Equal(TestPattern.Md5(77, 5 * MiB + 11), Md5Of(target));
        Assert.Equal(2, server.DownloadRequests());
    }

    [Fact]
    public async Task DownloadAsync_FileChangedAndTheDestinationCannotRewind_FailsWithoutSplicing()
    {
        const long size = 8 * MiB;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, 3 * MiB)
            .BeforeNext(Download, () => server.ReplaceWithPattern(file, size, shift: 1000));
        using var client = server.CreateClient();
        using var destination = new HashingSink(); // forward-only: what was written cannot be taken back

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(AnyDownloadToken, error.Message);
        Assert.InRange(destination.Length, 1, 3 * MiB); // the old file's first bytes, and not one byte of the new one after them
        Assert.Equal(2, server.DownloadRequests());
    }

    [Fact]
    public async Task DownloadToFileAsync_206WithoutContentRange_StartsAgainFromTheFirstByte()
    {
        const long size = 6 * MiB + 5;
        FileId file = server.AddPatternFile(size);
        server.Faults.DropConnectionAfter(Download, 2 * MiB);
        string target = Path.Combine(directory, "unplaced.bin");
        using var http = new HttpClient(new ContentRangeStripper(server.CreateHttpHandler())); // a 206 without Content-Range
        using var client = new UploadClient(http, server.Options);

        await client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), Md5Of(target));
        string[] ranges = server.DownloadHeaders("range");
        Assert.Equal(3, ranges.Length);
        Assert.NotEqual(string.Empty, ranges[1]);
        Assert.Equal(string.Empty, ranges[2]); // from the first byte again, not spliced at a place the server did not confirm
    }

    [Fact]
    public async Task DownloadAsync_Persistent503_MaxRetriesPlusOneGetsThenServer()
    {
        FileId file = server.AddPatternFile(MiB);
        server.Faults.FailNext(Download, count: 10, statusCode: 503, retryAfter: TimeSpan.Zero);
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(file, Stream.Null, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(4, server.DownloadRequests()); // one owner of the retries: 1 + MaxRetries GETs, not (1 + MaxRetries)²
    }

    [Fact]
    public async Task DownloadAsync_503ThenTheFile_RetriedOnce()
    {
        const long size = MiB + 3;
        FileId file = server.AddPatternFile(size);
        server.Faults.FailNext(Download, statusCode: 503);
        using var client = server.CreateClient();
        using var destination = new HashingSink();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        Assert.Equal(2, server.DownloadRequests());
    }

    [Fact]
    public async Task DownloadAsync_LinkRedirectsOnce_FollowedWithAPlainGet()
    {
        const long size = MiB + 9;
        FileId file = server.AddPatternFile(size);
        server.Faults.Redirect(Download); // a relative Location: the link's own path and query
        using var client = server.CreateClient();
        using var destination = new HashingSink();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        Assert.Equal(2, server.DownloadRequests());
        Assert.Equal([302, 200], server.Journal.For(Download).Select(get => get.StatusCode));
    }

    [Fact]
    public async Task DownloadAsync_EndlessRedirects_StopsAfterFiveHops()
    {
        FileId file = server.AddPatternFile(MiB);
        for (int hop = 1; hop <= 10; hop++)
        {
            server.Faults.Redirect(Download, $"/dl/{file.Value}?download_token=hop{hop.ToString(CultureInfo.InvariantCulture)}");
        }

        using var client = server.CreateClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(file, Stream.Null, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains("redirect", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(6, server.DownloadRequests()); // the link and five redirects
    }

    [Fact]
    public async Task DownloadAsync_HttpLinkOnTheApisOwnHost_FetchedOverHttps()
    {
        await using FakeUploadServer secure = TransferFake.Start(https: true);
        const long size = MiB + 1;
        FileId file = secure.AddPatternFile(size);
        secure.LinkAddress = new UriBuilder(secure.SiteAddress) { Scheme = "http" }.Uri; // a site that writes its links with http://
        using var client = secure.CreateClient(o => o.AllowInsecureHttp = false); // trusts the fake's certificate, and no other
        using var destination = new HashingSink();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        Assert.Equal(1, secure.DownloadRequests());
    }

    [Fact]
    public async Task DownloadAsync_HttpLinkOnAnotherHost_RefusedBeforeSending()
    {
        await using FakeUploadServer secure = TransferFake.Start(https: true);
        FileId file = secure.AddPatternFile(MiB);
        server.AddPatternFile(MiB);
        string elsewhere = $"http://localhost:{server.BaseAddress.Port.ToString(CultureInfo.InvariantCulture)}";
        secure.LinkAddress = new Uri(elsewhere + "/");
        using var client = secure.CreateClient(o => o.AllowInsecureHttp = false);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(file, Stream.Null, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Contains(elsewhere, error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureHttp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotMatch(AnyDownloadToken, error.Message);
        Assert.Equal(0, server.DownloadRequests());
        Assert.Equal(0, secure.DownloadRequests());
    }

    [Fact]
    public async Task DownloadAsync_HttpsLinkRedirectsToPlainHttpElsewhere_RefusedAndNothingSentThere()
    {
        await using FakeUploadServer secure = TransferFake.Start(https: true);
        FileId file = secure.AddPatternFile(MiB);
        server.AddPatternFile(MiB);
        string elsewhere = $"http://localhost:{server.BaseAddress.Port.ToString(CultureInfo.InvariantCulture)}/dl/{file.Value}";
        secure.Faults.Redirect(Download, elsewhere);
        using var client = secure.CreateClient(o => o.AllowInsecureHttp = false);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(file, Stream.Null, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains(elsewhere, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, secure.DownloadRequests());
        Assert.Equal(0, server.DownloadRequests());
    }

    private static string Md5Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var sink = new HashingSink();
        stream.CopyTo(sink);
        return sink.Md5();
    }

    /// <summary>A destination that fails like a full disk after some bytes.</summary>
    private sealed class FailingStream(long failAfter) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => written;

        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written += buffer.Length;
            return written > failAfter ? ValueTask.FromException(new IOException("No space left on device")) : ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

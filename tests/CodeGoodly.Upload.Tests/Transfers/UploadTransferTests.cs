using System.Globalization;
using CodeGoodly.Upload.Testing;
using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>Uploads against the fake in streaming mode: streaming, Content-Length, progress, cancellation, idle timeouts, retries that never duplicate.</summary>
public sealed class UploadTransferTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private FakeUploadServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        server = TransferFake.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task UploadAsync_SeekableStream_SendsContentLengthNotChunked()
    {
        using var client = server.CreateClient();
        FolderDetails folder = await client.Folders.CreateAsync("target", cancellationToken: Cancel);
        var stream = new PatternStream(3 * MiB + 17);
        stream.Position = 17; // sent from the current position

        await client.Files.UploadAsync(stream, "part.bin", folder.Id, cancellationToken: Cancel);

        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(3 * MiB, stored.Length);
        Assert.Equal(folder.Id, stored.FolderId);
        Assert.Equal(server.AccountId, stored.AccountId); // stored for the token's account
        FakeJournalEntry request = server.SingleUploadRequest();
        Assert.NotNull(request.RequestContentLength);
        Assert.True(request.RequestContentLength > stored.Length);
        Assert.True(request.HadContentLength); // not chunked
        Assert.Equal(folder.Id.Value.ToString(CultureInfo.InvariantCulture), request.Fields["folder_id"]);
        Assert.Equal("***", request.Fields["access_token"]); // sent, and masked in the journal
    }

    [Fact]
    public async Task UploadFileAsync_File_SendsContentLengthAndRawUnicodeName()
    {
        string directory = Directory.CreateTempSubdirectory("cg-upload-").FullName;
        string path = Path.Combine(directory, "отчёт ✓ 2024.bin");
        try
        {
            await using (var file = File.Create(path))
            {
                await new PatternStream(2 * MiB + 3).CopyToAsync(file, Cancel);
            }

            using var client = server.CreateClient();
            UploadedFile uploaded = await client.Files.UploadFileAsync(path, cancellationToken: Cancel);

            FakeFile stored = Assert.Single(server.Files);
            Assert.Equal("отчёт ✓ 2024.bin", stored.Name);
            Assert.Equal("отчёт ✓ 2024.bin", server.SingleUploadRequest().FileName);
            Assert.Equal("отчёт ✓ 2024.bin", uploaded.Name);
            Assert.NotNull(server.SingleUploadRequest().RequestContentLength);
            Assert.Equal(TestPattern.Md5(2 * MiB + 3), server.GetFileMd5(stored.Id));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStreamWithKnownLength_SendsContentLengthAndExactlyThatManyBytes()
    {
        using var client = server.CreateClient();

        await client.Files.UploadAsync(new PatternStream(5 * MiB, seekable: false), 4 * MiB, "pipe.bin", cancellationToken: Cancel);

        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(4 * MiB, stored.Length);
        Assert.Equal(TestPattern.Md5(4 * MiB), server.GetFileMd5(stored.Id));
        Assert.NotNull(server.SingleUploadRequest().RequestContentLength);
        Assert.True(server.SingleUploadRequest().HadContentLength); // not chunked
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStreamShorterThanAnnounced_ThrowsIOExceptionAndNothingIsStored()
    {
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<IOException>(() =>
            client.Files.UploadAsync(new PatternStream(1 * MiB, seekable: false), 2 * MiB, "short.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Contains("announced", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Files);
        Assert.True(server.UploadRequests() <= 1, "a broken stream is not retried");
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStreamWithoutLength_IsSentChunked()
    {
        using var client = server.CreateClient();

        await client.Files.UploadAsync(new PatternStream(1 * MiB, seekable: false), "unknown.bin", cancellationToken: Cancel);

        FakeFile stored = Assert.Single(server.Files);
        Assert.False(server.SingleUploadRequest().HadContentLength); // chunked
        Assert.Null(server.SingleUploadRequest().RequestContentLength);
        Assert.Equal(TestPattern.Md5(1 * MiB), server.GetFileMd5(stored.Id));
    }

    [Fact]
    public async Task UploadAsync_WithProgress_ReportsMonotonicallyAtAModestRateEndingAtTheTotal()
    {
        const long size = 20 * MiB + 5;
        using var client = server.CreateClient();
        var progress = new SynchronousProgress();

        await client.Files.UploadAsync(new PatternStream(size), "progress.bin", progress: progress, cancellationToken: Cancel);

        IReadOnlyList<TransferProgress> reports = progress.Reports;
        Assert.NotEmpty(reports);
        Assert.Equal(new TransferProgress(size, size), reports[^1]);
        Assert.All(reports, report => Assert.Equal(size, report.TotalBytes));
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesTransferred > reports[i - 1].BytesTransferred, $"report {i} went from {reports[i - 1].BytesTransferred} to {reports[i].BytesTransferred}");
        }

        Assert.True(reports.Count <= (size / (128 * 1024)) + 2, $"{reports.Count} reports: at most one per 128 KiB write");
    }

    [Fact]
    public async Task UploadAsync_StreamOfUnknownLength_LastProgressEqualsBytesSent()
    {
        using var client = server.CreateClient();
        var progress = new SynchronousProgress();

        await client.Files.UploadAsync(new PatternStream(3 * MiB, seekable: false), "unknown.bin", progress: progress, cancellationToken: Cancel);

        Assert.Equal(new TransferProgress(3 * MiB, 3 * MiB), progress.Reports[^1]);
    }

    [Fact]
    public async Task UploadAsync_CancelledWhileTheServerStallsTheBody_EndsWithOperationCanceled()
    {
        server.Faults.Stall("file/upload", count: 10);
        using var client = server.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new SynchronousProgress(report =>
        {
            // Progress is rate-limited, so the first report may be the last before the socket fills: cancel a little later,
            // when the writes are blocked on the stalled server.
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));
        });

        // An endless stream: the call can only end because the cancellation was honoured.
        Task upload = client.Files.UploadAsync(new PatternStream(long.MaxValue, seekable: false), "endless.bin", progress: progress, cancellationToken: cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(HangGuard, Cancel));
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_CancelledWhileBytesFlow_EndsWithOperationCanceled()
    {
        using var client = server.CreateClient();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var stream = new PatternStream(long.MaxValue, seekable: false) { OnRead = position => { if (position >= 16 * MiB) cancellation.Cancel(); } };

        Task upload = client.Files.UploadAsync(stream, "endless.bin", cancellationToken: cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(HangGuard, Cancel));
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_SlowButMovingLongerThanAttemptTimeout_Succeeds()
    {
        // Small socket buffers on both sides, so the client's progress follows what the server really read.
        await using FakeUploadServer slowServer = TransferFake.Start(smallReceiveBuffers: true);
        slowServer.Faults.Throttle("file/upload", bytesPerSecond: 1_638_400); // 64 KiB per 40 ms: 8 MiB take well over the 2 s attempt timeout
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true, SendBufferSize = 32 * 1024 };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        });
        UploadClientOptions options = slowServer.Options;
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        using var client = new UploadClient(http, options);
        await client.Account.GetInfoAsync(Cancel); // sign in first

        UploadedFile uploaded = await client.Files.UploadAsync(new PatternStream(8 * MiB), "slow.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(8 * MiB), uploaded.Hash);
        Assert.Equal(1, slowServer.UploadRequests());
        Assert.Equal("Throttle(1638400 B/s)", slowServer.SingleUploadRequest().Fault);
    }

    [Fact]
    public async Task UploadAsync_NoAnswerAfterTheWholeBody_FailsAfterAttemptTimeoutWithOutcomeUnknown()
    {
        server.Faults.Stall("file/upload", count: 10); // a small body fits in the socket buffers: all of it is "sent"
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        await client.Account.GetInfoAsync(Cancel);

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(16 * 1024), "stalled.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Contains("no progress", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.UploadRequests());
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_AnswerLostAfterTheServerStoredTheFile_IsNotRetriedAndOutcomeIsUnknown()
    {
        server.Faults.LoseAnswer("file/upload"); // the fake stores the file, then drops the connection without answering
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(2 * MiB), "once.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.UploadRequests());
        Assert.Single(server.Files);
    }

    [Fact]
    public async Task UploadAsync_503BeforeTheBodyWasRead_IsRetriedAndStoredOnce()
    {
        server.Faults.FailNext("file/upload", statusCode: 503); // in streaming mode answered before the body is read
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        UploadedFile uploaded = await client.Files.UploadAsync(new PatternStream(4 * MiB), "retry.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(2, server.UploadRequests());
        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(TestPattern.Md5(4 * MiB), server.GetFileMd5(stored.Id));
        Assert.Equal(server.GetFileMd5(stored.Id), uploaded.Hash);
    }

    [Fact]
    public async Task UploadAsync_RetriedFromAStreamNotAtItsStart_RewindsToWhereItStarted()
    {
        server.Faults.FailNext("file/upload", statusCode: 503);
        using var client = server.CreateClient(o => o.MaxRetries = 3);
        var stream = new PatternStream(MiB + 100) { Position = 100 };
        var progress = new SynchronousProgress();

        await client.Files.UploadAsync(stream, "offset.bin", progress: progress, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(TestPattern.Md5(100, MiB), server.GetFileMd5(stored.Id));
        Assert.Equal(new TransferProgress(MiB, MiB), progress.Reports[^1]);
        Assert.Equal(MiB + 100, stream.Position); // left where the upload ended, open
    }

    [Fact]
    public async Task UploadAsync_503WithAStreamThatCannotRewind_IsNotRetried()
    {
        server.Faults.FailNext("file/upload", count: 10, statusCode: 503);
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(64 * 1024, seekable: false), "pipe.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(1, server.UploadRequests());
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_ConnectionBrokenMidBody_IsRetriedBecauseNothingCanBeStored()
    {
        server.Faults.DropConnectionAfter("file/upload", MiB); // reads the first MiB of the body, then drops the connection
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        UploadedFile uploaded = await client.Files.UploadAsync(new PatternStream(48 * MiB), "midway.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(2, server.UploadRequests());
        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(TestPattern.Md5(48 * MiB), server.GetFileMd5(stored.Id));
        Assert.Equal(48 * MiB, uploaded.Size);
    }

    [Fact]
    public async Task UploadAsync_ConnectionBrokenMidBodyWithoutRewind_FailsWithOutcomeKnown()
    {
        server.Faults.DropConnectionAfter("file/upload", MiB, count: 10);
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(48 * MiB, seekable: false), "midway.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.False(error.IsOutcomeUnknown);
        Assert.Equal(1, server.UploadRequests());
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_ServerStoresTheFileThenAnswers500_SentOnceAndOutcomeUnknown()
    {
        server.Faults.FailAfterActing("file/upload", statusCode: 500); // stores the file, then answers 500
        using var client = server.CreateClient(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(2 * MiB), "once.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(500, error.HttpStatus);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.UploadRequests());
        Assert.Single(server.Files); // one copy on the server, never two
    }

    [Fact]
    public async Task UploadAsync_RetryAfterLongerThanAttemptTimeout_WaitsItOutAndSucceeds()
    {
        // The wait the server asked for is not "no progress": the idle timeout must not cut it short.
        server.Faults.FailNext("file/upload", statusCode: 429, retryAfter: TimeSpan.FromSeconds(4));
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        await client.Account.GetInfoAsync(Cancel); // sign in first

        UploadedFile uploaded = await client.Files.UploadAsync(new PatternStream(256 * 1024), "patient.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(2, server.UploadRequests());
        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(TestPattern.Md5(256 * 1024), server.GetFileMd5(stored.Id));
        Assert.Equal(server.GetFileMd5(stored.Id), uploaded.Hash);
    }

    [Fact]
    public async Task UploadAsync_ChunkedBodyAnsweredDidNotReceiveFile_MessageSaysToPassTheLength()
    {
        server.RefuseChunkedUploads = true;
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(64 * 1024, seekable: false), "pipe.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Did not receive uploaded file.", error.ServerMessage);
        Assert.Contains("Did not receive uploaded file.", error.Message, StringComparison.Ordinal);
        Assert.Contains("without Content-Length (chunked)", error.Message, StringComparison.Ordinal);
        Assert.Contains("UploadAsync(stream, contentLength, …)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.UploadRequests());
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_BodyWithContentLengthAnsweredDidNotReceiveFile_OnlyTheServersWords()
    {
        using var api = new ApiServer().GivenAuthorize()
            .Given("file/upload", """{"status":"error","response":"Did not receive uploaded file.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(1024, seekable: false), 1024, "pipe.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Did not receive uploaded file.", error.ServerMessage);
        Assert.DoesNotContain("chunked", error.Message, StringComparison.Ordinal);
        Assert.NotNull(ApiServer.HeaderOf(Assert.Single(api.RequestsTo("file/upload")), "Content-Length"));
    }

    [Fact]
    public async Task UploadAsync_LargerThanTheKnownPackageAllows_FailsBeforeSending()
    {
        server.SetPackageLimits(server.DefaultAccount.LevelId, maxUploadSize: 1000);
        using var client = server.CreateClient();
        await client.Account.GetPackageAsync(Cancel);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(new PatternStream(1001), "big.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Contains("1001", error.Message, StringComparison.Ordinal);
        Assert.Contains("1000", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.UploadRequests());
    }

    [Fact]
    public async Task UploadAsync_StreamOfUnknownLengthPassingThePackageLimit_IsStoppedAndNothingStored()
    {
        server.SetPackageLimits(server.DefaultAccount.LevelId, maxUploadSize: 300 * 1024);
        using var client = server.CreateClient();
        await client.Account.GetPackageAsync(Cancel);

        var error = await Assert.ThrowsAsync<UploadApiException>(() =>
            client.Files.UploadAsync(new PatternStream(2 * MiB, seekable: false), "big.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task UploadAsync_PackageCannotUpload_FailsBeforeSending()
    {
        server.SetPackageLimits(server.DefaultAccount.LevelId, maxUploadSize: 0, canUpload: false);
        using var client = server.CreateClient();
        await client.Account.GetPackageAsync(Cancel);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(new PatternStream(10), "a.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Contains("can_upload", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.UploadRequests());
    }

    [Fact]
    public async Task UploadAsync_KnownLengthLongerThanTheSeekableStream_ThrowsBeforeSending()
    {
        using var client = server.CreateClient();

        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.Files.UploadAsync(new PatternStream(10), 11, "a.bin", cancellationToken: Cancel); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.Files.UploadAsync(new PatternStream(10), -1, "a.bin", cancellationToken: Cancel); });
        Assert.Equal(0, server.UploadRequests());
    }
}

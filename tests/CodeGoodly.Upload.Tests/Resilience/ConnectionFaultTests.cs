using System.Net;
using System.Net.Sockets;
using CodeGoodly.Upload.Tests.Support;
using WireMock.ResponseBuilders;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>Connections that drop, are refused, or never answer; and the caller giving up.</summary>
public sealed class ConnectionFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_ConnectionDroppedBeforeAnswer_RetriedAndSucceeds()
    {
        using var server = new RawHttpServer().Script("file/info", RawReply.Drop, RawReply.Json(FileJson));
        using var client = server.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Ct);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, server.CountOf("file/info"));
    }

    [Fact]
    public async Task Read_ConnectionDroppedMidBody_RetriedAndSucceeds()
    {
        using var server = new RawHttpServer().Script("folder/listing", RawReply.DropMidBody(FolderJson), RawReply.Json("""{"data":{"folders":[],"files":[]},"_status":"success"}"""));
        using var client = server.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Ct);

        Assert.Empty(listing.Files);
        Assert.Equal(2, server.CountOf("folder/listing"));
    }

    [Fact]
    public async Task Write_ResponseLostAfterServerActed_NotRepeatedAndOutcomeUnknown()
    {
        using var server = new RawHttpServer()
            .Script("account/info", RawReply.Json(AccountJson))
            .Script("folder/create", RawReply.Drop, RawReply.Json(FolderJson));
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct); // the write goes out on a pooled, already-used connection

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.CreateAsync("Reports", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Null(error.HttpStatus);
        Assert.Equal(1, server.CountOf("folder/create")); // the server stored one folder; nothing in the stack sent a second
    }

    [Fact]
    public async Task Write_ConnectionDroppedMidBody_NotRepeatedAndOutcomeUnknown()
    {
        using var server = new RawHttpServer().Script("file/edit", RawReply.DropMidBody(FileJson), RawReply.Json(FileJson));
        using var client = server.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "b.jpg"), Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.CountOf("file/edit"));
    }

    [Fact]
    public async Task Upload_ResponseLost_NotRepeatedAndOutcomeUnknown()
    {
        using var server = new RawHttpServer().Script("file/upload", RawReply.Drop, RawReply.Json(UploadJson));
        using var client = server.CreateClient();
        using var content = new MemoryStream("hello"u8.ToArray());

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.txt", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.CountOf("file/upload"));
    }

    [Fact]
    public async Task Write_ConnectionRefused_NetworkWithOutcomeKnown()
    {
        using var api = new ApiServer();
        int closedPort = ClosedLoopbackPort();
        using var client = new UploadClient(api.Options(o =>
        {
            o.BaseAddress = new Uri($"http://127.0.0.1:{closedPort}/api/v2/");
            o.MaxRetries = 2;
        }));

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.CreateAsync("Reports", cancellationToken: Ct));

        // /authorize is refused: nothing reached a server, so nothing can have been created.
        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.False(error.IsOutcomeUnknown);
        Assert.DoesNotContain(ApiServer.Key1, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryRules_RealRefusedConnection_IsCertainlyNotSent()
    {
        using var http = new HttpClient();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri($"http://127.0.0.1:{ClosedLoopbackPort()}/"), new StringContent("x"), Ct));

        Assert.True(Upload.Resilience.RetryRules.CertainlyNotSent(refused));
        Assert.False(Upload.Resilience.RetryRules.CertainlyNotSent(new HttpRequestException("The response ended prematurely.", new IOException("reset"), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Read_ServerNeverAnswers_NetworkAfterAttemptTimeouts()
    {
        using var server = new RawHttpServer().Script("account/info", RawReply.Json(AccountJson)).Script("file/info", RawReply.Silent);
        using var client = server.CreateClient(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 1;
        });
        await client.Account.GetInfoAsync(Ct); // signed in, so the short attempt timeout meets only the silent call

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsOutcomeUnknown);
        Assert.Equal(2, server.CountOf("file/info"));
    }

    [Fact]
    public async Task Read_AnswerStallsMidBody_AttemptTimeoutCutsItAndRetrySucceeds()
    {
        using var server = new RawHttpServer().Script("account/info", RawReply.Json(AccountJson)).Script("file/info", RawReply.StallMidBody(FileJson), RawReply.Json(FileJson));
        // Long enough that the good answer after the stall always fits in one attempt, however busy the machine.
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        await client.Account.GetInfoAsync(Ct); // signed in, so the short attempt timeout meets only the silent call

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Ct);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, server.CountOf("file/info"));
    }

    [Fact]
    public async Task Write_ServerNeverAnswers_NetworkOutcomeUnknownAndNotRepeated()
    {
        using var server = new RawHttpServer().Script("account/info", RawReply.Json(AccountJson)).Script("folder/edit", RawReply.Silent, RawReply.Json(FolderJson));
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        await client.Account.GetInfoAsync(Ct); // signed in, so the short attempt timeout meets only the silent call

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.EditAsync(new FolderId(125), new FolderChanges(FolderName: "x"), Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.CountOf("folder/edit"));
    }

    [Fact]
    public async Task Upload_ServerReadsTheFileButNeverAnswers_NetworkOutcomeUnknownNoHang()
    {
        using var server = new RawHttpServer().Script("account/info", RawReply.Json(AccountJson)).Script("file/upload", RawReply.Silent, RawReply.Json(UploadJson));
        // Long enough that sending the 256 KiB body never pauses this long, however busy the machine: the idle timeout meets only the silence.
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(2));
        await client.Account.GetInfoAsync(Ct); // signed in, so the short attempt timeout meets only the silent call
        using var content = new MemoryStream(new byte[256 * 1024]);

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.bin", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Contains("no progress", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.CountOf("file/upload"));
    }

    [Fact]
    public async Task Read_AlwaysSilent_TotalTimeoutEndsTheRetries()
    {
        using var server = new RawHttpServer().Script("account/info", RawReply.Json(AccountJson)).Script("folder/info", RawReply.Silent);
        using var client = server.CreateClient(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.TotalTimeout = TimeSpan.FromSeconds(3);
            o.MaxRetries = 50;
        });
        await client.Account.GetInfoAsync(Ct); // signed in, so the short timeouts meet only the silent call

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.GetInfoAsync(new FolderId(125), Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.InRange(server.CountOf("folder/info"), 1, 5); // 50 retries allowed, but 3 s in all leave room for at most 3 attempts of 1 s
    }

    [Fact]
    public async Task Read_CanceledDuringRetryAfterWait_OperationCanceledPromptly()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/info", Html(429, "Too Many Requests").WithHeader("Retry-After", "600"), ApiServer.Json(FileJson));
        using var client = api.CreateClient(o => o.MaxRetryAfter = TimeSpan.FromMinutes(10));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var canceled = await FailsWithinBoundAsync<OperationCanceledException>(async () =>
        {
            Task call = client.Files.GetInfoAsync(new FileId(1253), cancel.Token);
            // The server has answered 429 "come back in 10 minutes" (WireMock logs a request once its answer is written): cancel then.
            await WhenServerSawAsync(() => api.RequestsTo("file/info").Count == 1);
            await cancel.CancelAsync();
            await call;
        });

        Assert.Equal(cancel.Token, canceled.CancellationToken);
        Assert.Single(api.RequestsTo("file/info"));
    }

    [Fact]
    public async Task Read_CanceledWhileServerIsSilent_OperationCanceledPromptly()
    {
        using var server = new RawHttpServer().Script("folder/info", RawReply.Silent);
        using var client = server.CreateClient();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await FailsWithinBoundAsync<OperationCanceledException>(async () =>
        {
            Task call = client.Folders.GetInfoAsync(new FolderId(125), cancel.Token);
            await WhenServerSawAsync(() => server.CountOf("folder/info") == 1); // the whole request arrived; the server stays silent for good
            await cancel.CancelAsync();
            await call;
        });

        Assert.Equal(1, server.CountOf("folder/info"));
    }

    [Fact]
    public async Task Write_CanceledDuringBackOff_OperationCanceledNotUploadApiException()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/copy", Html(503, "Service Unavailable").WithHeader("Retry-After", "600"));
        using var client = api.CreateClient(o => o.MaxRetryAfter = TimeSpan.FromMinutes(10));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var canceled = await FailsWithinBoundAsync<OperationCanceledException>(async () =>
        {
            Task call = client.Files.CopyAsync(new FileId(1253), null, cancel.Token);
            await WhenServerSawAsync(() => api.RequestsTo("file/copy").Count == 1); // 503 "come back in 10 minutes" was sent
            await cancel.CancelAsync();
            await call;
        });

        Assert.IsNotType<UploadApiException>(canceled.InnerException);
        Assert.Single(api.RequestsTo("file/copy"));
    }

    [Fact]
    public async Task Write_CanceledAsTheTurnedAwayAnswerArrives_OperationCanceledNotUploadApiException()
    {
        // The caller cancels at the very moment the 503 has been read and the retry is being decided: the same plain
        // cancellation as a moment later, during the wait, not the 503 it was judging.
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/copy", Html(503, "Service Unavailable").WithHeader("Retry-After", "600"));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var http = new HttpClient(new CancelAtEndOfAnswer("/api/v2/file/copy", cancel) { InnerHandler = new SocketsHttpHandler() });
        using var client = new UploadClient(http, api.Options(o => o.MaxRetryAfter = TimeSpan.FromMinutes(10)));

        var canceled = await FailsWithinBoundAsync<OperationCanceledException>(() => client.Files.CopyAsync(new FileId(1253), null, cancel.Token));

        Assert.IsNotType<UploadApiException>(canceled.InnerException);
        Assert.Single(api.RequestsTo("file/copy"));
    }

    /// <summary>The caller's handler: cancels the call when the last byte of the answer to <c>path</c> has been read.</summary>
    private sealed class CancelAtEndOfAnswer(string path, CancellationTokenSource cancel) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath == path)
            {
                Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var watched = new StreamContent(new CancelAtEndStream(body, cancel));
                foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
                {
                    watched.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                response.Content = watched;
            }

            return response;
        }
    }

    private sealed class CancelAtEndStream(Stream inner, CancellationTokenSource cancel) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await inner.ReadAsync(buffer, CancellationToken.None);
            if (read == 0)
            {
                await cancel.CancelAsync();
            }

            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

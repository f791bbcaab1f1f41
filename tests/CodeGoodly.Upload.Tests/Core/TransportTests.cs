using CodeGoodly.Upload.Tests.Support;
using WireMock.ResponseBuilders;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>How calls travel: through the caller's HttpClient, repeated uploads, bodies that cannot be rewound, cancellation.</summary>
public sealed class TransportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Constructor_CallersHttpClient_SendsThroughItAndLeavesItUsable()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", VendorSamples.FileInfo);
        using var callersHttp = new HttpClient(new MarkingHandler { InnerHandler = new SocketsHttpHandler() });
        var client = new UploadClient(callersHttp, api.Options());

        await client.Files.GetInfoAsync(new FileId(1253), Cancel);
        await client.DisposeAsync();

        Assert.All(api.Server.LogEntries, e => Assert.Equal("yes", ApiServer.HeaderOf(e, "X-Caller-Handler")));
        api.AssertFormPost("file/info", ApiServer.WithSession(("file_id", "1253")));
        using var stillOpen = await callersHttp.GetAsync(api.Server.Urls[0] + "/anything", Cancel);
        Assert.NotNull(stillOpen);
    }

    [Fact]
    public async Task UploadAsync_TurnedAwayWith503ThenAccepted_SendsTheWholeFileAgain()
    {
        using var api = new ApiServer().GivenAuthorize();
        api.GivenFirstThen("file/upload", Response.Create().WithStatusCode(503).WithBody("Service Unavailable"), ApiServer.Json(VendorSamples.FileUpload));
        using var client = api.CreateClient();
        byte[] bytes = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        using var content = new MemoryStream(bytes);

        UploadedFile file = await client.Files.UploadAsync(content, "big.bin", cancellationToken: Cancel);

        Assert.Equal(new FileId(1253), file.FileId);
        var uploads = api.RequestsTo("file/upload");
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, e => Assert.Equal(bytes, ApiServer.MultipartOf(e).Single(p => p.Name == "upload_file").Content));
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStreamTurnedAway_IsNotRepeated()
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/upload", "Service Unavailable", 503, "text/plain");
        using var client = api.CreateClient();
        using var content = new ForwardOnlyStream(new byte[1000]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "pipe.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.Single(api.RequestsTo("file/upload"));
    }

    [Fact]
    public async Task UploadAsync_NonSeekableStream_SendsEveryByte()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        byte[] bytes = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        using var content = new ForwardOnlyStream(bytes);

        await client.Files.UploadAsync(content, "pipe.bin", cancellationToken: Cancel);

        var entry = Assert.Single(api.RequestsTo("file/upload"));
        Assert.Equal(bytes, ApiServer.MultipartOf(entry).Single(p => p.Name == "upload_file").Content);
    }

    [Fact]
    public async Task GetInfoAsync_CallerCancelsWhileTheServerIsSilent_ThrowsOperationCanceled()
    {
        using var silent = new SilentServer();
        using var client = new UploadClient(new UploadClientOptions
        {
            BaseAddress = silent.BaseAddress,
            AllowInsecureHttp = true,
            Key1 = ApiServer.Key1,
            Key2 = ApiServer.Key2,
        });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Files.GetInfoAsync(new FileId(1253), cancel.Token));
    }

    [Fact]
    public async Task GetInfoAsync_AlreadyCancelled_ThrowsOperationCanceledWithoutSending()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Files.GetInfoAsync(new FileId(1253), new CancellationToken(canceled: true)));

        Assert.Empty(api.RequestsTo("file/info"));
    }

    [Fact]
    public async Task GetInfoAsync_AuthorizeTurnedAwayWith503ThenAccepted_IsRetried()
    {
        using var api = new ApiServer().Given("file/info", VendorSamples.FileInfo);
        api.GivenFirstThen("authorize", Response.Create().WithStatusCode(503).WithBody("Service Unavailable"), ApiServer.Json(ApiServer.AuthorizeJson(ApiServer.Token)));
        using var client = api.CreateClient();

        await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/authorize", "/api/v2/file/info"], api.Paths());
    }

    [Fact]
    public async Task GetInfoAsync_RetryAfterWithinMaxRetryAfter_IsRetried()
    {
        using var api = new ApiServer().GivenAuthorize();
        api.GivenFirstThen("file/info", Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"), ApiServer.Json(VendorSamples.FileInfo));
        using var client = api.CreateClient(o => o.MaxRetryAfter = TimeSpan.FromSeconds(1));

        await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task GetInfoAsync_RetryAfterLongerThanMaxRetryAfter_WaitsOnlyMaxRetryAfterAndRetries()
    {
        // A Retry-After of an hour is cut to MaxRetryAfter: the call neither hangs for an hour nor gives up at once.
        using var api = new ApiServer().GivenAuthorize();
        api.GivenFirstThen("file/info", Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3600"), ApiServer.Json(VendorSamples.FileInfo));
        using var client = api.CreateClient(o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(50));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        patience.CancelAfter(TimeSpan.FromSeconds(20));

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), patience.Token);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    /// <summary>The caller's own handler: marks every request it sends.</summary>
    private sealed class MarkingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("X-Caller-Handler", "yes");
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A readable stream that cannot seek and has no length, like a pipe or a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

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
}

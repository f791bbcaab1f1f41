using System.Globalization;
using CodeGoodly.Upload.Tests.Support;
using WireMock.ResponseBuilders;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>What is retried after an HTTP answer (503, 429, 5xx pages) and what the user sees when retries run out.</summary>
public sealed class RetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_503TwiceThenSuccess_RetriedAndSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/info", Html(503, "Service Temporarily Unavailable"), Html(503, "Service Temporarily Unavailable"), ApiServer.Json(FileJson));
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Ct);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(3, api.RequestsTo("file/info").Count);
        Assert.Single(api.RequestsTo("authorize"));
    }

    [Fact]
    public async Task CallersHttpClient_503TwiceThenSuccess_SamePipelineRetries()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/info", Html(503, "Service Unavailable"), Html(503, "Service Unavailable"), ApiServer.Json(FileJson));
        using var http = new HttpClient();
        using var client = new UploadClient(http, api.Options());

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Ct);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(3, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task Write_503TwiceThenSuccess_RetriedBecauseTheServerTurnedItAway()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("folder/create", Html(503, "Service Unavailable"), Html(503, "Service Unavailable"), ApiServer.Json(FolderJson));
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.CreateAsync("My New Folder", cancellationToken: Ct);

        Assert.Equal(new FolderId(125), folder.Id);
        Assert.Equal(3, api.RequestsTo("folder/create").Count);
    }

    [Fact]
    public async Task Read_429WithRetryAfterSeconds_WaitsThenSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/info", Html(429, "Too Many Requests").WithHeader("Retry-After", "1"), ApiServer.Json(FileJson));
        using var client = api.CreateClient();

        await BoundedAsync(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task Read_429WithRetryAfterHttpDateAnHourAway_WaitIsCappedThenSucceeds()
    {
        string inAnHour = DateTimeOffset.UtcNow.AddHours(1).ToString("R", CultureInfo.InvariantCulture);
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/info", Html(429, "Too Many Requests").WithHeader("Retry-After", inAnHour), ApiServer.Json(FileJson));
        using var client = api.CreateClient(o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(300));

        await BoundedAsync(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task Write_429WithRetryAfter_RetriedBecauseTheRateLimiterTurnedItAway()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/delete", Html(429, "Too Many Requests").WithHeader("Retry-After", "0"), ApiServer.Json(FileJson));
        using var client = api.CreateClient();

        await client.Files.DeleteAsync(new FileId(1253), Ct);

        Assert.Equal(2, api.RequestsTo("file/delete").Count);
    }

    [Fact]
    public async Task Read_429Always_RateLimitedAfterTheRetries()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/info", Html(429, "Too Many Requests").WithHeader("Retry-After", "0"));
        using var client = api.CreateClient(o => o.MaxRetries = 2);

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(3, api.RequestsTo("file/info").Count);
    }

    [Theory]
    [InlineData(502, "Bad Gateway")]
    [InlineData(504, "Gateway Time-out")]
    [InlineData(500, "Internal Server Error")]
    public async Task Read_HtmlErrorPageAlways_ServerAfterRetriesWithBodySnippet(int status, string title)
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("folder/listing", Html(status, title));
        using var client = api.CreateClient(o => o.MaxRetries = 2);

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.ListAsync(cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.Contains($"{status} {title}", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsOutcomeUnknown);
        Assert.Equal(3, api.RequestsTo("folder/listing").Count);
    }

    [Theory]
    [InlineData(502, "Bad Gateway")]
    [InlineData(504, "Gateway Time-out")]
    [InlineData(500, "Internal Server Error")]
    public async Task Write_HtmlErrorPage_NotRetriedAndOutcomeUnknown(int status, string title)
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/move", Html(status, title), ApiServer.Json(FileJson));
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.MoveAsync(new FileId(1253), new FolderId(5), Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.True(error.IsOutcomeUnknown, "a proxy error on a write does not say whether the API acted");
        Assert.Contains($"{status} {title}", error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("file/move"));
    }

    [Theory]
    [InlineData(500, "Internal Server Error")]
    [InlineData(520, "Web Server Returned an Unknown Error")]
    [InlineData(521, "Web Server Is Down")]
    [InlineData(522, "Connection Timed Out")]
    [InlineData(523, "Origin Is Unreachable")]
    [InlineData(524, "A Timeout Occurred")]
    public async Task Write_5xxOtherThan503_NotRetriedAndOutcomeUnknown(int status, string title)
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("folder/create", Html(status, title), ApiServer.Json(FolderJson));
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.CreateAsync("Reports", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.True(error.IsOutcomeUnknown, "the folder may have been created before the error");
        Assert.Contains($"{status} {title}", error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("folder/create"));
    }

    [Theory]
    [InlineData(500, "Internal Server Error")]
    [InlineData(502, "Bad Gateway")]
    [InlineData(504, "Gateway Time-out")]
    [InlineData(520, "Web Server Returned an Unknown Error")]
    [InlineData(521, "Web Server Is Down")]
    [InlineData(522, "Connection Timed Out")]
    [InlineData(523, "Origin Is Unreachable")]
    [InlineData(524, "A Timeout Occurred")]
    public async Task Upload_5xxOtherThan503_SentOnceServerAndOutcomeUnknown(int status, string title)
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/upload", Html(status, title), ApiServer.Json(UploadJson));
        using var client = api.CreateClient(o => o.MaxRetries = 3);
        using var content = new MemoryStream("hello"u8.ToArray());

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.txt", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.True(error.IsOutcomeUnknown, "a PHP host may store the file and then fail");
        Assert.Single(api.RequestsTo("file/upload"));
    }

    [Fact]
    public async Task Upload_429_ReplayedAndSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenSequence("file/upload", Html(429, "Too Many Requests").WithHeader("Retry-After", "0"), ApiServer.Json(UploadJson));
        using var client = api.CreateClient();
        using var content = new MemoryStream("hello"u8.ToArray());

        UploadedFile file = await client.Files.UploadAsync(content, "a.txt", cancellationToken: Ct);

        Assert.Equal(new FileId(7), file.FileId);
        Assert.Equal(2, api.RequestsTo("file/upload").Count);
    }

    [Fact]
    public async Task Write_503Always_ServerAfterRetriesAndOutcomeKnown()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("folder/delete", Html(503, "Service Unavailable"));
        using var client = api.CreateClient(o => o.MaxRetries = 2);

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.DeleteAsync(new FolderId(9), Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.False(error.IsOutcomeUnknown, "503 says the request was turned away");
        Assert.Equal(3, api.RequestsTo("folder/delete").Count);
    }

    [Fact]
    public async Task Read_408_RetriedAndSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("account/info", Status(408), ApiServer.Json(AccountJson));
        using var client = api.CreateClient();

        AccountInfo account = await client.Account.GetInfoAsync(Ct);

        Assert.Equal(158642, account.Id);
        Assert.Equal(2, api.RequestsTo("account/info").Count);
    }

    [Fact]
    public async Task Read_TruncatedJson_UnexpectedResponseWithSnippetAndNoRetry()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/info", Raw(FileJson[..60]));
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Contains("\"filename\":\"sam", error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("file/info"));
    }

    [Fact]
    public async Task Read_EmptyBody_UnexpectedResponse()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/info", Response.Create().WithStatusCode(200));
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains("empty", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(api.RequestsTo("file/info"));
    }

    [Fact]
    public async Task Read_BareString404_UnexpectedResponseWithTheRoutersWords()
    {
        using var server = new RawHttpServer().Script("file/info", RawReply.Json("\"No endpoint found for: file\"", 404));
        using var client = server.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("No endpoint found for: file", error.ServerMessage);
        Assert.Equal(1, server.CountOf("file/info"));
    }

    [Fact]
    public async Task Upload_503WithSeekableStream_ReplayedAndSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/upload", Html(503, "Service Unavailable"), ApiServer.Json(UploadJson));
        using var client = api.CreateClient();
        using var content = new MemoryStream("hello"u8.ToArray());

        UploadedFile file = await client.Files.UploadAsync(content, "a.txt", cancellationToken: Ct);

        Assert.Equal(new FileId(7), file.FileId);
        var uploads = api.RequestsTo("file/upload");
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, u => Assert.Contains("\r\n\r\nhello\r\n", System.Text.Encoding.UTF8.GetString(u.RequestMessage.BodyAsBytes!), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_503WithForwardOnlyStream_NeverReplayed()
    {
        using var api = new ApiServer().GivenAuthorize().GivenSequence("file/upload", Html(503, "Service Unavailable"), ApiServer.Json(UploadJson));
        using var client = api.CreateClient();
        using var content = new ForwardOnlyStream("hello"u8.ToArray());

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.txt", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.Single(api.RequestsTo("file/upload"));
    }

    [Fact]
    public void RetryAfter_DeltaDateAndCap_ReadAsTheServerMeantThem()
    {
        TimeSpan cap = TimeSpan.FromSeconds(30);
        using var delta = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        delta.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var longDelta = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        longDelta.Headers.TryAddWithoutValidation("Retry-After", "3600");
        using var past = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        past.Headers.TryAddWithoutValidation("Retry-After", DateTimeOffset.UtcNow.AddHours(-1).ToString("R", CultureInfo.InvariantCulture));
        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), Upload.Resilience.ResiliencePipelines.RetryAfter(delta, cap));
        Assert.Equal(cap, Upload.Resilience.ResiliencePipelines.RetryAfter(longDelta, cap));
        Assert.Equal(TimeSpan.Zero, Upload.Resilience.ResiliencePipelines.RetryAfter(past, cap));
        Assert.Null(Upload.Resilience.ResiliencePipelines.RetryAfter(none, cap));
    }

    /// <summary>A stream that can be read once, like a network or pipe stream.</summary>
    internal sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Net;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Each injected fault: what reaches the wire, and what the SDK makes of it.</summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpireTokensNow_RawSessionIsRefusedAtOnce()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        server.Faults.ExpireTokensNow();
        Assert.Equal(0, server.ActiveTokenCount);
        Assert.Equal("Could not validate access_token and account_id, please reauthenticate or try again.",
            (await raw.CallAsync(session, "folder/listing")).GetProperty("response").GetString());
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task FailNext_StatusWithRetryAfter_RawSeesStatusAndHeader_ApiDoesNotAct(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        server.Faults.FailNext("folder/create", statusCode: 429, retryAfter: TimeSpan.FromSeconds(2));

        using var content = new FormUrlEncodedContent([new("access_token", session.Token), new("account_id", session.AccountId), new("folder_name", "X")]);
        using HttpResponseMessage response = await raw.Http.PostAsync(new Uri(server.BaseAddress, "folder/create"), content, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        Assert.Equal(0, (await raw.CallAsync(session, "folder/listing")).GetProperty("data").GetProperty("folders").GetArrayLength());
        Assert.Equal("FailNext(429)", server.Journal.For("folder/create")[0].Fault);
        Assert.Equal(0, server.Faults.Pending);
    }

    [Fact]
    public async Task FailNext_503OnARead_SdkRetriesAndSucceeds()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        server.Faults.FailNext("folder/listing", count: 2, statusCode: 503, retryAfter: TimeSpan.Zero);

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Ct);

        Assert.Empty(listing.Folders);
        Assert.Equal([503, 503, 200], server.Journal.For("folder/listing").Select(e => e.StatusCode));
    }

    [Fact]
    public async Task FailNext_429BeyondTheRetryBudget_SdkSaysRateLimited()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient(o => o.MaxRetries = 2);
        server.Faults.FailNext("account/info", count: 10, statusCode: 429);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));

        Assert.Equal(UploadErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(3, server.Journal.CountOf("account/info"));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task FailNext_500OnAWrite_SdkDoesNotRepeatIt_SaysServer(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        server.Faults.FailNext("folder/create", statusCode: 500);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.CreateAsync("Once", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(1, server.Journal.CountOf("folder/create"));
    }

    [Fact]
    public async Task FailNext_AnyEndpoint_CatchesTheNextCallWhateverItIs()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        server.Faults.FailNext(FakeFaults.AnyEndpoint, statusCode: 502);
        (int status, string body) = await raw.PostAsync("authorize", ("key1", server.Key1), ("key2", server.Key2));
        Assert.Equal(502, status);
        Assert.Equal("502 Bad Gateway", body);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task HtmlPage_Http200_RawIsHtml_SdkSaysUnexpectedResponse(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct);
        server.Faults.HtmlPage("account/package", html: "<html><body>Maintenance</body></html>");

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetPackageAsync(Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Contains("Maintenance", error.Message, StringComparison.Ordinal);

        using var raw = new Raw(server);
        server.Faults.HtmlPage("account/package", statusCode: 502);
        using HttpResponseMessage response = await raw.Http.PostAsync(new Uri(server.BaseAddress, "account/package"), null, Ct);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Bad Gateway", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task TruncatedJson_ApiActsButAnswerIsCut_SdkSaysUnexpectedResponse(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        server.Faults.TruncatedJson("folder/create");

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.CreateAsync("Half", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal("Half", Assert.Single((await client.Folders.ListAsync(cancellationToken: Ct)).Folders).FolderName);
    }

    [Fact]
    public async Task TruncatedJson_RawBodyIsNotValidJson()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        server.Faults.TruncatedJson("authorize");
        (int status, string body) = await raw.PostAsync("authorize", ("key1", server.Key1), ("key2", server.Key2));
        Assert.Equal(200, status);
        Assert.StartsWith("{\"data\":{\"access_token\":", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task DropConnection_RawClientSeesTheConnectionFail()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        server.Faults.DropConnection("authorize");
        await Assert.ThrowsAsync<HttpRequestException>(() => raw.PostAsync("authorize", ("key1", server.Key1), ("key2", server.Key2)));
        FakeJournalEntry entry = Assert.Single(server.Journal.For("authorize"));
        Assert.Equal("DropConnection", entry.Fault);
        Assert.Equal(0, entry.StatusCode);
    }

    [Fact]
    public async Task DropConnection_OnARead_SdkRetriesAndSucceeds()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        server.Faults.DropConnection("account/info");

        AccountInfo account = await client.Account.GetInfoAsync(Ct);

        Assert.Equal(server.AccountId, account.Id);
        Assert.Equal(["DropConnection", null], server.Journal.For("account/info").Select(e => e.Fault));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task DropConnection_OnAWrite_SdkSaysNetworkWithOutcomeUnknown(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        await client.Folders.ListAsync(cancellationToken: Ct);
        server.Faults.DropConnection("folder/create");

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.CreateAsync("Maybe", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.Journal.CountOf("folder/create"));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task DropConnection_MidDownload_SdkResumesWithRangeAndBytesMatch(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        byte[] bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);
        using var content = new MemoryStream(bytes);
        UploadedFile file = await client.Files.UploadAsync(content, "resume.bin", cancellationToken: Ct);
        server.Faults.DropConnection(FakeUploadServer.DownloadEndpoint);

        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(file.FileId, downloaded, cancellationToken: Ct);

        Assert.Equal(bytes, downloaded.ToArray());
        var gets = server.Journal.For(FakeUploadServer.DownloadEndpoint);
        Assert.Equal(2, gets.Count);
        Assert.Equal("DropConnection", gets[0].Fault);
        Assert.StartsWith("bytes=", gets[1].Fields["range"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task EmptyResponse_Http200EmptyBody_SdkSaysUnexpectedResponse(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var raw = new Raw(server);
        server.Faults.EmptyResponse("authorize");
        (int status, string body) = await raw.PostAsync("authorize", ("key1", server.Key1), ("key2", server.Key2));
        Assert.Equal(200, status);
        Assert.Equal(string.Empty, body);

        using var client = server.CreateClient(o => o.MaxRetries = 0);
        server.Faults.EmptyResponse("authorize");
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));
        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task MalformedResponseChunk_BodyIsCorruptedJson(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var raw = new Raw(server);
        server.Faults.MalformedResponseChunk("authorize");
        using var content = new FormUrlEncodedContent([new("key1", server.Key1), new("key2", server.Key2)]);
        using HttpResponseMessage response = await raw.Http.PostAsync(new Uri(server.BaseAddress, "authorize"), content, Ct);
        byte[] body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal((byte)'{', body[0]);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal("MalformedResponseChunk", server.Journal.For("authorize")[0].Fault);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Delay_LongerThanTheAttemptTimeout_SdkTimesOutTheAttemptAndRetriesTheRead(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        await client.Account.GetInfoAsync(Ct);
        server.Faults.Delay("folder/listing", TimeSpan.FromSeconds(20));

        await client.Folders.ListAsync(cancellationToken: Ct);

        var calls = server.Journal.For("folder/listing");
        Assert.True(calls.Count >= 2, "the held attempt timed out and the read was sent again");
        Assert.Equal("Delay(20000 ms)", calls[0].Fault);
        Assert.Equal(0, calls[0].StatusCode); // still held when the retry was answered
        Assert.Equal(200, calls[^1].StatusCode);
    }

    [Fact]
    public async Task Delay_Short_AnswersNormallyAfterwards()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        server.Faults.Delay("authorize", TimeSpan.FromMilliseconds(50));
        AccountInfo account = await client.Account.GetInfoAsync(Ct);
        Assert.Equal(server.AccountId, account.Id);
        FakeJournalEntry held = Assert.Single(server.Journal.For("authorize"));
        Assert.Equal("Delay(50 ms)", held.Fault);
        Assert.Equal(200, held.StatusCode);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task ApiError_DemoModeMessage_Http200StatusError_SdkSaysForbiddenWithTheWords(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        server.Faults.ApiError("file/upload", "This API feature is not available in demo mode.");
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "demo.bin", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("This API feature is not available in demo mode.", error.ServerMessage);
        Assert.Empty((await client.Folders.ListAsync(cancellationToken: Ct)).Files);
        Assert.Equal("This API feature is not available in demo mode.", server.Journal.For("file/upload")[0].ErrorMessage);
    }

    [Fact]
    public void Faults_BadArguments_ThrowBeforeArming()
    {
        using var server = FakeUploadServer.Start();
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.FailNext("file/info", statusCode: 42));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.FailNext("file/info", count: 0));
        Assert.Throws<ArgumentException>(() => server.Faults.TruncatedJson(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.Delay("file/info", TimeSpan.FromSeconds(-1)));
        Assert.Equal(0, server.Faults.Pending);
    }

    [Fact]
    public async Task Faults_ChainInOrder_AndClearDisarms()
    {
        await using var server = FakeUploadServer.Start();
        using var raw = new Raw(server);
        server.Faults.FailNext("authorize", statusCode: 500).FailNext("authorize", statusCode: 502).FailNext("authorize", statusCode: 504);
        Assert.Equal(3, server.Faults.Pending);
        Assert.Equal(500, (await raw.PostAsync("authorize")).Status);
        Assert.Equal(502, (await raw.PostAsync("authorize")).Status);
        server.Faults.Clear();
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal(200, (await raw.PostAsync("authorize")).Status);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task RefuseChunkedUploads_ChunkedBody_DidNotReceiveUploadedFile(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        server.RefuseChunkedUploads = true;
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement chunked = await raw.UploadRawAsync(session, "filename=\"c.txt\"", [1, 2, 3], chunked: true);
        Assert.Equal("Did not receive uploaded file.", chunked.GetProperty("response").GetString());
        Assert.False(server.Journal.For("file/upload")[0].HadContentLength);

        JsonElement withLength = await raw.UploadRawAsync(session, "filename=\"c.txt\"", [1, 2, 3]);
        Assert.Equal("File uploaded", withLength.GetProperty("response").GetString());
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task RefuseChunkedUploads_SdkWithUnseekableStream_SaysInvalidArgument_SeekableStreamSucceeds(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { RefuseChunkedUploads = true, UploadStorage = storage });
        using var client = server.CreateClient();

        using var unseekable = new ForwardOnlyStream([1, 2, 3, 4]);
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(unseekable, "pipe.bin", cancellationToken: Ct));
        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Did not receive uploaded file.", error.ServerMessage);

        using var seekable = new MemoryStream([1, 2, 3, 4]);
        UploadedFile file = await client.Files.UploadAsync(seekable, "file.bin", cancellationToken: Ct);
        Assert.Equal(4, file.Size);
        Assert.True(server.Journal.For("file/upload")[^1].HadContentLength);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

using CodeGoodly.Upload.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// "What deployed servers really do", the envelope bullets: <c>status</c> vs <c>_status</c>, the router's 404s, proxies and
/// rate limiters in front of PHP, unknown fields.
/// </summary>
public sealed class EnvelopeQuirkTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetInfoAsync_ErrorKeyedStatusWithoutUnderscore_ThrowsWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info",
            """{"status":"error","response":"Could not find file based on file_id.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Could not find file based on file_id.", error.ServerMessage);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task GetInfoAsync_ErrorKeyedUnderscoreStatus_ThrowsWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info",
            """{"_status":"error","response":"Could not find file based on file_id.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Could not find file based on file_id.", error.ServerMessage);
    }

    [Fact]
    public async Task GetInfoAsync_ErrorWithDataPresent_IsStillAnError()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info",
            """{"status":"error","response":"Please provide the file_id param.","data":"","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Please provide the file_id param.", error.ServerMessage);
    }

    [Fact]
    public async Task GetInfoAsync_UnknownEndpointBareString404_ThrowsUnexpectedResponseWithTheText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", "\"No endpoint found for: x\"", status: 404);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("No endpoint found for: x", error.ServerMessage);
        Assert.Equal("file/info", error.Endpoint);
    }

    [Fact]
    public async Task GetInfoAsync_UnknownActionIndexedMessage404_ThrowsUnexpectedResponseWithTheText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info",
            """{"0":"No method found within endpoint (file): x","_status":"error","_datetime":"2024-11-28 22:52:06"}""", status: 404);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("No method found within endpoint (file): x", error.ServerMessage);
    }

    [Fact]
    public async Task GetInfoAsync_AuthorizeAnswersBareString404_SuggestsCheckingTheBaseAddress()
    {
        // What a site answers when BaseAddress lacks /api/v2/: its router knows no "authorize".
        using var api = new ApiServer();
        api.Server.Given(Request.Create().WithPath("/authorize").UsingPost()).RespondWith(ApiServer.Json("\"No endpoint found for: authorize\"", 404));
        using var client = api.CreateClient(o => o.BaseAddress = new Uri(api.Server.Urls[0] + "/"));

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("authorize", error.Endpoint);
        Assert.Equal("No endpoint found for: authorize", error.ServerMessage); // verbatim: the hint is in the message only
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("/api/v2/", error.Message, StringComparison.Ordinal);
        Assert.Contains("No endpoint found for: authorize", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/authorize"], api.Paths());
    }

    [Fact]
    public async Task GetInfoAsync_AuthorizeAnswersHtml404_SuggestsCheckingTheBaseAddress()
    {
        using var api = new ApiServer();
        api.Server.Given(Request.Create().WithPath("/authorize").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "text/html").WithBody("<html><body><h1>404 Not Found</h1></body></html>"));
        using var client = api.CreateClient(o => o.BaseAddress = new Uri(api.Server.Urls[0] + "/"));

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("authorize", error.Endpoint);
        Assert.Null(error.ServerMessage);
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("/api/v2/", error.Message, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoAsync_FileInfoAnswersBareString404_SaysNothingAboutTheBaseAddress()
    {
        // Once /authorize answered, the address is right: an unknown action is the server's version, not the client's setting.
        using var api = new ApiServer().GivenAuthorize().Given("file/info", "\"No endpoint found for: x\"", status: 404);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.DoesNotContain("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInfoAsync_BareStringWithHttp200_ThrowsUnexpectedResponseWithTheText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", "\"No endpoint found for: x\"");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("No endpoint found for: x", error.ServerMessage);
    }

    [Fact]
    public async Task GetInfoAsync_RateLimiter429HtmlWithRetryAfterThenSuccess_RetriesAndSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize();
        api.GivenFirstThen("file/info", Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0")
            .WithHeader("Content-Type", "text/html").WithBody("<html><body><h1>429 Too Many Requests</h1></body></html>"), ApiServer.Json(VendorSamples.FileInfo));
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GetInfoAsync_ProxyErrorHtmlThenSuccess_RetriesAndSucceeds(int status)
    {
        using var api = new ApiServer().GivenAuthorize();
        api.GivenFirstThen("file/info", Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "text/html").WithBody($"<html><body><h1>{status} Bad Gateway</h1><hr>nginx</body></html>"), ApiServer.Json(VendorSamples.FileInfo));
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task EditAsync_Proxy502_IsNotRepeatedBecauseTheEditMayHaveHappened()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenRaw("file/edit", "<html><body><h1>502 Bad Gateway</h1></body></html>", 502);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "b.jpg"), Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(502, error.HttpStatus);
        Assert.Single(api.RequestsTo("file/edit"));
    }

    [Fact]
    public async Task EditAsync_RateLimited429ThenSuccess_IsRepeatedBecauseItWasTurnedAway()
    {
        using var api = new ApiServer().GivenAuthorize();
        api.GivenFirstThen("file/edit", Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0").WithBody("Too Many Requests"), ApiServer.Json(VendorSamples.FileEdit));
        using var client = api.CreateClient();

        FileDetails file = await client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "sample4.jpg"), Cancel);

        Assert.Equal("sample4.jpg", file.FileName);
        Assert.Equal(2, api.RequestsTo("file/edit").Count);
    }

    [Fact]
    public async Task GetInfoAsync_UnknownFieldsOfAnyShape_AreIgnored()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", """
            {"data":{"id":"1253","filename":"a.jpg","brandNew":{"nested":[1,2,{"x":null}]},"flags":[true,false],"score":1.5e3,"note":null},
             "response":"ok","_status":"success","_datetime":"2024-11-28 22:52:06","_debug":{"queries":12},"extra":[1,"two"]}
            """);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileDetails { Id = new FileId(1253), FileName = "a.jpg" }, file);
    }

    [Fact]
    public async Task ListAsync_NewerServerFolderStatusAndUrlHash_AreIgnored()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", """
            {"data":{"folders":[{"id":"123","parentId":null,"folderName":"My Folder 1","status":"active","urlHash":"a1b2c3"}],"files":[]},"_status":"success","_datetime":"2024-11-28 22:52:06"}
            """);
        using var client = api.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Cancel);

        Assert.Equal(new FolderDetails { Id = new FolderId(123), FolderName = "My Folder 1" }, Assert.Single(listing.Folders));
        Assert.Empty(listing.Files);
    }

    [Fact]
    public async Task GetInfoAsync_JsonServedAsTextHtml_ReadsIt()
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/info", VendorSamples.FileInfo, 200, "text/html; charset=UTF-8");
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileId(1253), file.Id);
    }

    [Fact]
    public async Task GetInfoAsync_JsonAfterAByteOrderMark_ReadsIt()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", "\uFEFF" + VendorSamples.FileInfo);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileId(1253), file.Id);
    }

    [Fact]
    public async Task GetInfoAsync_PhpNoticeBeforeTheJson_ThrowsUnexpectedResponseShowingTheNotice()
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/info",
            "<br />\n<b>Notice</b>:  Undefined index: folderId in <b>/var/www/api/v2/file.php</b> on line <b>42</b><br />\n" + VendorSamples.FileInfo, 200);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains("Undefined index: folderId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_AccountIdAsJsonNumber_SendsItBack()
    {
        using var api = new ApiServer().Given("authorize", $$"""{"data":{"access_token":"{{ApiServer.Token}}","account_id":158642},"_status":"success"}""")
            .Given("file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();

        await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        api.AssertFormPost("file/info", ApiServer.WithSession(("file_id", "1253")));
    }

    [Fact]
    public async Task CreateAsync_NameWithFormSpecialCharacters_ArrivesIntact()
    {
        const string name = "Q&A = 100% + ü/€ ?#;";
        using var api = new ApiServer().GivenAuthorize().Given("folder/create", VendorSamples.FolderCreate);
        using var client = api.CreateClient();

        await client.Folders.CreateAsync(name, cancellationToken: Cancel);

        api.AssertFormPost("folder/create", ApiServer.WithSession(("folder_name", name), ("parent_id", string.Empty), ("is_public", "0")));
    }
}

using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// One test (or theory) per <see cref="UploadErrorKind"/>: the kind, the HTTP status, the server's words verbatim and the
/// endpoint. Every failure surfaces as exactly <see cref="UploadApiException"/> (Assert.ThrowsAsync checks the exact type),
/// so no JsonException, NullReferenceException or FormatException reaches the caller.
/// </summary>
public sealed class ErrorMappingTests
{
    private const string Html502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetInfoAsync_WrongKeyPair_ThrowsAuthenticationWithTheServerWords()
    {
        const string words = "Could not authenticate user. The key pair may be invalid or your account may be locked from too many failed logins.";
        using var api = new ApiServer().Given("authorize", $$"""{ "status": "error", "response": "{{words}}", "_datetime": "2024-11-28 22:52:06" }""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(words, error.ServerMessage);
        Assert.Equal("authorize", error.Endpoint);
        Assert.Equal(["/api/v2/authorize"], api.Paths());
    }

    [Fact]
    public async Task GetInfoAsync_WrongPassword_ThrowsAuthenticationWithTheServerWords()
    {
        const string words = "Could not authenticate user. The username and password may be invalid or your account may be locked from too many failed logins.";
        using var api = new ApiServer().Given("authorize", $$"""{ "status": "error", "response": "{{words}}", "_datetime": "2024-11-28 22:52:06" }""");
        using var client = api.CreateClient(o =>
        {
            o.Key1 = o.Key2 = null;
            o.Username = "admin";
            o.Password = "wrong";
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(Cancel));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal(words, error.ServerMessage);
        Assert.Equal("authorize", error.Endpoint);
    }

    [Theory]
    [InlineData("Your account level does not have access to the file upload API. Please contact site support for more information.")]
    [InlineData("Failed issuing access token.")]
    [InlineData("Please provide key1. It must be 64 characters in length.")]
    public async Task GetInfoAsync_AuthorizeRefused_ThrowsAuthenticationWithTheServerWords(string words)
    {
        using var api = new ApiServer().Given("authorize", $$"""{ "status": "error", "response": "{{words}}", "_datetime": "2024-11-28 22:52:06" }""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(Cancel));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(words, error.ServerMessage);
        Assert.Equal("authorize", error.Endpoint);
    }

    [Theory]
    [InlineData("file/info", "Could not find file based on file_id.")]
    [InlineData("file/move", "Could not find the destination folder id defined by new_parent_folder_id.")]
    [InlineData("file/copy", "Could not find the destination folder id defined by copy_to_folder_id.")]
    [InlineData("folder/info", "Could not find folder based on folder_id.")]
    public async Task Call_CouldNotFind_ThrowsNotFoundWithTheServerWords(string endpoint, string words)
    {
        using var api = new ApiServer().GivenAuthorize().Given(endpoint, $$"""{ "status": "error", "response": "{{words}}", "_datetime": "2024-11-28 22:52:06" }""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => CallAsync(client, endpoint));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(words, error.ServerMessage);
        Assert.Equal(endpoint, error.Endpoint);
    }

    [Fact]
    public async Task GetInfoAsync_Http404WithEnvelope_ThrowsNotFoundWith404()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", """{"status":"error","response":"File not found.","_datetime":"2024-11-28 22:52:06"}""", status: 404);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("File not found.", error.ServerMessage);
        Assert.Equal("file/info", error.Endpoint);
    }

    [Theory]
    [InlineData("file/info", "Please provide the file_id param.")]
    [InlineData("file/move", "Please provide the new_parent_folder_id param.")]
    [InlineData("folder/create", "Please provide the folder_name param.")]
    [InlineData("folder/delete", "Please provide the folder_id param.")]
    public async Task Call_PleaseProvide_ThrowsInvalidArgumentWithTheServerWords(string endpoint, string words)
    {
        using var api = new ApiServer().GivenAuthorize().Given(endpoint, $$"""{ "status": "error", "response": "{{words}}", "_datetime": "2024-11-28 22:52:06" }""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => CallAsync(client, endpoint));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(words, error.ServerMessage);
        Assert.Equal(endpoint, error.Endpoint);
    }

    [Theory]
    [InlineData("package/listing", "API user must be an admin user for this endpoint.", UploadErrorKind.Forbidden)]
    [InlineData("account/create", "API user must be an admin user for this endpoint.", UploadErrorKind.Forbidden)]
    [InlineData("account/edit", "API user must be an admin user for this endpoint.", UploadErrorKind.Forbidden)]
    [InlineData("account/delete", "API user must be an admin user for this endpoint.", UploadErrorKind.Forbidden)]
    [InlineData("account/edit", "You can not edit admin accounts via the API.", UploadErrorKind.Forbidden)]
    [InlineData("account/delete", "You can not delete admin accounts via the API.", UploadErrorKind.Forbidden)]
    [InlineData("account/create", "API can not be used to create admin or moderator accounts.", UploadErrorKind.Forbidden)]
    [InlineData("account/edit", "Failed loading a user account with the supplied account_id.", UploadErrorKind.NotFound)]
    [InlineData("account/delete", "Failed loading a user account with the supplied account_id.", UploadErrorKind.NotFound)]
    [InlineData("account/create", "Username already exists on another account", UploadErrorKind.InvalidArgument)]
    [InlineData("account/create", "Email address already exists on another account", UploadErrorKind.InvalidArgument)]
    [InlineData("account/edit", "Email address already exists on another account", UploadErrorKind.InvalidArgument)]
    [InlineData("account/create", "Username must be between 6-16 characters long.", UploadErrorKind.InvalidArgument)]
    [InlineData("account/create", "Password must be at least 8 characters long", UploadErrorKind.InvalidArgument)]
    [InlineData("account/create", "Password must be less than 8 characters long", UploadErrorKind.InvalidArgument)]
    [InlineData("account/edit", "Password must contain at least 1 uppercase character", UploadErrorKind.InvalidArgument)]
    [InlineData("account/create", "Please provide the email param.", UploadErrorKind.InvalidArgument)]
    [InlineData("account/edit", "Please provide the account_id param of the account to edit.", UploadErrorKind.InvalidArgument)]
    public async Task AdminCall_AdministratorEndpointRefusal_ThrowsItsKindWithTheServerWords(string endpoint, string words, UploadErrorKind kind)
    {
        using var api = new ApiServer().GivenAuthorize().Given(endpoint, $$"""{ "status": "error", "response": "{{words}}", "_datetime": "2026-12-01 04:14:46" }""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => CallAsync(client, endpoint));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(words, error.ServerMessage);
        Assert.Equal(endpoint, error.Endpoint);
        Assert.Single(api.RequestsTo(endpoint)); // a refusal is final: no retry, no second sign-in
    }

    [Fact]
    public async Task ListAsync_UnexpectedHeaderRefusal_ThrowsInvalidArgument()
    {
        // The server's answer to an X-HTTP-Method header it does not know (a proxy may add one): the request itself was refused.
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", """{"status":"error","response":"Unexpected Header","_datetime":"2026-12-01 04:14:46"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.ListAsync(cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Unexpected Header", error.ServerMessage);
    }

    [Fact]
    public async Task GetInfoAsync_Http400_ThrowsInvalidArgumentWithTheBodysWords()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", """{"status":"error","response":"Param file_id must be numeric.","_datetime":"2024-11-28 22:52:06"}""", status: 400);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("Param file_id must be numeric.", error.ServerMessage);
        Assert.Single(api.RequestsTo("file/info"));
    }

    [Fact]
    public async Task GetInfoAsync_Http429EveryTime_ThrowsRateLimitedAfterTheRetries()
    {
        using var api = new ApiServer().GivenAuthorize()
            .GivenRaw("file/info", "<html><body><h1>429 Too Many Requests</h1></body></html>", 429);
        using var client = api.CreateClient(o =>
        {
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.HttpStatus);
        Assert.Null(error.ServerMessage);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Contains("429 Too Many Requests", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task GetInfoAsync_Http403_ThrowsForbidden()
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/info", "<html><body>403 Forbidden</body></html>", 403);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Equal(403, error.HttpStatus);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Contains("403 Forbidden", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_DemoMode_ThrowsForbiddenWithTheServerWords()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/edit",
            """{"status":"error","response":"This API feature is not available in demo mode.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "x"), Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("This API feature is not available in demo mode.", error.ServerMessage);
        Assert.Equal("file/edit", error.Endpoint);
    }

    [Fact]
    public async Task GetInfoAsync_Http500EveryTime_ThrowsServerAfterTheRetries()
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/info", "<html><body>500 Internal Server Error</body></html>", 500);
        using var client = api.CreateClient(o =>
        {
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(500, error.HttpStatus);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Equal(3, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task GetInfoAsync_HtmlProxy502EveryTime_ThrowsServerWithTheFirstBytesOfThePage()
    {
        // public-api.md: "5xx after retries → Server"; the HTML page's first bytes go into the message.
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/info", Html502, 502);
        using var client = api.CreateClient(o =>
        {
            o.MaxRetries = 1;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(502, error.HttpStatus);
        Assert.Null(error.ServerMessage);
        Assert.Contains("<title>502 Bad Gateway</title>", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task GetDownloadLinkAsync_UnclassifiedServerError_ThrowsServerWithTheServerWords()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/download",
            """{"status":"error","response":"Could not generate download url.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetDownloadLinkAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("Could not generate download url.", error.ServerMessage);
        Assert.Equal("file/download", error.Endpoint);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Site maintenance</title></head><body>Back soon</body></html>", "text/html", "<title>Site maintenance</title>")]
    [InlineData("""{"data":{"id":"1253","filename":"sample4_l.jp""", "application/json", """{"data":{"id":"1253","filename":"sample4_l.jp""")]
    [InlineData("", "application/json", "empty")]
    [InlineData("""{"data":"oops","_status":"success","_datetime":"2024-11-28 22:52:06"}""", "application/json", "unexpected shape")]
    [InlineData("""{"data":{"id":"abc","filename":"a.jpg"},"_status":"success"}""", "application/json", "'id'")]
    [InlineData("""{"data":{"filename":"a.jpg"},"_status":"success"}""", "application/json", "'id'")]
    [InlineData("""{"data":{"id":"1253","filename":"a.jpg","fileSize":"big"},"_status":"success"}""", "application/json", "'fileSize'")]
    [InlineData("""{"data":{"id":"1253","filename":"a.jpg","uploadedDate":"yesterday"},"_status":"success"}""", "application/json", "'uploadedDate'")]
    [InlineData("""{"data":{"id":"1253","filename":{"first":"a"}},"_status":"success"}""", "application/json", "unexpected shape")]
    [InlineData("""{"data":{"id":"1253","filename":"a.jpg"}}""", "application/json", "_status")]
    [InlineData("""{"_status":"success"}""", "application/json", "'data'")]
    [InlineData("""[{"id":"1253"}]""", "application/json", "not the API's JSON")]
    [InlineData("null", "application/json", "not the API's JSON")]
    [InlineData("42", "application/json", "not the API's JSON")]
    public async Task GetInfoAsync_UnreadableBodyWithHttp200_ThrowsUnexpectedResponseDescribingIt(string body, string contentType, string described)
    {
        using var api = new ApiServer().GivenAuthorize().GivenRaw("file/info", body, 200, contentType);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Contains(described, error.Message, StringComparison.Ordinal);
        Assert.IsNotType<NullReferenceException>(error.InnerException);
    }

    [Fact]
    public async Task ListAsync_FilesIsAString_ThrowsUnexpectedResponse()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", """{"data":{"folders":[],"files":"none"},"_status":"success"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.ListAsync(cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal("folder/listing", error.Endpoint);
    }

    [Fact]
    public async Task GetInfoAsync_AuthorizeAnswersWithoutToken_ThrowsUnexpectedResponse()
    {
        using var api = new ApiServer().Given("authorize", """{"data":{"account_id":"158642"},"_status":"success"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal("authorize", error.Endpoint);
        Assert.Equal(["/api/v2/authorize"], api.Paths());
    }

    [Fact]
    public async Task GetInfoAsync_ConnectionRefused_ThrowsNetwork()
    {
        int port = ApiServer.ClosedLoopbackPort();
        using var client = new UploadClient(new UploadClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/api/v2/"),
            AllowInsecureHttp = true,
            Key1 = ApiServer.Key1,
            Key2 = ApiServer.Key2,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Null(error.ServerMessage);
        Assert.Equal("file/info", error.Endpoint);
        Assert.False(error.IsOutcomeUnknown);
    }

    [Fact]
    public async Task EditAsync_ConnectionRefused_ThrowsNetworkWithTheOutcomeKnown()
    {
        int port = ApiServer.ClosedLoopbackPort();
        using var client = new UploadClient(new UploadClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/api/v2/"),
            AllowInsecureHttp = true,
            Key1 = ApiServer.Key1,
            Key2 = ApiServer.Key2,
            MaxRetries = 0,
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "x"), Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.Equal("file/edit", error.Endpoint);
        Assert.False(error.IsOutcomeUnknown, "a refused connection never reached the server");
    }

    [Fact]
    public async Task GetInfoAsync_NoAnswerWithinAttemptTimeout_ThrowsNetwork()
    {
        using var silent = new SilentServer();
        using var client = new UploadClient(new UploadClientOptions
        {
            BaseAddress = silent.BaseAddress,
            AllowInsecureHttp = true,
            Key1 = ApiServer.Key1,
            Key2 = ApiServer.Key2,
            MaxRetries = 0,
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
        });

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    private static Task CallAsync(UploadClient client, string endpoint) => endpoint switch
    {
        "file/info" => client.Files.GetInfoAsync(new FileId(1253), Cancel),
        "file/move" => client.Files.MoveAsync(new FileId(1253), new FolderId(5), Cancel),
        "file/copy" => client.Files.CopyAsync(new FileId(1253), new FolderId(5), Cancel),
        "folder/info" => client.Folders.GetInfoAsync(new FolderId(123), Cancel),
        "folder/create" => client.Folders.CreateAsync("New", cancellationToken: Cancel),
        "folder/delete" => client.Folders.DeleteAsync(new FolderId(123), Cancel),
        "package/listing" => client.Admin.ListPackagesAsync(Cancel),
        "account/create" => client.Admin.CreateAccountAsync(new NewAccount { Username = "newuser1", Password = "NewPas12", Email = "new@example.test" }, Cancel),
        "account/edit" => client.Admin.EditAccountAsync(3, new AccountChanges { FirstName = "X" }, Cancel),
        "account/delete" => client.Admin.DeleteAccountAsync(3, Cancel),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "no call for this endpoint"),
    };
}

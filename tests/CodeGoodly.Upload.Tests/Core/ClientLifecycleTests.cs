using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>What a client does with its settings, its sign-out, and its download requests over its life.</summary>
public sealed class ClientLifecycleTests
{
    private const string Refused = """{"status":"error","response":"Could not validate access_token and account_id, please reauthenticate or try again.","_datetime":"2024-11-28 22:52:06"}""";

    [Fact]
    public async Task SignOutAsync_TokenAlreadyDroppedByTheServer_SucceedsWithoutSigningInAgain()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", Refused);
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.SignOutAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token"], api.Paths());
    }

    [Fact]
    public async Task SignOutAsync_ServerUnavailable_IsTriedOnceNotRetried()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .GivenRaw("disable_access_token", "<html><body>503 Service Unavailable</body></html>", 503);
        using var client = api.CreateClient(o => o.MaxRetries = 3);
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.SignOutAsync(TestContext.Current.CancellationToken));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.Single(api.RequestsTo("disable_access_token"));
    }

    [Fact]
    public async Task Constructor_OptionsChangedAfterwards_ClientKeepsTheSettingsItWasGiven()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo);
        UploadClientOptions options = api.Options();
        using var client = new UploadClient(options);

        options.BaseAddress = new Uri("http://127.0.0.1:" + ApiServer.ClosedLoopbackPort() + "/api/v2/");
        options.Key1 = new string('x', 64);
        AccountInfo account = await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(158642, account.Id);
        Assert.Equal(ApiServer.Key1, ApiServer.FormOf(Assert.Single(api.RequestsTo("authorize")))["key1"]);
    }

    [Fact]
    public async Task DownloadAsync_DownloadGet_AsksForNoCompressionSoRangeOffsetsStayTrue()
    {
        byte[] payload = "the bytes of the file"u8.ToArray();
        using var api = new ApiServer().GivenAuthorize();
        string url = api.Server.Urls[0] + "/d/2Vv?download_token=abc";
        api.Given("file/download", $$"""{"data":{"file_id":"1253","filename":"a.txt","download_url":"{{url}}"},"_status":"success"}""");
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/d/2Vv").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(payload));
        using var client = api.CreateClient();
        using var destination = new MemoryStream();

        await client.Files.DownloadAsync(new FileId(1253), destination, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(payload, destination.ToArray());
        var get = Assert.Single(api.Server.LogEntries, e => e.RequestMessage.Method == "GET");
        Assert.Null(ApiServer.HeaderOf(get, "Accept-Encoding"));
    }
}

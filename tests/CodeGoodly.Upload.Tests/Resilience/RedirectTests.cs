using CodeGoodly.Upload.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>
/// API calls never follow a redirect: their bodies carry the keys, the password or the access token, and a 3xx could point
/// anywhere. The redirect is an <see cref="UploadApiException"/> naming where it pointed, and nothing is sent there.
/// </summary>
public sealed class RedirectTests : IDisposable
{
    private readonly ApiServer api = new();
    private readonly ApiServer elsewhere = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        api.Dispose();
        elsewhere.Dispose();
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Write_RedirectedToAnotherHost_UnexpectedResponseNamingTheLocationAndNothingSentThere(int status)
    {
        Uri target = new(elsewhere.BaseAddress, "folder/create");
        api.GivenAuthorize().GivenSequence("folder/create", Redirect(status, target));
        elsewhere.GivenAuthorize().Given("folder/create", FolderJson);
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Folders.CreateAsync("Reports", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(status, error.HttpStatus);
        Assert.Contains(target.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("folder/create")); // not repeated
        Assert.Empty(elsewhere.Server.LogEntries);
    }

    [Fact]
    public async Task Authorize_307ToAnotherHost_KeysNeverSentThere()
    {
        Uri target = new(elsewhere.BaseAddress, "authorize");
        api.GivenSequence("authorize", Redirect(307, target));
        elsewhere.GivenAuthorize();
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(307, error.HttpStatus);
        Assert.Contains(target.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key1, error.ToString(), StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("authorize"));
        Assert.Empty(elsewhere.Server.LogEntries);
    }

    [Fact]
    public async Task Read_301ToAnotherHost_UnexpectedResponseNotAuthentication()
    {
        // Followed, a 301 turns the POST into a body-less GET, whose answer ("Please provide the access_token param.") used to read as Authentication.
        Uri target = new(elsewhere.BaseAddress, "file/info");
        api.GivenAuthorize().GivenSequence("file/info", Redirect(301, target));
        elsewhere.Server.Given(Request.Create().WithPath("/api/v2/file/info"))
            .RespondWith(ApiServer.Json("""{"status":"error","response":"Please provide the access_token param.","_datetime":"2024-11-28 22:52:06"}"""));
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(301, error.HttpStatus);
        Assert.Contains(target.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("file/info")); // a read, but a redirect is not transient: not retried
        Assert.Empty(elsewhere.Server.LogEntries);
    }

    [Fact]
    public async Task Write_RelativeLocation_MessageNamesTheResolvedAddress()
    {
        api.GivenAuthorize().GivenSequence("file/delete", Response.Create().WithStatusCode(302).WithHeader("Location", "/login.php?next=api"));
        using var client = api.CreateClient();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.DeleteAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains(new Uri(api.BaseAddress, "/login.php?next=api").AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("file/delete"));
        Assert.DoesNotContain(api.Paths(), path => path.StartsWith("/login.php", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task CallersHttpClientThatFollowsRedirects_307Or308_NoBodyReachesTheOtherHost(int status)
    {
        Uri target = new(elsewhere.BaseAddress, "authorize");
        api.GivenSequence("authorize", Redirect(status, target));
        elsewhere.GivenAuthorize();
        using var http = new HttpClient(); // AllowAutoRedirect = true: the platform's default
        using var client = new UploadClient(http, api.Options());

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Account.GetInfoAsync(Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains(target.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key1, error.ToString(), StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("authorize"));
        Assert.All(elsewhere.Server.LogEntries, entry => Assert.True(string.IsNullOrEmpty(entry.RequestMessage.Body), "the keys were re-posted to the redirect's target"));
    }

    [Fact]
    public async Task CallersHttpClientThatFollowsRedirects_301_UnexpectedResponseNamingWhereItWent()
    {
        Uri target = new(elsewhere.BaseAddress, "file/info");
        api.GivenAuthorize().GivenSequence("file/info", Redirect(301, target));
        elsewhere.Server.Given(Request.Create().WithPath("/api/v2/file/info"))
            .RespondWith(ApiServer.Json("""{"status":"error","response":"Please provide the access_token param.","_datetime":"2024-11-28 22:52:06"}"""));
        using var http = new HttpClient();
        using var client = new UploadClient(http, api.Options());

        var error = await FailsWithinBoundAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains(target.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("file/info"));
        Assert.All(elsewhere.Server.LogEntries, entry => Assert.True(string.IsNullOrEmpty(entry.RequestMessage.Body), "the token was sent to the redirect's target"));
    }

    [Fact]
    public async Task AddUploadClient_ApiRedirectsToAnotherHost_NotFollowed()
    {
        Uri target = new(elsewhere.BaseAddress, "folder/create");
        api.GivenAuthorize().GivenSequence("folder/create", Redirect(308, target));
        elsewhere.GivenAuthorize().Given("folder/create", FolderJson);
        var services = new ServiceCollection();
        services.AddUploadClient(o => Configure(o, api));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => provider.GetRequiredService<IUploadClient>().Folders.CreateAsync("Reports", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains(target.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Single(api.RequestsTo("folder/create"));
        Assert.Empty(elsewhere.Server.LogEntries);
    }

    [Fact]
    public async Task AddUploadClient_AppsOwnPrimaryHandler_RedirectsStillNotFollowed()
    {
        Uri target = new(elsewhere.BaseAddress, "authorize");
        api.GivenSequence("authorize", Redirect(307, target));
        elsewhere.GivenAuthorize();
        var services = new ServiceCollection();
        services.AddUploadClient(o => Configure(o, api))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler()); // say, for a proxy: AllowAutoRedirect is true by default
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = await FailsWithinBoundAsync<UploadApiException>(() => provider.GetRequiredService<IUploadClient>().Account.GetInfoAsync(Ct));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Single(api.RequestsTo("authorize"));
        Assert.Empty(elsewhere.Server.LogEntries);
    }

    private static void Configure(UploadClientOptions options, ApiServer server)
    {
        options.BaseAddress = server.BaseAddress;
        options.Key1 = ApiServer.Key1;
        options.Key2 = ApiServer.Key2;
        options.AllowInsecureHttp = true;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
    }

    private static IResponseBuilder Redirect(int status, Uri location) =>
        Response.Create().WithStatusCode(status).WithHeader("Location", location.AbsoluteUri);
}

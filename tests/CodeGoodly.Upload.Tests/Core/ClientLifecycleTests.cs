using System.Runtime.CompilerServices;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Session;
using CodeGoodly.Upload.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

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
    public async Task SignOutAsync_NoTokenYet_SendsNothing()
    {
        using var api = new ApiServer().GivenAuthorize().Given("disable_access_token", """{"_status":"success"}""");
        using var client = api.CreateClient();

        await client.SignOutAsync(TestContext.Current.CancellationToken);

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task SignOutAsync_TwiceInARow_DisablesTheTokenOnceAndNeverSignsIn()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", """{"response":"Token removed or no longer available.","_status":"success"}""");
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.SignOutAsync(TestContext.Current.CancellationToken);
        await client.SignOutAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token"], api.Paths());
    }

    [Fact]
    public async Task SignOutAsync_Concurrent_DisablesTheHeldTokenAtMostOnceAndNeverSignsIn()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo);
        // A slow answer keeps the first sign-out in flight while the others start.
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v2/disable_access_token").UsingPost())
            .RespondWith(ApiServer.Json("""{"response":"Token removed or no longer available.","_status":"success"}""").WithDelay(TimeSpan.FromMilliseconds(200)));
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SignOutAsync(TestContext.Current.CancellationToken)));

        var disable = Assert.Single(api.RequestsTo("disable_access_token"));
        Assert.Equal(ApiServer.Token, ApiServer.FormOf(disable)["access_token"]);
        Assert.Single(api.RequestsTo("authorize"));
    }

    [Fact]
    public async Task SignOutAsync_WhileTheFirstCallSignsIn_SendsNothingAndTheCallKeepsItsToken()
    {
        using var api = new ApiServer().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", """{"response":"Token removed or no longer available.","_status":"success"}""");
        // A slow /authorize keeps the first call's sign-in in flight while the sign-out runs.
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v2/authorize").UsingPost())
            .RespondWith(ApiServer.Json(ApiServer.AuthorizeJson(ApiServer.Token)).WithDelay(TimeSpan.FromMilliseconds(200)));
        using var client = api.CreateClient();

        Task<AccountInfo> firstCall = client.Account.GetInfoAsync(TestContext.Current.CancellationToken);
        await client.SignOutAsync(TestContext.Current.CancellationToken);
        AccountInfo account = await firstCall;

        Assert.Equal(158642, account.Id);
        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info"], api.Paths());
        Assert.Equal(ApiServer.Token, ApiServer.FormOf(Assert.Single(api.RequestsTo("account/info")))["access_token"]);
    }

    [Fact]
    public async Task SignOutAsync_ThenACall_SignsInAgainForTheCall()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", """{"response":"Token removed or no longer available.","_status":"success"}""");
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.SignOutAsync(TestContext.Current.CancellationToken);
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token", "/api/v2/authorize", "/api/v2/account/info"], api.Paths());
    }

    [Fact]
    public async Task Dispose_SignOutThrowsSomethingUnexpected_LogsItAndLeavesNoUnobservedTaskException()
    {
        string marker = "sign-out failure " + Guid.NewGuid().ToString("N");
        var unobserved = new List<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> watch = (_, args) =>
        {
            if (args.Exception.ToString().Contains(marker, StringComparison.Ordinal))
            {
                lock (unobserved)
                {
                    unobserved.Add(args.Exception);
                }
            }
        };
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo);
        var collector = new FakeLogCollector();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var network = new FailingSignOutHandler(marker);
        TaskScheduler.UnobservedTaskException += watch;
        try
        {
            await DisposeAfterOneCallAsync(api, network, loggerFactory);

            // The background sign-out releases the connections last; wait for that (a guard against a hang, not a timing assertion).
            await network.Disposed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            for (int i = 0; i < 5; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= watch;
        }

        Assert.Empty(unobserved);
        FakeLogRecord failed = Assert.Single(collector.GetSnapshot(), r => r.Id.Name == "SignOutFailed");
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.StructuredState!.Single(p => p.Key == "ErrorType").Value);
        Assert.DoesNotContain(ApiServer.Token, failed.Message, StringComparison.Ordinal);
        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info"], api.Paths());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task DisposeAfterOneCallAsync(ApiServer api, HttpMessageHandler network, ILoggerFactory loggerFactory)
    {
        var client = new UploadClient(network, api.Options(), new SessionTokenCache(), signOutOnDispose: true, UploadDiagnostics.From(loggerFactory));
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);
        client.Dispose();
    }

    /// <summary>The network, failing the sign-out with an exception the SDK does not translate (as a caller's own handler might); says when it is disposed.</summary>
    private sealed class FailingSignOutHandler(string marker) : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly TaskCompletionSource disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Disposed => disposed.Task;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.EndsWith("/disable_access_token", StringComparison.Ordinal)
                ? throw new InvalidOperationException(marker)
                : base.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            disposed.TrySetResult();
        }
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

using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>
/// The session's behaviour against a server that really validates tokens (<see cref="TokenAuthority"/>): caching,
/// re-authorization on both refusal wordings and on 401, single-flight, giving up, and two clients sharing an account.
/// </summary>
public sealed class SessionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_ManyInARow_AuthorizeOnce()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();

        for (int i = 0; i < 10; i++)
        {
            await client.Files.GetInfoAsync(new FileId(1253), Cancel);
        }

        Assert.Equal(1, authority.Issued);
        Assert.Single(api.RequestsTo("authorize"));
        Assert.All(api.RequestsTo("file/info"), e => Assert.Equal(TokenAuthority.TokenFor(1), ApiServer.FormOf(e)["access_token"]));
    }

    [Fact]
    public async Task FirstCalls_ManyAtOnce_ShareOneAuthorize()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.Files.GetInfoAsync(new FileId(1253), Cancel)));

        Assert.Equal(1, authority.Issued);
        Assert.Equal(50, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task Call_TokenRefusedWithTheCoreWording_ReauthorizesAndRepeatsWithTheNewToken()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/info", VendorSamples.FileInfo, TokenAuthority.CoreRefusal);
        using var client = api.CreateClient();
        await client.Files.GetInfoAsync(new FileId(1253), Cancel);
        authority.Expire();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(2, authority.Issued);
        Assert.Equal(
            [TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(2)],
            api.RequestsTo("file/info").Select(e => ApiServer.FormOf(e)["access_token"]));
        Assert.All(api.RequestsTo("file/info"), e => Assert.Equal("1253", ApiServer.FormOf(e)["file_id"]));
    }

    [Fact]
    public async Task Call_TokenRefusedWithTheAccountWording_ReauthorizesAndRepeatsWithTheNewToken()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "account/info", VendorSamples.AccountInfo, TokenAuthority.AccountRefusal);
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(Cancel);
        authority.Expire();

        AccountInfo account = await client.Account.GetInfoAsync(Cancel);

        Assert.Equal(158642, account.Id);
        Assert.Equal(2, authority.Issued);
        Assert.Equal(
            [TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(2)],
            api.RequestsTo("account/info").Select(e => ApiServer.FormOf(e)["access_token"]));
    }

    [Fact]
    public async Task UploadAsync_TokenRefused_RepeatsTheWholeUploadWithTheNewToken()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/upload", VendorSamples.FileUpload);
        authority.Guard(api, "file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();
        await client.Files.GetInfoAsync(new FileId(1253), Cancel);
        authority.Expire();
        using var content = new MemoryStream("the bytes"u8.ToArray());

        await client.Files.UploadAsync(content, "a.txt", cancellationToken: Cancel);

        var uploads = api.RequestsTo("file/upload").Select(ApiServer.MultipartOf).ToList();
        Assert.Equal(2, uploads.Count);
        Assert.Equal(TokenAuthority.TokenFor(2), uploads[1].Single(p => p.Name == "access_token").Text);
        Assert.All(uploads, parts => Assert.Equal("the bytes", parts.Single(p => p.Name == "upload_file").Text));
    }

    [Fact]
    public async Task Call_Http401_ReauthorizesOnceAndRepeatsWithTheNewToken()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.GuardWith401(api, "file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();
        await client.Files.GetInfoAsync(new FileId(1253), Cancel);
        authority.Expire();

        await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(2, authority.Issued);
        Assert.Equal(
            [TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(2)],
            api.RequestsTo("file/info").Select(e => ApiServer.FormOf(e)["access_token"]));
    }

    [Fact]
    public async Task Call_Http401AgainWithTheFreshToken_ThrowsAuthenticationWith401()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer())
            .GivenRaw("file/info", "<html><body>401 Authorization Required</body></html>", 401);
        using var client = api.CreateClient(o => o.MaxReauthorizations = 5);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.HttpStatus);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Equal(2, authority.Issued);
        Assert.Equal(
            [TokenAuthority.TokenFor(1), TokenAuthority.TokenFor(2)],
            api.RequestsTo("file/info").Select(e => ApiServer.FormOf(e)["access_token"]));
    }

    [Fact]
    public async Task ConcurrentCalls_AfterTheTokenExpired_ShareExactlyOneReauthorize()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();
        await client.Files.GetInfoAsync(new FileId(1253), Cancel);
        authority.Expire();

        FileDetails[] files = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.Files.GetInfoAsync(new FileId(1253), Cancel)));

        Assert.Equal(200, files.Length);
        Assert.Equal(2, authority.Issued);
        Assert.Equal(2, api.RequestsTo("authorize").Count);
        Assert.Equal(200, api.RequestsTo("file/info").Count(e => ApiServer.FormOf(e)["access_token"] == TokenAuthority.TokenFor(2)));
    }

    [Fact]
    public async Task Call_FreshTokenRefusedEveryTime_GivesUpAfterMaxReauthorizationsWithAuthentication()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer())
            .Given("file/info", $$"""{"status":"error","response":"{{TokenAuthority.CoreRefusal}}","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient(o => o.MaxReauthorizations = 3);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(TokenAuthority.CoreRefusal, error.ServerMessage);
        Assert.Equal("file/info", error.Endpoint);
        Assert.Equal(4, authority.Issued); // the first token, then one per refusal up to MaxReauthorizations
        Assert.Equal(4, api.RequestsTo("file/info").Count);
    }

    [Fact]
    public async Task Call_AfterAFailedAuthorize_AuthorizesAgainInsteadOfCachingTheFailure()
    {
        using var api = new ApiServer();
        api.GivenFirstThen("authorize",
            ApiServer.Json("""{"status":"error","response":"Failed issuing access token.","_datetime":"2024-11-28 22:52:06"}"""),
            ApiServer.Json(ApiServer.AuthorizeJson(ApiServer.Token)));
        api.Given("file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();
        await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(1253), Cancel));

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(["/api/v2/authorize", "/api/v2/authorize", "/api/v2/file/info"], api.Paths());
    }

    [Fact]
    public async Task TwoClients_SharingOneAccountAgainstAServerKeepingOnlyTheLatestToken_NoCallFails()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/info", VendorSamples.FileInfo);
        using var first = api.CreateClient();
        using var second = api.CreateClient();

        var calls = Enumerable.Range(0, 50).SelectMany(_ => new[]
        {
            first.Files.GetInfoAsync(new FileId(1253), Cancel),
            second.Files.GetInfoAsync(new FileId(1253), Cancel),
        }).ToList();
        await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
            }
            catch (UploadApiException)
            {
                // counted below
            }
        }));

        Assert.Equal(0, calls.Count(c => c.IsFaulted));
        Assert.Equal(100, calls.Count(c => c.IsCompletedSuccessfully));
        Assert.True(authority.Issued >= 2, "both clients signed in");
    }

    [Fact]
    public async Task TwoClients_SharingOneAccountWithSteadyTraffic_NoCallFails()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "file/info", VendorSamples.FileInfo);
        using var first = api.CreateClient();
        using var second = api.CreateClient();
        int failures = 0;

        // Each client: 5 workers making 10 calls one after another, so the clients keep signing each other out throughout.
        async Task WorkAsync(UploadClient client)
        {
            for (int i = 0; i < 10; i++)
            {
                try
                {
                    await client.Files.GetInfoAsync(new FileId(1253), Cancel);
                }
                catch (UploadApiException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 5).SelectMany(_ => new[] { WorkAsync(first), WorkAsync(second) }));

        Assert.Equal(0, failures);
        Assert.True(authority.Issued >= 2, "both clients signed in");
    }

    [Fact]
    public async Task EditAccountAsync_TokenRefused_RepeatsWithTheNewTokenAndStillTheTargetAccount()
    {
        var authority = new TokenAuthority();
        using var api = authority.ServeAuthorize(new ApiServer());
        authority.Guard(api, "account/info", VendorSamples.AccountInfo, TokenAuthority.AccountRefusal);
        authority.Guard(api, "account/edit", VendorSamples.AccountInfo, TokenAuthority.AccountRefusal);
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(Cancel);
        authority.Expire();

        await client.Admin.EditAccountAsync(2001, new AccountChanges { Status = "active" }, Cancel);

        var edits = api.RequestsTo("account/edit").Select(ApiServer.FormOf).ToList();
        Assert.Equal(2, edits.Count);
        Assert.Equal(TokenAuthority.TokenFor(2), edits[1]["access_token"]);
        Assert.All(edits, form => Assert.Equal("2001", form["account_id"]));
    }

    [Fact]
    public async Task FirstCalls_OneCallerCancelsDuringTheSharedAuthorize_TheOtherStillSucceedsWithOneAuthorize()
    {
        // The server holds /authorize until the test lets it go: the cancellation lands while it is in flight, on any machine.
        using var authorizeArrived = new SemaphoreSlim(0);
        using var releaseAuthorize = new ManualResetEventSlim();
        using var api = new ApiServer().Given("file/info", VendorSamples.FileInfo);
        api.GivenCallback("authorize", _ =>
        {
            authorizeArrived.Release();
            releaseAuthorize.Wait(TimeSpan.FromSeconds(30));
            return ApiServer.JsonMessage(ApiServer.AuthorizeJson(ApiServer.Token));
        });
        using var client = api.CreateClient();
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        Task<FileDetails> giving = client.Files.GetInfoAsync(new FileId(1253), impatient.Token);
        Task<FileDetails> waiting = client.Files.GetInfoAsync(new FileId(1253), Cancel);
        await authorizeArrived.WaitAsync(Cancel);
        await impatient.CancelAsync();
        releaseAuthorize.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => giving);
        FileDetails file = await waiting;
        Assert.Equal(new FileId(1253), file.Id);
        Assert.Single(api.RequestsTo("authorize"));
        Assert.Single(api.RequestsTo("file/info"));
    }
}

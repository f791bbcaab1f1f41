using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>Contract tests for /authorize (both modes) and /disable_access_token (sign-out and dispose).</summary>
public sealed class SessionContractTests
{
    private const string VendorToken = "lGoVSof0VRwq1Gaza8fODfIxQ4pu6j6rZvnRUCRPunfw4q5ezk3dALLqQbUWu1ntxKkrnbgSzwoDWtSwOVJoHuPxFKt9LRCjCXK081SIxgmuJe1y9KXQfMoVwS4iJHBm";

    [Fact]
    public async Task Authorize_KeyPairMode_PostsOnlyKey1AndKey2AndUsesTheVendorToken()
    {
        using var api = new ApiServer().Given("authorize", VendorSamples.Authorize).Given("account/info", VendorSamples.AccountInfo);
        using var client = api.CreateClient();

        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info"], api.Paths());
        api.AssertFormPost("authorize", new Dictionary<string, string> { ["key1"] = ApiServer.Key1, ["key2"] = ApiServer.Key2 });
        api.AssertFormPost("account/info", new Dictionary<string, string> { ["access_token"] = VendorToken, ["account_id"] = "158642" });
    }

    [Fact]
    public async Task Authorize_UsernamePasswordMode_PostsOnlyUsernameAndPassword()
    {
        using var api = new ApiServer().Given("authorize", VendorSamples.Authorize).Given("account/info", VendorSamples.AccountInfo);
        using var client = api.CreateClient(o =>
        {
            o.Key1 = null;
            o.Key2 = null;
            o.Username = "admin";
            o.Password = "pässwörd & = +";
        });

        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        api.AssertFormPost("authorize", new Dictionary<string, string> { ["username"] = "admin", ["password"] = "pässwörd & = +" });
        api.AssertFormPost("account/info", new Dictionary<string, string> { ["access_token"] = VendorToken, ["account_id"] = "158642" });
    }

    [Fact]
    public async Task SignOutAsync_AfterACall_PostsDisableAccessTokenWithTheToken()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", VendorSamples.DisableAccessToken);
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.SignOutAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token"], api.Paths());
        api.AssertFormPost("disable_access_token", ApiServer.WithSession());
    }

    [Fact]
    public async Task SignOutAsync_ThenACall_AuthorizesAgain()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", VendorSamples.DisableAccessToken);
        using var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);
        await client.SignOutAsync(TestContext.Current.CancellationToken);

        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            ["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token", "/api/v2/authorize", "/api/v2/account/info"],
            api.Paths());
    }

    [Fact]
    public async Task SignOutAsync_NeverSignedIn_SendsNothing()
    {
        using var api = new ApiServer().GivenAuthorize().Given("disable_access_token", VendorSamples.DisableAccessToken);
        using var client = api.CreateClient();

        await client.SignOutAsync(TestContext.Current.CancellationToken);

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task DisposeAsync_AfterACall_PostsDisableAccessTokenWithTheToken()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", VendorSamples.DisableAccessToken);
        var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.DisposeAsync();

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token"], api.Paths());
        api.AssertFormPost("disable_access_token", ApiServer.WithSession());
    }

    [Fact]
    public async Task DisposeAsync_ServerFailsTheSignOut_DoesNotThrow()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .GivenRaw("disable_access_token", "<html><body>500 Internal Server Error</body></html>", 500);
        var client = api.CreateClient(o => o.MaxRetries = 0);
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.DisposeAsync();

        Assert.Single(api.RequestsTo("disable_access_token"));
    }

    [Fact]
    public async Task Dispose_AfterACall_SignsOutInTheBackground()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", VendorSamples.DisableAccessToken);
        var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        client.Dispose();

        // Dispose cannot wait for I/O: wait (bounded) for the background sign-out to arrive.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(10));
        while (api.RequestsTo("disable_access_token").Count == 0)
        {
            await Task.Delay(20, patience.Token);
        }

        api.AssertFormPost("disable_access_token", ApiServer.WithSession());
    }

    [Fact]
    public async Task DisposeAsync_TokenAlreadyDeadOnTheServer_SignsOutOnceWithoutAuthorizingAgain()
    {
        using var api = new ApiServer().GivenAuthorize().Given("account/info", VendorSamples.AccountInfo)
            .Given("disable_access_token", $$"""{"status":"error","response":"{{TokenAuthority.CoreRefusal}}","_datetime":"2024-11-28 22:52:06"}""");
        var client = api.CreateClient();
        await client.Account.GetInfoAsync(TestContext.Current.CancellationToken);

        await client.DisposeAsync();

        Assert.Equal(["/api/v2/authorize", "/api/v2/account/info", "/api/v2/disable_access_token"], api.Paths());
    }
}

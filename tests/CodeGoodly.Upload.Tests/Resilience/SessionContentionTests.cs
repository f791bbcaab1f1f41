using System.Collections.Concurrent;
using System.Net;
using static CodeGoodly.Upload.Tests.Resilience.FaultServer;
using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>Tokens that expire or are replaced while calls are in flight.</summary>
public sealed class SessionContentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Burst_TokenExpiresMidBurst_OneReauthorizationAndEveryCallSucceeds()
    {
        var account = new OneTokenAccount();
        using var server = new RawHttpServer().Handle(account.Answer);
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct);
        account.ExpireTokens(); // the server drops the token (an hour idle, or a restart) while the app keeps calling

        FileDetails[] files = await BoundedResultAsync(() => Task.WhenAll(Enumerable.Range(1, 20).Select(id => client.Files.GetInfoAsync(new FileId(id), Ct))));

        Assert.Equal(20, files.Length);
        Assert.Equal(2, server.CountOf("authorize")); // the first sign-in, and one shared re-authorization for the whole burst
        Assert.Equal(1 + 20, account.Served); // the warm-up call and the burst, each served once
    }

    [Fact]
    public async Task TwoClients_ShareOneAccountUnderLoad_NoFailedCalls()
    {
        var account = new OneTokenAccount();
        using var server = new RawHttpServer().Handle(account.Answer);
        using var first = server.CreateClient();
        using var second = server.CreateClient();

        // Each /authorize kills the other client's token; both must keep making progress.
        async Task WorkAsync(UploadClient client, int worker)
        {
            for (int call = 0; call < 10; call++)
            {
                await client.Files.GetInfoAsync(new FileId(worker * 100 + call + 1), Ct);
            }
        }

        await BoundedAsync(() => Task.WhenAll(Enumerable.Range(0, 6).Select(worker => WorkAsync(worker % 2 == 0 ? first : second, worker))));

        Assert.Equal(60, account.Served);
        Assert.True(server.CountOf("authorize") < 60, "re-authorizations are shared, not one per call");
        TestContext.Current.TestOutputHelper?.WriteLine($"60 calls by two clients on one account: {server.CountOf("authorize")} authorizations, {server.CountOf("file/info")} file/info requests.");
    }

    [Fact]
    public async Task RetryBudget_DeadServerUnderConcurrentLoad_FewerRetriesThanEveryCallersMax()
    {
        using var server = new RawHttpServer().Script("file/info", RawReply.Json("<html>503 Service Unavailable</html>", 503));
        // The budget's clock stands still, so all 40 calls fall in one 10-second window however slowly the machine runs them.
        using var client = new UploadClient(null, server.Options(o => o.MaxRetries = 3), new CodeGoodly.Upload.Session.SessionTokenCache(time: new ManualTime()), signOutOnDispose: true);

        var calls = Enumerable.Range(1, 40).Select(id => Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(id), Ct))).ToList();
        UploadApiException[] errors = await BoundedResultAsync(() => Task.WhenAll(calls));

        Assert.All(errors, e => Assert.Equal(UploadErrorKind.Server, e.Kind));
        // Without a budget: 40 × (1 + 3) = 160 requests. The budget allows 10 + 20% of 40 = 18 retries.
        Assert.InRange(server.CountOf("file/info"), 40, 40 + 18);
    }

    private static async Task<T> BoundedResultAsync<T>(Func<Task<T>> call)
    {
        T result = default!;
        await BoundedAsync(async () => result = await call());
        return result;
    }
}

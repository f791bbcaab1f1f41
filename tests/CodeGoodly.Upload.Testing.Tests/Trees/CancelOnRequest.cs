namespace CodeGoodly.Upload.Testing.Tests.Trees;

/// <summary>A handler in front of the network that cancels a transfer when the n-th matching request is about to be sent (that one is never sent).</summary>
public sealed class CancelOnRequest(Func<HttpRequestMessage, bool> matches, int number, CancellationTokenSource cancel) : DelegatingHandler(new SocketsHttpHandler())
{
    private int seen;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (matches(request) && Interlocked.Increment(ref seen) >= number)
        {
            cancel.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Waits until the fake has answered every request that reached it (a cancelled client does not wait for that).</summary>
    public static async Task SettledAsync(FakeUploadServer server, CancellationToken cancellationToken)
    {
        for (int wait = 0; wait < 100 && server.Journal.Any(e => e.StatusCode == 0); wait++)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}

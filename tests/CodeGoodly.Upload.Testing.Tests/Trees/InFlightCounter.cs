namespace CodeGoodly.Upload.Testing.Tests.Trees;

/// <summary>
/// A handler in front of the network that counts how many matching requests are in flight at once. The first
/// <see cref="HoldFirst"/> matching requests are held until that many have arrived, so the count reaches the limit for
/// certain on any machine (a transfer that never gets there times out instead of passing by luck).
/// </summary>
public sealed class InFlightCounter(Func<HttpRequestMessage, bool> matches, int holdFirst) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;
    private int maxInFlight;
    private int arrived;

    public int HoldFirst { get; } = holdFirst;

    /// <summary>The most matching requests seen in flight at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!matches(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        int now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            int number = Interlocked.Increment(ref arrived);
            if (number == HoldFirst)
            {
                allArrived.TrySetResult();
            }

            if (number <= HoldFirst)
            {
                await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}

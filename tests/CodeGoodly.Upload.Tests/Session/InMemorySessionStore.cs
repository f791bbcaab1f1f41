namespace CodeGoodly.Upload.Tests.Session;

/// <summary>
/// A shared session store in memory that keeps <see cref="IUploadSessionStore"/>'s contract (renew only what is still stored,
/// one renewal at a time), standing in for Redis where the tests are about the client's side of the contract.
/// </summary>
public sealed class InMemorySessionStore : IUploadSessionStore, IDisposable
{
    private readonly SemaphoreSlim renewing = new(1, 1);
    private readonly object gate = new();
    private readonly Dictionary<string, UploadSessionToken> tokens = [];
    private int renewals;
    private int removals;

    /// <summary>How many times a caller asked the store to renew.</summary>
    public int Renewals => Volatile.Read(ref renewals);

    /// <summary>How many tokens were removed.</summary>
    public int Removals => Volatile.Read(ref removals);

    /// <summary>The keys the clients used.</summary>
    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (gate)
            {
                return [.. tokens.Keys];
            }
        }
    }

    public void Dispose() => renewing.Dispose();

    public UploadSessionToken? Peek(UploadSessionKey key)
    {
        lock (gate)
        {
            return tokens.GetValueOrDefault(key.Id);
        }
    }

    public ValueTask<UploadSessionToken?> GetAsync(UploadSessionKey key, CancellationToken cancellationToken = default) => ValueTask.FromResult(Peek(key));

    public async ValueTask<UploadSessionToken> RenewAsync(UploadSessionKey key, UploadSessionToken? refused,
        Func<CancellationToken, Task<UploadSessionToken>> authorize, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref renewals);
        await renewing.WaitAsync(cancellationToken);
        try
        {
            if (Peek(key) is { } stored && !stored.Equals(refused))
            {
                return stored;
            }

            UploadSessionToken fresh = await authorize(cancellationToken);
            lock (gate)
            {
                tokens[key.Id] = fresh;
            }

            return fresh;
        }
        finally
        {
            renewing.Release();
        }
    }

    public ValueTask RemoveAsync(UploadSessionKey key, UploadSessionToken token, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (tokens.TryGetValue(key.Id, out UploadSessionToken? stored) && stored.Equals(token))
            {
                tokens.Remove(key.Id);
                Interlocked.Increment(ref removals);
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A store whose backing service is down: every call throws, as a store without a fallback of its own would.</summary>
public sealed class BrokenSessionStore : IUploadSessionStore
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public ValueTask<UploadSessionToken?> GetAsync(UploadSessionKey key, CancellationToken cancellationToken = default) =>
        throw Down();

    public ValueTask<UploadSessionToken> RenewAsync(UploadSessionKey key, UploadSessionToken? refused,
        Func<CancellationToken, Task<UploadSessionToken>> authorize, CancellationToken cancellationToken = default) => throw Down();

    public ValueTask RemoveAsync(UploadSessionKey key, UploadSessionToken token, CancellationToken cancellationToken = default) => throw Down();

    private InvalidOperationException Down()
    {
        Interlocked.Increment(ref calls);
        return new InvalidOperationException("The store's server is unreachable.");
    }
}

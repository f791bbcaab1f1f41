using CodeGoodly.Upload.Http;

namespace CodeGoodly.Upload.Session;

/// <summary>
/// Connects a client's in-process token cache (<see cref="SessionTokenCache"/>) to a shared <see cref="IUploadSessionStore"/>:
/// the fleet's token is taken from the store, and a refused token is renewed through it (one <c>/authorize</c> per expiry
/// for every instance). A store that fails (anything but the caller's cancellation) is skipped for that renewal: the client
/// authorizes by itself, as without a store, and logs a warning once per outage.
/// </summary>
internal sealed class SessionStoreLink(IUploadSessionStore store, UploadSessionKey key, Diagnostics.UploadDiagnostics diagnostics)
{
    private int unavailable;

    /// <summary>The store, so that a sign-out can forget the token there too.</summary>
    public IUploadSessionStore Store { get; } = store;

    /// <summary>The session's key in the store.</summary>
    public UploadSessionKey Key { get; } = key;

    /// <summary>
    /// Returns the token to use: the store's when it holds one this instance has not seen refused, otherwise a new one from
    /// <paramref name="authorize"/>, run through the store so that one instance of the fleet authorizes.
    /// </summary>
    /// <param name="refused">The token the server refused, or <see langword="null"/> when this instance has none yet.</param>
    /// <param name="authorize">Calls <c>/authorize</c>.</param>
    public async Task<SessionToken> AcquireAsync(SessionToken? refused, Func<CancellationToken, Task<SessionToken>> authorize)
    {
        bool authorized = false;
        async Task<UploadSessionToken> AuthorizeForStore(CancellationToken cancellationToken)
        {
            authorized = true;
            SessionToken token = await authorize(cancellationToken).ConfigureAwait(false);
            return new UploadSessionToken(token.AccessToken, token.AccountId);
        }

        try
        {
            UploadSessionToken? seenRefused = refused is null ? null : new UploadSessionToken(refused.AccessToken, refused.AccountId);
            if (refused is null && await Store.GetAsync(Key).ConfigureAwait(false) is { } stored)
            {
                Recovered();
                return new SessionToken(stored.AccessToken, stored.AccountId);
            }

            UploadSessionToken renewed = await Store.RenewAsync(Key, seenRefused, AuthorizeForStore).ConfigureAwait(false);
            Recovered();
            return new SessionToken(renewed.AccessToken, renewed.AccountId);
        }
        catch (Exception failure) when (!authorized && failure is not UploadApiException)
        {
            // The store failed before it asked for a sign-in: carry on without it, as a client without a store would.
            if (Interlocked.Exchange(ref unavailable, 1) == 0)
            {
                diagnostics.SessionStoreUnavailable(failure);
            }

            return await authorize(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets <paramref name="token"/> in the store after it was disabled; a store failure is logged, never thrown.</summary>
    public async Task RemoveAsync(SessionToken token, CancellationToken cancellationToken)
    {
        try
        {
            await Store.RemoveAsync(Key, new UploadSessionToken(token.AccessToken, token.AccountId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            diagnostics.SessionStoreUnavailable(failure);
        }
    }

    private void Recovered() => Volatile.Write(ref unavailable, 0);
}

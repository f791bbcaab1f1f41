using CodeGoodly.Upload.Resilience;

namespace CodeGoodly.Upload.Session;

/// <summary>
/// The cached session of one client (or one DI registration): the current token, and at most one <c>/authorize</c> in flight.
/// Every caller that finds the token missing or refused joins the same pending authorization (single-flight).
/// </summary>
internal sealed class SessionTokenCache(SessionStoreLink? shared = null, TimeProvider? time = null)
{
    private readonly object gate = new();
    private Task<SessionToken>? current;

    /// <summary>The shared store this session renews its token through, or <see langword="null"/> for a session of its own.</summary>
    public SessionStoreLink? Shared { get; } = shared;

    /// <summary>The retry budget of this client or DI registration, shared by all its calls (see <see cref="ResiliencePipelines"/>); its windows run on <c>time</c> (the system clock unless a test passes one).</summary>
    public RetryBudget RetryBudget { get; } = new(time);

    /// <summary>
    /// The token cache of one client or DI registration: its own, or linked to a shared store (<paramref name="store"/>, else
    /// <see cref="UploadClientOptions.SessionStore"/>) under the key of <paramref name="options"/>' account and server.
    /// </summary>
    public static SessionTokenCache For(UploadClientOptions options, Diagnostics.UploadDiagnostics diagnostics, IUploadSessionStore? store = null)
    {
        store ??= options.SessionStore;
        return new SessionTokenCache(store is null ? null : new SessionStoreLink(store, UploadSessionKey.For(options), diagnostics));
    }

    /// <summary>The token if one has been issued and not cleared.</summary>
    public SessionToken? CurrentToken
    {
        get
        {
            lock (gate)
            {
                return current is { IsCompletedSuccessfully: true } ? current.Result : null;
            }
        }
    }

    /// <summary>Returns the cached token, authorizing first when there is none (or the last attempt failed).</summary>
    public Task<SessionToken> GetTokenAsync(Func<CancellationToken, Task<SessionToken>> authorize, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (current is null || current.IsFaulted || current.IsCanceled)
            {
                current = Start(refused: null, authorize);
            }

            return current.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Replaces a token the server refused. When another caller already replaced it (or is replacing it), returns that
    /// newer token instead of authorizing again, so N callers refused at once cause one <c>/authorize</c>.
    /// </summary>
    public Task<SessionToken> RefreshAsync(SessionToken refused, Func<CancellationToken, Task<SessionToken>> authorize, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            bool newerIsReadyOrPending = current is not null
                && (!current.IsCompleted || (current.IsCompletedSuccessfully && !ReferenceEquals(current.Result, refused)));
            if (!newerIsReadyOrPending)
            {
                current = Start(refused, authorize);
            }

            return current!.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Takes the token out of the session for signing out, atomically: of concurrent callers only one gets it, the others
    /// <see langword="null"/>, as does a caller that finds no token issued yet (an authorization in flight is left to finish).
    /// Calls from now on sign in afresh.
    /// </summary>
    public SessionToken? TakeToken()
    {
        lock (gate)
        {
            if (current is not { IsCompletedSuccessfully: true })
            {
                return null;
            }

            SessionToken token = current.Result;
            current = null;
            return token;
        }
    }

    private Task<SessionToken> Start(SessionToken? refused, Func<CancellationToken, Task<SessionToken>> authorize)
    {
        // The authorization is shared: one caller giving up must not cancel it for the others, so it runs on its own token.
        // With a shared store the fleet's token is taken from it, and only the instance the store picks authorizes.
        return Shared is null
            ? Task.Run(() => authorize(CancellationToken.None))
            : Task.Run(() => Shared.AcquireAsync(refused, authorize));
    }
}

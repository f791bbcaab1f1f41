namespace CodeGoodly.Upload;

/// <summary>
/// Where clients keep the session (access token and account id) they share. The API keeps one token per account: every
/// <c>/authorize</c> kills the account's older tokens, so instances that sign in with the same credentials must share one
/// session instead of each signing in (and logging the others out). Set <see cref="UploadClientOptions.SessionStore"/>
/// (or <c>UseUploadSessionStore</c> in DI) to a store every instance reaches, such as <c>RedisUploadSessionStore</c>.
/// </summary>
/// <remarks>
/// <para>The contract that makes a fleet safe:</para>
/// <list type="bullet">
/// <item><see cref="RenewAsync"/> authorizes only when the store still holds the token the caller saw refused (or holds none);
/// when another instance has already stored a newer token, that token is returned and nothing is sent.</item>
/// <item>At most one caller per <see cref="UploadSessionKey"/> runs the authorization at a time, across every instance; the
/// others wait a bounded time for its token.</item>
/// <item>A store never holds the credentials, and never the token in clear: <see cref="UploadSessionKey.Id"/> names the
/// session without revealing the credentials, and <see cref="UploadSessionKey.ProtectionKey"/> (derived from the credentials)
/// encrypts the token.</item>
/// <item>A store whose backing service is down or slow must not fail or stall the call: it falls back to calling the
/// <c>authorize</c> delegate itself (the in-process behaviour). The client also treats any exception from a store
/// (other than the caller's cancellation) as "store unavailable" and carries on without it.</item>
/// </list>
/// <para>The client keeps its own single-flight cache in front of the store: one instance calls the store once per token it
/// needs, however many of its calls are in flight.</para>
/// </remarks>
public interface IUploadSessionStore
{
    /// <summary>Returns the token the store holds for <paramref name="key"/>, or <see langword="null"/> when it holds none (or cannot be read).</summary>
    /// <param name="key">The session: server and credentials, as a derived name and protection key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<UploadSessionToken?> GetAsync(UploadSessionKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a token to use instead of <paramref name="refused"/>: the one the store holds if it differs from
    /// <paramref name="refused"/>; otherwise the result of <paramref name="authorize"/>, run by at most one caller at a time per
    /// key across the fleet, and stored before it is returned.
    /// </summary>
    /// <param name="key">The session.</param>
    /// <param name="refused">The token the server refused, or <see langword="null"/> when the caller has none yet.</param>
    /// <param name="authorize">Calls <c>/authorize</c> and returns the new token; the store calls it at most once per call of this method.</param>
    /// <param name="cancellationToken">Cancels the wait (the authorization itself may still complete for other callers).</param>
    ValueTask<UploadSessionToken> RenewAsync(UploadSessionKey key, UploadSessionToken? refused,
        Func<CancellationToken, Task<UploadSessionToken>> authorize, CancellationToken cancellationToken = default);

    /// <summary>Forgets <paramref name="token"/> if the store still holds it (after <c>SignOutAsync</c> disabled it on the server).</summary>
    /// <param name="key">The session.</param>
    /// <param name="token">The token that was disabled; a newer one someone else stored is kept.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    ValueTask RemoveAsync(UploadSessionKey key, UploadSessionToken token, CancellationToken cancellationToken = default);
}

using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Http;
using Refit;

namespace CodeGoodly.Upload.Session;

/// <summary>
/// The end of a session's token life: takes the token out of the <see cref="SessionTokenCache"/> and disables exactly that one
/// (<c>/disable_access_token</c>), then removes it from the shared store. The call goes through the client's own pipeline, so the
/// <see cref="SessionHandler"/> current <em>now</em> sends it (for DI, the handler chain the factory hands out at that moment).
/// </summary>
/// <remarks>
/// Taking the token first, then sending, is what makes a sign-out safe: checking and then sending would let a second sign-out (or
/// one racing the first call) find no token at send time and sign in only to disable the fresh token, killing the token of every
/// other process sharing the account.
/// </remarks>
internal sealed class SessionSignOut
{
    /// <summary>How long a sign-out from <c>Dispose</c> may take: the server drops idle tokens after an hour anyway.</summary>
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(5);

    private readonly SessionTokenCache session;
    private readonly ISessionApi api;
    private readonly UploadDiagnostics diagnostics;

    /// <summary>Signs <paramref name="session"/> out through <paramref name="pipeline"/>, a client whose handler chain holds that session's <see cref="SessionHandler"/>.</summary>
    public SessionSignOut(SessionTokenCache session, HttpClient pipeline, UploadDiagnostics diagnostics)
    {
        this.session = session;
        this.diagnostics = diagnostics;
        api = RestService.ForGenerated<ISessionApi>(pipeline, UploadRefit.Settings);
    }

    /// <summary>Whether there is a token to disable (nothing is sent when there is none).</summary>
    public bool HasToken => session.CurrentToken is not null;

    /// <summary>
    /// Takes the token out (<see cref="SessionTokenCache.TakeToken"/>), disables it, and removes it from the shared store. With no token
    /// issued it sends nothing. A token the server had already dropped counts as signed out. Tried once: a sign-out is not retried.
    /// </summary>
    /// <exception cref="UploadApiException">The server could not be reached or refused otherwise.</exception>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        if (session.TakeToken() is not { } token)
        {
            return;
        }

        try
        {
            await ApiCaller.CallAsync(Endpoints.DisableAccessToken, ct => api.DisableAccessTokenAsync(token, ct), WireJsonContext.Default.WireEnvelope,
                _ => true, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadApiException refused) when (refused.Kind == UploadErrorKind.Authentication)
        {
            // The server had already dropped the token (idle expiry, another sign-in): signed out is what was asked for.
        }
        finally
        {
            if (session.Shared is { } shared)
            {
                await shared.RemoveAsync(token, cancellationToken).ConfigureAwait(false); // the fleet's instances sign in afresh
            }
        }
    }

    /// <summary>The sign-out of <c>Dispose</c>: best effort, within 5 seconds; a failure is logged (event <c>SignOutFailed</c>), never thrown.</summary>
    public async Task SignOutQuietlyAsync()
    {
        using var timeout = new CancellationTokenSource(QuietTimeout);
        try
        {
            await SignOutAsync(timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // best effort, from Dispose where nobody can be told: every failure is logged, none escapes (a background one would go unobserved)
        catch (Exception failure)
#pragma warning restore CA1031
        {
            diagnostics.SignOutFailed(failure);
        }
    }
}

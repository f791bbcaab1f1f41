using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;
using Refit;

namespace CodeGoodly.Upload.Session;

/// <summary>
/// The one place the access token lives. For every API request it adds <c>access_token</c> and <c>account_id</c> to the body,
/// authorizing first when there is no token (one <c>/authorize</c> for all callers, see <see cref="SessionTokenCache"/>).
/// When the server refuses the token (HTTP 401, or a body starting "Could not validate access_token") it authorizes again
/// and repeats the request: once for a 401; for a refused fresh token (another process signed in to the same account) a few
/// more times with jittered back-off, within <see cref="UploadClientOptions.MaxReauthorizations"/>. Other answers pass through untouched.
/// A sign-out (<c>/disable_access_token</c>) is the exception: it carries the token it took out of the session and never authorizes.
/// </summary>
internal sealed class SessionHandler : DelegatingHandler
{
    /// <summary>The request option carrying the token a sign-out disables (set by <see cref="Api.ISessionApi.DisableAccessTokenAsync"/>).</summary>
    internal const string SignOutTokenKey = "CodeGoodly.Upload.SignOutToken";

    /// <summary>The typed key of <see cref="SignOutTokenKey"/>.</summary>
    internal static readonly HttpRequestOptionsKey<SessionToken> SignOutToken = new(SignOutTokenKey);

    private static readonly byte[] RefusalMarker = "Could not validate access_token"u8.ToArray();
    private readonly SessionTokenCache session;
    private readonly UploadClientOptions options;
    private readonly HttpClient sessionHttp;
    private readonly ISessionApi sessionApi;
    private readonly Func<CancellationToken, Task<SessionToken>> authorize;

    private readonly Diagnostics.UploadDiagnostics diagnostics;

    public SessionHandler(SessionTokenCache session, UploadClientOptions options, Diagnostics.UploadDiagnostics? diagnostics = null)
    {
        this.session = session;
        this.options = options;
        this.diagnostics = diagnostics ?? Diagnostics.UploadDiagnostics.Silent;

        // /authorize goes down the rest of the pipeline (retries included) through this handler's inner handler.
        sessionHttp = new HttpClient(new InnerHandlerInvoker(this), disposeHandler: true)
        {
            BaseAddress = options.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        sessionApi = RestService.ForGenerated<ISessionApi>(sessionHttp, UploadRefit.Settings);
        authorize = AuthorizeAsync; // one delegate for the client's life, not one per call
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? endpoint = Endpoints.Of(request);
        if (endpoint is null || endpoint == Endpoints.Authorize)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (endpoint == Endpoints.DisableAccessToken)
        {
            return await SendSignOutAsync(request, cancellationToken).ConfigureAwait(false);
        }

        ISessionFieldsBody body = BodyOf(request);
        SessionToken token = await session.GetTokenAsync(authorize, cancellationToken).ConfigureAwait(false);
        for (int refusals = 0; ; )
        {
            request.Content = body.WithSession(token);

            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!await IsTokenRefusedAsync(response).ConfigureAwait(false))
            {
                return response;
            }

            refusals++;
            bool was401 = response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
            if (!body.CanReplay || refusals > options.MaxReauthorizations || (was401 && refusals > 1))
            {
                return response; // the envelope reader reports it as Authentication
            }

            response.Dispose();
            diagnostics.Reauthorizing(endpoint, was401, refusals);
            if (refusals > 1)
            {
                await Task.Delay(Backoff(refusals), cancellationToken).ConfigureAwait(false);
            }

            token = await session.RefreshAsync(token, authorize, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends <c>/disable_access_token</c> with the token the sign-out already took out of the session (<see cref="SessionTokenCache.TakeToken"/>):
    /// never the session's current token, never after authorizing, never again after a refusal. Signing out must not sign in: a fresh
    /// <c>/authorize</c> would kill the token of every other process sharing the account, only to disable its own.
    /// </summary>
    private async Task<HttpResponseMessage> SendSignOutAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SignOutToken, out SessionToken? token) || token is null)
        {
            throw new InvalidOperationException($"/{Endpoints.DisableAccessToken} is sent only by SignOutAsync, with the token it took out of the session.");
        }

        request.Content = BodyOf(request).WithSession(token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request's body as the seam the session adds its fields through: a form, the upload's multipart body, or no fields at all.</summary>
    private static ISessionFieldsBody BodyOf(HttpRequestMessage request) => request.Content switch
    {
        ISessionFieldsBody body => body,
        null => new NoFieldsForm(),
        HttpContent other => throw new InvalidOperationException($"API requests are sent as the SDK's own bodies; {other.GetType().Name} is not supported."),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sessionHttp.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Jittered exponential back-off between re-authorizations, so two processes sharing an account stop trading tokens in lock-step.</summary>
    private static TimeSpan Backoff(int refusals)
    {
        double baseMs = 50 * Math.Pow(2, Math.Min(refusals - 2, 5));
        return TimeSpan.FromMilliseconds(Math.Min(2000, baseMs * (0.5 + Random.Shared.NextDouble())));
    }

    private static async Task<bool> IsTokenRefusedAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return true;
        }

        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength is > ApiResponseReader.MaxBodyBytes)
        {
            return false;
        }

        ReadOnlyMemory<byte> body;
        if (response.Content is BufferedApiContent buffered)
        {
            // The usual case: the resilience pipeline read the answer inside the attempt; look at those bytes, no copy.
            body = buffered.Body;
        }
        else
        {
            // API answers are small: buffer this one so the envelope reader can still read it afterwards.
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }

        return body.Span.IndexOf(RefusalMarker) >= 0
            && ApiResponseReader.TryReadErrorMessage(body.Span)?.StartsWith(ErrorClassifier.TokenRejectedPrefix, StringComparison.OrdinalIgnoreCase) == true;
    }

    private Task<SessionToken> AuthorizeAsync(CancellationToken cancellationToken) => diagnostics.TraceAuthorizationAsync(options, AuthorizeCoreAsync, cancellationToken);

    private async Task<SessionToken> AuthorizeCoreAsync(CancellationToken cancellationToken)
    {
        Task<HttpResponseMessage> call = !string.IsNullOrEmpty(options.Key1)
            ? sessionApi.AuthorizeWithKeysAsync(new AuthorizeKeysForm { Key1 = options.Key1, Key2 = options.Key2 ?? string.Empty }, cancellationToken)
            : sessionApi.AuthorizeWithLoginAsync(new AuthorizeLoginForm { Username = options.Username ?? string.Empty, Password = options.Password ?? string.Empty }, cancellationToken);
        using HttpResponseMessage response = await call.ConfigureAwait(false);
        return await ApiResponseReader.ReadAsync(response, Endpoints.Authorize, WireJsonContext.Default.WireEnvelopeWireToken,
            envelope =>
            {
                WireToken data = ApiResponseReader.Data(envelope);
                return new SessionToken(WireValue.RequiredString(data.AccessToken, "access_token"), WireValue.RequiredString(data.AccountId, "account_id"));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request straight to this handler's inner handler (used for the session's own calls).</summary>
    private sealed class InnerHandlerInvoker(SessionHandler owner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            owner.SendToInnerAsync(request, cancellationToken);
    }

    private Task<HttpResponseMessage> SendToInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}

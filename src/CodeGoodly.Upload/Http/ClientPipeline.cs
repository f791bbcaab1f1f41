using System.Net;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Resilience;
using CodeGoodly.Upload.Session;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// The one place the HTTP handler chain is assembled, for the standalone client and for DI alike: <see cref="SessionHandler"/>
/// (tokens) outside, <see cref="ResilienceHandler"/> (retries, timeouts, retry budget) inside it, then <see cref="AnswerBufferingHandler"/>
/// (each API answer read once, inside the attempt), then <see cref="TelemetryHandler"/> and the network.
/// Retries sit inside the session so that <c>/authorize</c> is retried like any read, and a repeated request keeps the token it was sent with.
/// </summary>
/// <remarks>
/// DI builds the same chain from the same parts: one <see cref="SessionTokenCache"/> per registration, a <see cref="SessionHandler"/>
/// over it, then <see cref="ResiliencePipelines.CreateResilienceHandler"/> with that registration's <see cref="SessionTokenCache.RetryBudget"/>,
/// so the budget is shared however often the factory rebuilds its handlers.
/// </remarks>
internal static class ClientPipeline
{
    /// <summary>Creates the handler chain over <paramref name="primary"/>.</summary>
    public static SessionHandler CreateHandlers(UploadClientOptions options, SessionTokenCache session, HttpMessageHandler primary, UploadDiagnostics? diagnostics = null) =>
        new(session, options, diagnostics)
        {
            InnerHandler = ResiliencePipelines.CreateResilienceHandler(options, session.RetryBudget, new AnswerBufferingHandler
            {
                InnerHandler = new TelemetryHandler(diagnostics ?? UploadDiagnostics.Silent) { InnerHandler = primary },
            }),
        };

    /// <summary>
    /// The primary handler for a client that owns its pipeline (and the DI default). TLS is left to the platform: no certificate
    /// callback. Redirects are never followed by the handler: an API call refuses them, a download follows them itself (<see cref="Redirects"/>).
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        // The API is stateless (the token travels in the body): the PHP session cookie every answer sets is never sent back.
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // No Accept-Encoding: a compressed download would make Range offsets (encoded bytes) disagree with the bytes
        // written (decoded), breaking resume; API answers are a few hundred bytes and gain nothing from compression.
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Turns off automatic redirects on a primary handler the app configured (DI: <c>ConfigurePrimaryHttpMessageHandler</c>), so that
    /// an API call's body never follows a 307/308 elsewhere. A handler already in use cannot be changed and is left as it is.
    /// </summary>
    public static void RefuseAutoRedirect(HttpMessageHandler primary)
    {
        try
        {
            switch (primary)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } handler:
                    handler.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException)
        {
            // Already sending (a handler the app shares): a 3xx it follows is still refused after the fact.
        }
    }
}

using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Transfers.Directories;
using Refit;

namespace CodeGoodly.Upload;

/// <summary>
/// The File Upload API v2 client: <see cref="Account"/>, <see cref="Files"/>, <see cref="Folders"/> and <see cref="Admin"/>.
/// It signs in on first use, keeps one access token for all calls, and signs in again when the server drops the token.
/// Thread-safe: create one and share it.
/// </summary>
/// <example>
/// <code>
/// using var client = new UploadClient(new UploadClientOptions { Key1 = key1, Key2 = key2 });
/// UploadedFile file = await client.Files.UploadFileAsync("report.pdf");
/// </code>
/// </example>
public sealed class UploadClient : IUploadClient, IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan SignOutTimeout = TimeSpan.FromSeconds(5);
    private readonly HttpClient http;
    private readonly ISessionApi sessionApi;
    private readonly UploadSession session;
    private readonly bool signOutOnDispose;
    private int disposed;

    /// <summary>Creates a client that owns its own HTTP pipeline (connection pooling, retries, session).</summary>
    /// <param name="options">The settings; validated now, and copied so later changes do not affect the client.</param>
    /// <exception cref="ArgumentException">The settings are not valid (no credentials, <c>http://</c> without opt-in, …).</exception>
    public UploadClient(UploadClientOptions options)
        : this(null, options, new UploadSession(), signOutOnDispose: true)
    {
    }

    /// <summary>Creates a client that owns its own HTTP pipeline and writes its log events (category <c>CodeGoodly.Upload</c>, see docs/observability.md) to <paramref name="loggerFactory"/>.</summary>
    /// <param name="options">The settings; validated now, and copied so later changes do not affect the client.</param>
    /// <param name="loggerFactory">Where the client logs requests, sign-ins, retries and transfers; secrets are never logged.</param>
    /// <exception cref="ArgumentException">The settings are not valid.</exception>
    public UploadClient(UploadClientOptions options, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
        : this(null, options, new UploadSession(), signOutOnDispose: true,
            Diagnostics.UploadDiagnostics.From(loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory))))
    {
    }

    /// <summary>Creates a client that sends through the caller's <see cref="HttpClient"/> (its handlers, proxy, certificates). The SDK adds its session and retry handling on top and never disposes <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">
    /// The client to send through; its <see cref="HttpClient.BaseAddress"/> is not used. Its <see cref="HttpClient.Timeout"/> still
    /// bounds every request, uploads included: set it to <see cref="Timeout.InfiniteTimeSpan"/> for large files (the SDK's own
    /// attempt and idle timeouts still apply).
    /// </param>
    /// <param name="options">The settings; validated now, and copied.</param>
    /// <exception cref="ArgumentException">The settings are not valid.</exception>
    public UploadClient(HttpClient httpClient, UploadClientOptions options)
        : this(new HttpClientForwarder(httpClient ?? throw new ArgumentNullException(nameof(httpClient))), options, new UploadSession(), signOutOnDispose: true)
    {
    }

    private UploadClient(HttpMessageHandler? network, UploadClientOptions options, UploadSession session, bool signOutOnDispose, Diagnostics.UploadDiagnostics? diagnostics = null)
        : this(CreateOwnedHttpClient(network, Checked(options), session, diagnostics), options, session, signOutOnDispose, ownsHttp: true)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> whose pipeline already holds the session and resilience handlers (the DI path).</summary>
    internal UploadClient(HttpClient pipelineClient, UploadClientOptions options, UploadSession session, bool signOutOnDispose, bool ownsHttp)
    {
        options = Checked(options);
        http = pipelineClient;
        OwnsHttp = ownsHttp;
        this.session = session;
        this.signOutOnDispose = signOutOnDispose;
        http.BaseAddress ??= NormalizedBaseAddress(options.BaseAddress);

        var api = RestService.ForGenerated<IUploadApi>(http, UploadRefit.Settings);
        sessionApi = RestService.ForGenerated<ISessionApi>(http, UploadRefit.Settings);
        var mapper = new WireMapper(options.ServerTimeZone);
        var account = new AccountClient(api, mapper);
        Account = account;
        Folders = new FoldersClient(api, mapper);
        Files = new FilesClient(api, mapper, new FileDownloader(http, options.AttemptTimeout, Math.Max(options.MaxRetries, 1)), account, options);
        Admin = new AdminClient(api, mapper);
        Transfers = new TransfersClient(Files, Folders, Account);
    }

    /// <inheritdoc />
    public IAccountClient Account { get; }

    /// <inheritdoc />
    public IFilesClient Files { get; }

    /// <inheritdoc />
    public IFoldersClient Folders { get; }

    /// <inheritdoc />
    public ITransfersClient Transfers { get; }

    /// <summary>Administrator endpoints (accounts with <c>level_id</c> 20): create, edit and delete accounts, list packages.</summary>
    public IAdminClient Admin { get; }

    private bool OwnsHttp { get; }

    /// <summary>Disables the current access token on the server (<c>/disable_access_token</c>), if there is one. The next call signs in again.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        if (session.CurrentToken is null)
        {
            return;
        }

        try
        {
            await ApiCaller.CallAsync(ApiEndpoint.DisableAccessToken, sessionApi.DisableAccessTokenAsync, WireJsonContext.Default.WireEnvelope,
                _ => true, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadApiException refused) when (refused.Kind == UploadErrorKind.Authentication)
        {
            // The server had already dropped the token (idle expiry, another sign-in): signed out is what was asked for.
        }
    }

    /// <summary>Disables the access token (best effort, in the background) and releases the connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (!signOutOnDispose || session.CurrentToken is null)
        {
            ReleaseHttp();
            return;
        }

        // Dispose cannot wait on I/O: sign out in the background, then release the connections.
        _ = SignOutQuietlyAsync().ContinueWith(_ => ReleaseHttp(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Disables the access token (best effort, up to 5 seconds) and releases the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (signOutOnDispose)
        {
            await SignOutQuietlyAsync().ConfigureAwait(false);
        }

        ReleaseHttp();
    }

    private async Task SignOutQuietlyAsync()
    {
        using var timeout = new CancellationTokenSource(SignOutTimeout);
        try
        {
            await SignOutAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is UploadApiException or OperationCanceledException or HttpRequestException)
        {
            // Best effort: the server drops idle tokens after an hour anyway.
        }
    }

    private void ReleaseHttp()
    {
        if (OwnsHttp)
        {
            http.Dispose();
        }
    }

    private static HttpClient CreateOwnedHttpClient(HttpMessageHandler? network, UploadClientOptions options, UploadSession session, Diagnostics.UploadDiagnostics? diagnostics) =>
        new(UploadPipeline.CreateHandlers(options, session, network ?? UploadPipeline.CreatePrimaryHandler(), diagnostics), disposeHandler: true)
        {
            BaseAddress = NormalizedBaseAddress(options.BaseAddress),
            Timeout = Timeout.InfiniteTimeSpan, // the resilience pipeline owns timeouts; a transfer is bounded by idleness, not length
        };

    private static UploadClientOptions Checked(UploadClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Clone(); // later changes to the caller's options do not reach a client already made
    }

    /// <summary>Makes sure the base address ends in a slash, so endpoint paths append to it instead of replacing its last segment.</summary>
    internal static Uri NormalizedBaseAddress(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
}

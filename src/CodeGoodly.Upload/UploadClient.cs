using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Session;
using CodeGoodly.Upload.Transfers;
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
    private readonly HttpClient http;
    private readonly SessionSignOut signOut;
    private readonly bool signOutOnDispose;
    private int disposed;

    /// <summary>Creates a client that owns its own HTTP pipeline (connection pooling, retries, session).</summary>
    /// <param name="options">The settings; validated now, and copied so later changes do not affect the client.</param>
    /// <exception cref="ArgumentException">The settings are not valid (no credentials, <c>http://</c> without opt-in, …).</exception>
    public UploadClient(UploadClientOptions options)
        : this(null, Checked(options), Diagnostics.UploadDiagnostics.Silent)
    {
    }

    /// <summary>Creates a client that owns its own HTTP pipeline and writes its log events (category <c>CodeGoodly.Upload</c>, see docs/observability.md) to <paramref name="loggerFactory"/>.</summary>
    /// <param name="options">The settings; validated now, and copied so later changes do not affect the client.</param>
    /// <param name="loggerFactory">Where the client logs requests, sign-ins, retries and transfers; secrets are never logged.</param>
    /// <exception cref="ArgumentException">The settings are not valid.</exception>
    public UploadClient(UploadClientOptions options, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
        : this(null, options, loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory)))
    {
    }

    private UploadClient(HttpMessageHandler? network, UploadClientOptions options, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
        : this(network, Checked(options), Diagnostics.UploadDiagnostics.From(loggerFactory))
    {
    }

    private UploadClient(HttpMessageHandler? network, UploadClientOptions options, Diagnostics.UploadDiagnostics diagnostics)
        : this(network, options, SessionTokenCache.For(options, diagnostics), signOutOnDispose: true, diagnostics)
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
        : this(new HttpClientForwarder(httpClient ?? throw new ArgumentNullException(nameof(httpClient))), Checked(options), Diagnostics.UploadDiagnostics.Silent)
    {
    }

    /// <summary>Creates a client that owns its pipeline over <paramref name="network"/> (the default primary handler when <see langword="null"/>).</summary>
    internal UploadClient(HttpMessageHandler? network, UploadClientOptions options, SessionTokenCache session, bool signOutOnDispose, Diagnostics.UploadDiagnostics? diagnostics = null)
        : this(CreateOwnedHttpClient(network, Checked(options), session, diagnostics), options, session, signOutOnDispose, ownsHttp: true, diagnostics)
    {
    }

    /// <summary>Creates a client over an <see cref="HttpClient"/> whose pipeline already holds the session and resilience handlers (the DI path).</summary>
    internal UploadClient(HttpClient pipelineClient, UploadClientOptions options, SessionTokenCache session, bool signOutOnDispose, bool ownsHttp,
        Diagnostics.UploadDiagnostics? diagnostics = null)
    {
        options = Checked(options);
        http = pipelineClient;
        OwnsHttp = ownsHttp;
        // A shared session belongs to the fleet: disposing one instance must not disable the token every instance uses.
        this.signOutOnDispose = signOutOnDispose && session.Shared is null;
        http.BaseAddress ??= NormalizedBaseAddress(options.BaseAddress);
        signOut = new SessionSignOut(session, http, diagnostics ?? Diagnostics.UploadDiagnostics.Silent);

        var api = RestService.ForGenerated<IUploadApi>(http, UploadRefit.Settings);
        var mapper = new WireMapper(options.ServerTimeZone);
        var account = new AccountClient(api, mapper);
        Account = account;
        Folders = new FoldersClient(api, mapper);
        Files = new FilesClient(api, mapper, new FileUploader(api, options, () => account.KnownPackage), new FileDownloader(http, options));
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

    /// <inheritdoc />
    public IAdminClient Admin { get; }

    private bool OwnsHttp { get; }

    /// <inheritdoc />
    public Task SignOutAsync(CancellationToken cancellationToken = default) => signOut.SignOutAsync(cancellationToken);

    /// <summary>Disables the access token (best effort, in the background) and releases the connections.</summary>
    /// <remarks>
    /// A failed sign-out is logged (event <c>SignOutFailed</c>), never thrown. A client resolved from dependency injection owns
    /// nothing: disposing it does nothing, the container and <see cref="System.Net.Http.IHttpClientFactory"/> own its connections.
    /// </remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (!signOutOnDispose || !signOut.HasToken)
        {
            ReleaseHttp();
            return;
        }

        // Dispose cannot wait on I/O: sign out in the background, then release the connections. Nothing escapes that task, so
        // nothing is left for TaskScheduler.UnobservedTaskException.
        _ = SignOutThenReleaseAsync();
    }

    /// <summary>Disables the access token (best effort, up to 5 seconds) and releases the connections. A failed sign-out is logged, never thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (signOutOnDispose)
        {
            await signOut.SignOutQuietlyAsync().ConfigureAwait(false);
        }

        ReleaseHttp();
    }

    private async Task SignOutThenReleaseAsync()
    {
        await signOut.SignOutQuietlyAsync().ConfigureAwait(false);
        ReleaseHttp();
    }

    private void ReleaseHttp()
    {
        if (OwnsHttp)
        {
            http.Dispose();
        }
    }

    private static HttpClient CreateOwnedHttpClient(HttpMessageHandler? network, UploadClientOptions options, SessionTokenCache session, Diagnostics.UploadDiagnostics? diagnostics) =>
        new(ClientPipeline.CreateHandlers(options, session, network ?? ClientPipeline.CreatePrimaryHandler(), diagnostics), disposeHandler: true)
        {
            BaseAddress = NormalizedBaseAddress(options.BaseAddress),
            Timeout = Timeout.InfiniteTimeSpan, // the resilience pipeline owns timeouts; a transfer is bounded by idleness, not length
        };

    /// <summary>Validates and copies the caller's options once (later changes to them do not reach a client already made); a copy already checked passes as it is.</summary>
    private static UploadClientOptions Checked(UploadClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ValidatedCopy();
    }

    /// <summary>Makes sure the base address ends in a slash, so endpoint paths append to it instead of replacing its last segment.</summary>
    internal static Uri NormalizedBaseAddress(Uri baseAddress) =>
        baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
}

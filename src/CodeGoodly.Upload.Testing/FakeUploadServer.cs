using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CodeGoodly.Upload.Testing.Internal;
using CodeGoodly.Upload.Testing.Internal.Storage;
using WireMock.Server;

namespace CodeGoodly.Upload.Testing;

/// <summary>
/// A stateful fake of the File Upload API v2 on loopback, built on WireMock.Net (Kestrel), for testing code that uses
/// <see cref="UploadClient"/>: accounts (key pairs and user name/password, one administrator), a folder tree, files with
/// their bytes, download links it serves itself, and the admin endpoints. It answers the way deployed servers do
/// (database values as strings, or as numbers like PHP 8 with <see cref="FakeUploadServerOptions.DatabaseValuesAsNumbers"/>;
/// <c>status</c> on errors, idle token expiry, one token per account, the recorded server's words, …) and can inject faults
/// (<see cref="Faults"/>); every request is kept, without secrets, in <see cref="Journal"/>.
/// </summary>
/// <remarks>
/// By default WireMock keeps each request body in memory while it is handled: keep uploads to a few MiB. For large transfers
/// start it in streaming mode (<see cref="FakeUploadServerOptions.UploadStorage"/> = <see cref="FakeUploadStorage.Disk"/> or
/// <see cref="FakeUploadStorage.HashOnly"/>): uploads are parsed as they arrive and stored on disk (or only hashed), at flat memory.
/// </remarks>
/// <example>
/// <code>
/// await using var server = FakeUploadServer.Start();
/// using var client = server.CreateClient();
/// UploadedFile file = await client.Files.UploadAsync(new MemoryStream("hello"u8.ToArray()), "hello.txt");
/// Assert.Equal(1, server.Journal.CountOf("file/upload"));
/// </code>
/// </example>
public sealed class FakeUploadServer : IDisposable, IAsyncDisposable
{
    /// <summary>The journal and fault name of a download GET (the bytes behind a <c>download_url</c>).</summary>
    public const string DownloadEndpoint = "download";

    private readonly WireMockServer server;
    private readonly FakeApi api;
    private readonly UploadStore store;
    private readonly DownloadResponder downloads;
    private readonly X509Certificate2? certificate;
    private readonly Lazy<HttpClient> trustingClient;
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    private FakeUploadServer(FakeUploadServerOptions options)
    {
        TimeProvider clock = options.TimeProvider ?? throw new ArgumentException("TimeProvider is required.", nameof(options));
        if (options.TokenIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TokenIdleTimeout, "TokenIdleTimeout must be positive.");
        }

        if (!Enum.IsDefined(options.UploadStorage))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UploadStorage, "UploadStorage must be Memory, Disk or HashOnly.");
        }

        if (options.ReceiveBufferSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReceiveBufferSize, "ReceiveBufferSize must be 0 (the system's) or a size in bytes.");
        }

        api = new FakeApi(clock, options.TokenIdleTimeout)
        {
            RefuseChunkedUploads = options.RefuseChunkedUploads,
            DatabaseValuesAsNumbers = options.DatabaseValuesAsNumbers,
            UploadHashAsFalse = options.UploadHashAsFalse,
            OneTokenPerAccount = options.OneTokenPerAccount,
        };
        Faults = new FakeFaults(api.ExpireAllTokens);
        DefaultAccount = ToPublic(api.AddAccount("demo", "demo-password", levelId: 2, email: "demo@example.com", apiAccess: true));
        AdminAccount = ToPublic(api.AddAccount("admin", "admin-password", levelId: FakeApi.AdminLevel, email: "admin@example.com", apiAccess: true));

        store = new UploadStore(options.UploadStorage, options.UploadDirectory);
        var responder = new ApiResponder(api, Journal, clock, stopping.Token);
        downloads = new DownloadResponder(api, Faults, Journal, responder, clock, stopping.Token)
        {
            IgnoreRange = options.IgnoreRange,
            SendValidators = options.SendDownloadValidators,
        };
        var scope = new AsyncLocal<RequestScope?>();
        KestrelAdapter? streaming = store.IsStreaming
            ? new KestrelAdapter(responder, new StreamingUpload(responder, store, Journal, stopping.Token))
            : null;
        var frontDoor = new FrontDoor(Faults, Journal, clock, responder, downloads, streaming, scope);
        var wireMock = new WireMockAdapter(responder, scope);

        certificate = options.UseHttps ? SelfSignedCertificate.Create() : null;
        trustingClient = new Lazy<HttpClient>(() => new HttpClient(CreateHttpHandler()));
        int port = options.Port > 0 ? options.Port : FakeHost.FreePort();
        server = FakeHost.Start(options, port, certificate, frontDoor.InvokeAsync, wireMock.AnswerAsync);
        SiteAddress = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        api.SiteRoot = SiteAddress.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>Starts a fake with a fresh state on a free loopback port.</summary>
    public static FakeUploadServer Start() => new(new FakeUploadServerOptions());

    /// <summary>Starts a fake with a fresh state and the given settings (clock, storage and streaming mode, https, port, quirks).</summary>
    /// <param name="options">The settings.</param>
    public static FakeUploadServer Start(FakeUploadServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FakeUploadServer(options);
    }

    /// <summary>The site's address, e.g. <c>http://127.0.0.1:5123/</c> (<c>https://</c> with <see cref="FakeUploadServerOptions.UseHttps"/>); download links live below it.</summary>
    public Uri SiteAddress { get; }

    /// <summary>The API's address, e.g. <c>http://127.0.0.1:5123/api/v2/</c>: use it as <see cref="UploadClientOptions.BaseAddress"/>.</summary>
    public Uri BaseAddress => new(SiteAddress, "api/v2/");

    /// <summary>
    /// The site address the fake writes into the links it hands out (<c>download_url</c>, the upload's <c>url</c>,
    /// <c>url_file</c>, …): <see cref="SiteAddress"/> unless changed. Set it to model a site whose configured address is not
    /// where it is reached, e.g. <c>http://</c> links on an <c>https</c> site, or links on another host. Download links are
    /// served from any path, so a link keeps working wherever it points, as long as it reaches this fake.
    /// </summary>
    public Uri LinkAddress
    {
        get => new(api.SiteRoot + "/");
        set => api.SiteRoot = (value ?? throw new ArgumentNullException(nameof(value))).AbsoluteUri.TrimEnd('/');
    }

    /// <summary>How uploads are read and kept (see <see cref="FakeUploadServerOptions.UploadStorage"/>); anything but <see cref="FakeUploadStorage.Memory"/> is the streaming mode.</summary>
    public FakeUploadStorage UploadStorage => store.Storage;

    /// <summary>The self-signed certificate the fake serves with <see cref="FakeUploadServerOptions.UseHttps"/>, or <see langword="null"/> on plain http.</summary>
    public X509Certificate2? Certificate => certificate;

    /// <summary>The seeded user account (package 2, "Premium Account"); <see cref="CreateClient(Action{UploadClientOptions})"/> signs in as it.</summary>
    public FakeAccount DefaultAccount { get; }

    /// <summary>The seeded administrator account (<c>level_id</c> 20), which may call <c>/account/create</c>, <c>/account/edit</c>, <c>/account/delete</c> and <c>/package/listing</c>.</summary>
    public FakeAccount AdminAccount { get; }

    /// <summary>The default account's first API key.</summary>
    public string Key1 => DefaultAccount.Key1;

    /// <summary>The default account's second API key.</summary>
    public string Key2 => DefaultAccount.Key2;

    /// <summary>The default account's user name.</summary>
    public string Username => DefaultAccount.Username;

    /// <summary>The default account's password.</summary>
    public string Password => DefaultAccount.Password;

    /// <summary>The default account's id.</summary>
    public long AccountId => DefaultAccount.AccountId;

    /// <summary>Fault injection: expire tokens, fail, delay, stall, pace or cut the next calls of an endpoint or download.</summary>
    public FakeFaults Faults { get; }

    /// <summary>Every request received, in order, with secrets masked.</summary>
    public FakeJournal Journal { get; } = new();

    /// <summary>When true, uploads sent chunked (no <c>Content-Length</c>) are answered <c>Did not receive uploaded file.</c>, like PHP behind some FastCGI setups.</summary>
    public bool RefuseChunkedUploads
    {
        get => api.RefuseChunkedUploads;
        set => api.RefuseChunkedUploads = value;
    }

    /// <summary>When true, database columns are sent as JSON numbers (PHP 8.1 and later); when false, as strings (the vendor's samples, older PHP). See <see cref="FakeUploadServerOptions.DatabaseValuesAsNumbers"/>; takes effect from the next answer.</summary>
    public bool DatabaseValuesAsNumbers
    {
        get => api.DatabaseValuesAsNumbers;
        set => api.DatabaseValuesAsNumbers = value;
    }

    /// <summary>When true, <c>/file/upload</c> answers <c>"hash": false</c> (the MD5 only for bytes already stored), like the recorded deployed server; when false, the MD5 of the bytes. See <see cref="FakeUploadServerOptions.UploadHashAsFalse"/>.</summary>
    public bool UploadHashAsFalse
    {
        get => api.UploadHashAsFalse;
        set => api.UploadHashAsFalse = value;
    }

    /// <summary>When true, download links answer every GET whole (200) and ignore <c>Range</c>, like PHP's <c>readfile()</c>. See <see cref="FakeUploadServerOptions.IgnoreRange"/>.</summary>
    public bool IgnoreRange
    {
        get => downloads.IgnoreRange;
        set => downloads.IgnoreRange = value;
    }

    /// <summary>When true, download links send <c>ETag</c> and <c>Last-Modified</c>. See <see cref="FakeUploadServerOptions.SendDownloadValidators"/>.</summary>
    public bool SendDownloadValidators
    {
        get => downloads.SendValidators;
        set => downloads.SendValidators = value;
    }

    /// <summary>When true (the default), a new <c>/authorize</c> deletes the account's earlier tokens. See <see cref="FakeUploadServerOptions.OneTokenPerAccount"/>.</summary>
    public bool OneTokenPerAccount
    {
        get => api.OneTokenPerAccount;
        set => api.OneTokenPerAccount = value;
    }

    /// <summary>How long a token may go unused before the fake drops it (checked on every request, by <see cref="FakeUploadServerOptions.TimeProvider"/>).</summary>
    public TimeSpan TokenIdleTimeout
    {
        get => api.TokenIdleTimeout;
        set => api.TokenIdleTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "TokenIdleTimeout must be positive.");
    }

    /// <summary>The number of access tokens currently valid (at most one per account unless <see cref="OneTokenPerAccount"/> is off).</summary>
    public int ActiveTokenCount => api.ActiveTokenCount;

    /// <summary>Every file the fake stores (active, trashed or deleted), in id order: a snapshot.</summary>
    public IReadOnlyList<FakeFile> Files => api.FileSnapshots();

    /// <summary>New client settings for the default account's keys: this fake's address, <see cref="UploadClientOptions.AllowInsecureHttp"/>, and short retry delays. Each read returns a fresh object, ready for DI (<c>AddUploadClient(o => …)</c>).</summary>
    public UploadClientOptions Options => OptionsFor(DefaultAccount, useKeys: true);

    /// <summary>Creates a client signed in (on first use) as the default account with its key pair.</summary>
    /// <param name="configure">Changes the settings before the client is created.</param>
    public UploadClient CreateClient(Action<UploadClientOptions>? configure = null) => CreateClient(DefaultAccount, useKeys: true, configure);

    /// <summary>
    /// Creates a client for <paramref name="account"/>, with its key pair or its user name and password. On an https fake the
    /// client sends through an <see cref="HttpClient"/> the fake owns (trusting its certificate), which goes with the fake.
    /// </summary>
    /// <param name="account">The account, e.g. <see cref="AdminAccount"/> or one from <see cref="AddAccount"/>.</param>
    /// <param name="useKeys">True to sign in with <c>key1</c>/<c>key2</c>, false with <c>username</c>/<c>password</c>.</param>
    /// <param name="configure">Changes the settings before the client is created.</param>
    public UploadClient CreateClient(FakeAccount account, bool useKeys = true, Action<UploadClientOptions>? configure = null)
    {
        UploadClientOptions options = OptionsFor(account, useKeys);
        configure?.Invoke(options);
        return certificate is null ? new UploadClient(options) : new UploadClient(trustingClient.Value, options);
    }

    /// <summary>
    /// A handler for an <see cref="HttpClient"/> of your own that talks to this fake: on https it trusts the fake's certificate
    /// (and no other); it follows no redirects and keeps no cookies, like the SDK's own handler.
    /// </summary>
    public SocketsHttpHandler CreateHttpHandler()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        if (certificate is not null)
        {
            string thumbprint = certificate.Thumbprint;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && string.Equals(presented.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase);
        }

        return handler;
    }

    /// <summary>Client settings for <paramref name="account"/>.</summary>
    /// <param name="account">The account.</param>
    /// <param name="useKeys">True for the key pair, false for user name and password.</param>
    public UploadClientOptions OptionsFor(FakeAccount account, bool useKeys = true)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new UploadClientOptions
        {
            BaseAddress = BaseAddress,
            Key1 = useKeys ? account.Key1 : null,
            Key2 = useKeys ? account.Key2 : null,
            Username = useKeys ? null : account.Username,
            Password = useKeys ? null : account.Password,
            AllowInsecureHttp = true,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
    }

    /// <summary>Adds an account with a fresh key pair.</summary>
    /// <param name="username">The user name (unique, case-insensitive).</param>
    /// <param name="password">The password.</param>
    /// <param name="levelId">The package: 1 free (100 MiB uploads), 2 premium, 3 read only (may not upload), 20 admin.</param>
    /// <param name="apiAccess">False to make <c>/authorize</c> answer "Your account level does not have access to the file upload API…".</param>
    public FakeAccount AddAccount(string username, string password, int levelId = 2, bool apiAccess = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return ToPublic(api.AddAccount(username, password, levelId, email: null, apiAccess));
    }

    /// <summary>
    /// Changes what a package allows: <c>max_upload_size</c> (0 = unlimited) and <c>can_upload</c>, as <c>/account/package</c>
    /// reports them and <c>/file/upload</c> enforces them, for every account on it.
    /// </summary>
    /// <param name="levelId">The package: 1, 2, 3 or 20.</param>
    /// <param name="maxUploadSize">The largest upload in bytes; 0 for no limit.</param>
    /// <param name="canUpload">Whether the package may upload at all.</param>
    public void SetPackageLimits(int levelId, long maxUploadSize, bool canUpload = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxUploadSize);
        api.SetPackageLimits(levelId, maxUploadSize, canUpload);
    }

    /// <summary>Stores a file in the root folder of <paramref name="owner"/> (the default account when <see langword="null"/>), as if uploaded, and returns its id.</summary>
    /// <param name="fileName">The name (renamed <c>name (2).ext</c> if the folder has one already).</param>
    /// <param name="content">The bytes (copied).</param>
    /// <param name="owner">The account that owns it.</param>
    public FileId AddFile(string fileName, byte[] content, FakeAccount? owner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        return new FileId(api.AddFile((owner ?? DefaultAccount).AccountId, fileName, new MemoryContent([.. content])));
    }

    /// <summary>
    /// Stores a file whose bytes are made on demand by <paramref name="content"/> and never held, so it may be of any size (a
    /// 1 GiB download costs no memory); returns its id. Its MD5 is computed only when something needs it.
    /// </summary>
    /// <param name="fileName">The name (renamed <c>name (2).ext</c> if the folder has one already).</param>
    /// <param name="length">The file's length in bytes.</param>
    /// <param name="content">
    /// Given an offset and a count (at most 128 KiB), returns the file's bytes from that offset: between one and count of them.
    /// Called from any thread, any number of times for the same offset: it must always give the same bytes.
    /// </param>
    /// <param name="owner">The account that owns it (the default account when <see langword="null"/>).</param>
    public FileId AddFile(string fileName, long length, Func<long, int, ReadOnlyMemory<byte>> content, FakeAccount? owner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(content);
        return new FileId(api.AddFile((owner ?? DefaultAccount).AccountId, fileName, new GeneratedContent(length, content)));
    }

    /// <summary>
    /// Replaces a file's bytes, as if the site's file changed behind the API (a re-upload by the owner, an administrator): its
    /// content version and so its download <c>ETag</c> change, and <c>Last-Modified</c> becomes now. To change it between two
    /// attempts of a client, call it from <see cref="FakeFaults.BeforeNext"/>.
    /// </summary>
    /// <param name="fileId">The file.</param>
    /// <param name="content">The new bytes (copied).</param>
    public void ReplaceFileContent(FileId fileId, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        api.ReplaceContent(fileId.Value, new MemoryContent([.. content]));
    }

    /// <summary>Replaces a file's bytes with bytes made on demand (see <see cref="AddFile(string, long, Func{long, int, ReadOnlyMemory{byte}}, FakeAccount?)"/>), with a new <c>ETag</c> and <c>Last-Modified</c>.</summary>
    /// <param name="fileId">The file.</param>
    /// <param name="length">The new length in bytes.</param>
    /// <param name="content">Given an offset and a count, the bytes from that offset (see <c>AddFile</c>).</param>
    public void ReplaceFileContent(FileId fileId, long length, Func<long, int, ReadOnlyMemory<byte>> content)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(content);
        api.ReplaceContent(fileId.Value, new GeneratedContent(length, content));
    }

    /// <summary>
    /// The bytes stored for a file (active, trashed or deleted), or <see langword="null"/> when there is no such file or its bytes
    /// were not kept (<see cref="FakeUploadStorage.HashOnly"/>). Reads the whole file into memory: for large files use
    /// <see cref="OpenFileContent"/>, <see cref="GetFileMd5"/> and <see cref="GetFileLength"/>.
    /// </summary>
    /// <param name="fileId">The file.</param>
    public byte[]? GetFileContent(FileId fileId) => api.ContentOf(fileId.Value) is { HasBytes: true } content ? content.ToArray() : null;

    /// <summary>A read-only stream over a file's bytes, read as it is consumed; <see langword="null"/> when there is no such file or its bytes were not kept.</summary>
    /// <param name="fileId">The file.</param>
    public Stream? OpenFileContent(FileId fileId) => api.ContentOf(fileId.Value) is { HasBytes: true } content ? new FileContentStream(content) : null;

    /// <summary>The MD5 (lower-case hex) of a file's bytes, in every storage mode; <see langword="null"/> when there is no such file.</summary>
    /// <param name="fileId">The file.</param>
    public string? GetFileMd5(FileId fileId) => api.ContentOf(fileId.Value)?.Md5;

    /// <summary>A file's length in bytes, in every storage mode; <see langword="null"/> when there is no such file.</summary>
    /// <param name="fileId">The file.</param>
    public long? GetFileLength(FileId fileId) => api.ContentOf(fileId.Value)?.Length;

    /// <summary>The <c>ETag</c> download links send for a file's current content (with <see cref="SendDownloadValidators"/>); <see langword="null"/> when there is no such file.</summary>
    /// <param name="fileId">The file.</param>
    public string? GetFileETag(FileId fileId) => api.ContentVersionOf(fileId.Value) is int version ? DownloadResponder.ETagOf(fileId.Value, version) : null;

    /// <summary>Stops the server and deletes its temporary upload directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            stopping.Cancel(); // releases requests held by delay and stall faults, so stopping does not wait for them
            server.Stop();
            server.Dispose();
            stopping.Dispose();
            store.Dispose();
            if (trustingClient.IsValueCreated)
            {
                trustingClient.Value.Dispose();
            }

            certificate?.Dispose();
        }
    }

    /// <summary>Stops the server and deletes its temporary upload directory.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static FakeAccount ToPublic(AccountRecord account) => new()
    {
        AccountId = account.Id,
        Username = account.Username,
        Password = account.Password,
        Key1 = account.Key1,
        Key2 = account.Key2,
        LevelId = account.LevelId,
    };
}

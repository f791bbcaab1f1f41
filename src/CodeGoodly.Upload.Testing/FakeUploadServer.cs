using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CodeGoodly.Upload.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace CodeGoodly.Upload.Testing;

/// <summary>
/// A stateful fake of the File Upload API v2 on loopback, built on WireMock.Net, for testing code that uses
/// <see cref="UploadClient"/>: accounts (key pairs and user name/password, one administrator), a folder tree, files with
/// their bytes, download links it serves itself, and the admin endpoints. It answers the way deployed servers do
/// (database values as strings, or as numbers like PHP 8 with <see cref="FakeUploadServerOptions.DatabaseValuesAsNumbers"/>;
/// <c>status</c> on errors, idle token expiry, one token per account, the recorded server's words, …) and can inject faults
/// (<see cref="Faults"/>); every request is kept, without secrets, in <see cref="Journal"/>.
/// </summary>
/// <remarks>WireMock keeps each request body in memory while it is handled: keep uploads to the fake to a few MiB.</remarks>
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

    private const string ApiPrefix = "/api/v2/";
    private const string SessionCookieName = "filehosting";
    private static readonly string[] SecretFields = ["access_token", "key1", "key2", "password", "download_token"];

    private readonly WireMockServer server;
    private readonly FakeApi api;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stopping = new();
    private int disposed;

    private FakeUploadServer(FakeUploadServerOptions options)
    {
        clock = options.TimeProvider ?? throw new ArgumentException("TimeProvider is required.", nameof(options));
        if (options.TokenIdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TokenIdleTimeout, "TokenIdleTimeout must be positive.");
        }

        api = new FakeApi(clock, options.TokenIdleTimeout)
        {
            RefuseChunkedUploads = options.RefuseChunkedUploads,
            DatabaseValuesAsNumbers = options.DatabaseValuesAsNumbers,
            UploadHashAsFalse = options.UploadHashAsFalse,
        };
        Faults = new FakeFaults(api.ExpireAllTokens);
        DefaultAccount = ToPublic(api.AddAccount("demo", "demo-password", levelId: 2, email: "demo@example.com", apiAccess: true));
        AdminAccount = ToPublic(api.AddAccount("admin", "admin-password", levelId: FakeApi.AdminLevel, email: "admin@example.com", apiAccess: true));

        int port = options.Port > 0 ? options.Port : FreePort();
        server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            StartAdminInterface = false,
            Logger = new WireMockNullLogger(),
            MaxRequestLogCount = 0,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(BeforeWireMockAsync),
        });
        SiteAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        api.SiteRoot = SiteAddress.AbsoluteUri.TrimEnd('/');
        server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(AnswerAsync));
    }

    /// <summary>Starts a fake with a fresh state on a free loopback port.</summary>
    public static FakeUploadServer Start() => new(new FakeUploadServerOptions());

    /// <summary>Starts a fake with a fresh state and the given settings (clock, token idle timeout, port).</summary>
    /// <param name="options">The settings.</param>
    public static FakeUploadServer Start(FakeUploadServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FakeUploadServer(options);
    }

    /// <summary>The site's address, e.g. <c>http://127.0.0.1:5123/</c>; download links live below it.</summary>
    public Uri SiteAddress { get; }

    /// <summary>The API's address, e.g. <c>http://127.0.0.1:5123/api/v2/</c>: use it as <see cref="UploadClientOptions.BaseAddress"/>.</summary>
    public Uri BaseAddress => new(SiteAddress, "api/v2/");

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

    /// <summary>Fault injection: expire tokens, fail, delay or cut the next calls of an endpoint.</summary>
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

    /// <summary>How long a token may go unused before the fake drops it (checked on every request, by <see cref="FakeUploadServerOptions.TimeProvider"/>).</summary>
    public TimeSpan TokenIdleTimeout
    {
        get => api.TokenIdleTimeout;
        set => api.TokenIdleTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "TokenIdleTimeout must be positive.");
    }

    /// <summary>The number of access tokens currently valid (at most one per account).</summary>
    public int ActiveTokenCount => api.ActiveTokenCount;

    /// <summary>New client settings for the default account's keys: this fake's address, <see cref="UploadClientOptions.AllowInsecureHttp"/>, and short retry delays. Each read returns a fresh object, ready for DI (<c>AddUploadClient(o => …)</c>).</summary>
    public UploadClientOptions Options => OptionsFor(DefaultAccount, useKeys: true);

    /// <summary>Creates a client signed in (on first use) as the default account with its key pair.</summary>
    /// <param name="configure">Changes the settings before the client is created.</param>
    public UploadClient CreateClient(Action<UploadClientOptions>? configure = null) => CreateClient(DefaultAccount, useKeys: true, configure);

    /// <summary>Creates a client for <paramref name="account"/>, with its key pair or its user name and password.</summary>
    /// <param name="account">The account, e.g. <see cref="AdminAccount"/> or one from <see cref="AddAccount"/>.</param>
    /// <param name="useKeys">True to sign in with <c>key1</c>/<c>key2</c>, false with <c>username</c>/<c>password</c>.</param>
    /// <param name="configure">Changes the settings before the client is created.</param>
    public UploadClient CreateClient(FakeAccount account, bool useKeys = true, Action<UploadClientOptions>? configure = null)
    {
        UploadClientOptions options = OptionsFor(account, useKeys);
        configure?.Invoke(options);
        return new UploadClient(options);
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

    /// <summary>The bytes stored for a file (active, trashed or deleted), or <see langword="null"/> when there is no such file.</summary>
    /// <param name="fileId">The file.</param>
    public byte[]? GetFileContent(FileId fileId) => api.FileContent(fileId.Value);

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            stopping.Cancel(); // releases requests held by delay faults, so stopping does not wait for them
            server.Stop();
            server.Dispose();
            stopping.Dispose();
        }
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // ---------------------------------------------------------------- the API, answered through WireMock

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        string endpoint = EndpointOf(request.AbsolutePath);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        byte[] body = request.BodyAsBytes ?? [];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in request.Query ?? new Dictionary<string, WireMockList<string>>())
        {
            fields[item.Key] = item.Value.LastOrDefault() ?? string.Empty;
        }

        UploadedPart? upload = null;
        string contentType = headers.GetValueOrDefault("Content-Type") ?? string.Empty;
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            (Dictionary<string, string> partFields, List<UploadedPart> files) = MultipartReader.Read(body, contentType);
            foreach (var field in partFields)
            {
                fields[field.Key] = field.Value;
            }

            upload = files.FirstOrDefault(f => f.FieldName == "upload_file");
        }
        else if (body.Length > 0)
        {
            foreach (var field in ParseForm(Encoding.UTF8.GetString(body)))
            {
                fields[field.Key] = field.Value;
            }
        }

        var fake = new FakeRequest
        {
            Endpoint = endpoint,
            Method = request.Method,
            Fields = fields.ToDictionary(f => f.Key, f => PhpText.CleanParameter(f.Value), StringComparer.Ordinal), // the journal keeps what was sent
            Upload = upload,
            HadContentLength = headers.ContainsKey("Content-Length"),
            IsChunked = headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true,
            ClientIp = request.ClientIP ?? "127.0.0.1",
        };

        // Journaled on arrival, so that a request held by a delay fault is visible while it waits.
        var arrived = new FakeJournalEntry
        {
            Endpoint = endpoint,
            Method = request.Method,
            Fields = Redact(fields),
            FileName = upload?.FileName,
            FileSize = upload?.Content.LongLength,
            HadContentLength = fake.HadContentLength,
            HadCookie = headers.ContainsKey("Cookie"),
            ReceivedAt = clock.GetUtcNow(),
        };
        Journal.Add(arrived);
        FakeJournalEntry current = arrived;
        FakeAnswer answer = await AnswerAsync(fake, request.AbsolutePath, fault =>
        {
            FakeJournalEntry held = current with { Fault = fault };
            Journal.Complete(current, held);
            current = held;
        }).ConfigureAwait(false);
        Journal.Complete(current, arrived with { StatusCode = answer.StatusCode, ErrorMessage = answer.ErrorMessage, Fault = answer.Fault });

        var message = new ResponseMessage
        {
            StatusCode = answer.StatusCode,
            Headers = answer.Headers.ToDictionary(h => h.Key, h => new WireMockList<string>(h.Value)),
            BodyData = new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = answer.Body },
            FaultType = answer.WireMockFault,
        };
        message.Headers["Content-Type"] = new WireMockList<string>(answer.ContentType);
        if (answer.FromSite && !HasSessionCookie(headers.GetValueOrDefault("Cookie")))
        {
            message.Headers["Set-Cookie"] = new WireMockList<string>(NewSessionCookie());
        }

        return message;
    }

    private async Task<FakeAnswer> AnswerAsync(FakeRequest request, string path, Action<string> noteFault)
    {
        if (!path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new FakeAnswer { StatusCode = 404, ContentType = "text/html; charset=UTF-8", Body = "<html><body><h1>404 Not Found</h1></body></html>"u8.ToArray(), FromSite = false };
        }

        FaultRule? fault = Faults.Take(request.Endpoint);
        switch (fault?.Kind)
        {
            case FaultKind.Status:
            case FaultKind.HtmlPage:
                return FaultAnswer(fault);
            case FaultKind.ApiError:
                FakeAnswer refusal = api.Error(fault.Message!);
                refusal.Fault = fault.Describe();
                return refusal;
            case FaultKind.EmptyResponse:
                return new FakeAnswer { Body = [], Fault = fault.Describe(), WireMockFault = FaultType.EMPTY_RESPONSE };
            case FaultKind.Delay:
                noteFault(fault.Describe());
                await WaitAsync(fault.Delay, CancellationToken.None).ConfigureAwait(false);
                break;
        }

        FakeAnswer answer = api.Handle(request);
        if (fault is null or { Kind: FaultKind.Delay })
        {
            answer.Fault = fault?.Describe();
            return answer;
        }

        answer.Fault = fault.Describe();
        if (fault.Kind == FaultKind.TruncatedJson)
        {
            answer.Body = answer.Body[..(answer.Body.Length / 2)];
        }
        else if (fault.Kind == FaultKind.MalformedResponseChunk)
        {
            answer.WireMockFault = FaultType.MALFORMED_RESPONSE_CHUNK;
        }

        return answer;
    }

    /// <summary>Waits out a delay fault, ending early when the server stops or the client goes away.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token, requestAborted);
        try
        {
            await Task.Delay(delay, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping or abandoned: answer at once.
        }
    }

    private static FakeAnswer FaultAnswer(FaultRule fault)
    {
        bool html = fault.Kind == FaultKind.HtmlPage;
        string text = html ? fault.Html! : $"{fault.StatusCode} {ReasonOf(fault.StatusCode)}";
        var answer = new FakeAnswer
        {
            StatusCode = fault.StatusCode,
            ContentType = html ? "text/html; charset=UTF-8" : "text/plain; charset=UTF-8",
            Body = Encoding.UTF8.GetBytes(text),
            Fault = fault.Describe(),
            FromSite = false, // a proxy's answer: no PHP session
        };
        if (fault.RetryAfter is { } wait)
        {
            answer.Headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return answer;
    }

    // ---------------------------------------------------------------- before WireMock: dropped connections and downloads

    /// <summary>
    /// Runs in front of WireMock: aborts the connections that a <see cref="FakeFaults.DropConnection"/> fault catches, and serves
    /// download links itself so that it can send <c>Content-Length</c>, honour <c>Range</c> and cut a transfer half-way.
    /// </summary>
    private async Task BeforeWireMockAsync(HttpContext context, Func<Task> next)
    {
        string path = context.Request.Path.Value ?? "/";
        bool isApi = path.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase);
        if (isApi)
        {
            string endpoint = EndpointOf(path);
            if (Faults.Take(endpoint, rule => rule.Kind == FaultKind.DropConnection) is { } drop)
            {
                Journal.Add(new FakeJournalEntry
                {
                    Endpoint = endpoint,
                    Method = context.Request.Method,
                    Fields = new Dictionary<string, string>(),
                    Fault = drop.Describe(),
                    HadContentLength = context.Request.ContentLength is not null,
                    HadCookie = context.Request.Headers.Cookie.Count > 0,
                    ReceivedAt = clock.GetUtcNow(),
                });
                context.Abort();
                return;
            }

            await next().ConfigureAwait(false);
            return;
        }

        string? downloadToken = context.Request.Query["download_token"].LastOrDefault();
        if (downloadToken is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await next().ConfigureAwait(false);
            return;
        }

        await ServeDownloadAsync(context, downloadToken).ConfigureAwait(false);
    }

    private async Task ServeDownloadAsync(HttpContext context, string downloadToken)
    {
        HttpResponse response = context.Response;
        FaultRule? fault = Faults.Take(DownloadEndpoint);
        string? rangeHeader = context.Request.Headers.Range.LastOrDefault();
        var entry = new FakeJournalEntry
        {
            Endpoint = DownloadEndpoint,
            Method = context.Request.Method,
            Fields = Redact(new Dictionary<string, string> { ["download_token"] = downloadToken, ["range"] = rangeHeader ?? string.Empty }),
            Fault = fault?.Describe(),
            HadCookie = context.Request.Headers.Cookie.Count > 0,
            ReceivedAt = clock.GetUtcNow(),
        };

        if (fault is { Kind: FaultKind.Status or FaultKind.HtmlPage })
        {
            FakeAnswer answer = FaultAnswer(fault);
            Journal.Add(entry with { StatusCode = answer.StatusCode });
            await WriteAsync(response, answer.StatusCode, answer.ContentType, answer.Body, answer.Headers).ConfigureAwait(false);
            return;
        }

        if (fault is { Kind: FaultKind.Delay })
        {
            await WaitAsync(fault.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (!HasSessionCookie(context.Request.Headers.Cookie.ToString()))
        {
            response.Headers.SetCookie = NewSessionCookie();
        }

        bool whole = string.IsNullOrEmpty(rangeHeader);
        if (api.Download(downloadToken, countDownload: whole && HttpMethods.IsGet(context.Request.Method)) is not { } file)
        {
            Journal.Add(entry with { StatusCode = 404 });
            await WriteAsync(response, 404, "text/html; charset=UTF-8", "<html><body><h1>File not found</h1><p>The download link is not valid.</p></body></html>"u8.ToArray(), null).ConfigureAwait(false);
            return;
        }

        long length = file.Content.LongLength;
        long start = 0;
        long end = length - 1;
        int status = 200;
        if (!whole)
        {
            if (!TryParseRange(rangeHeader!, length, out start, out end))
            {
                Journal.Add(entry with { StatusCode = 416 });
                await WriteAsync(response, 416, "text/plain", [], new Dictionary<string, string> { ["Content-Range"] = $"bytes */{length}" }).ConfigureAwait(false);
                return;
            }

            status = 206;
            response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
        }

        Journal.Add(entry with { StatusCode = fault is { Kind: FaultKind.DropConnection } ? 0 : status });
        response.StatusCode = status;
        response.ContentType = "application/octet-stream";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ContentDisposition = ContentDisposition(file.FileName);
        response.ContentLength = end - start + 1;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var slice = new ReadOnlyMemory<byte>(file.Content, (int)start, (int)(end - start + 1));
        if (fault is { Kind: FaultKind.DropConnection or FaultKind.TruncatedJson or FaultKind.MalformedResponseChunk or FaultKind.EmptyResponse })
        {
            // Half the bytes, then the connection is cut: the client sees a transfer that broke part-way.
            await response.Body.WriteAsync(slice[..(slice.Length / 2)], context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(slice, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>An attachment header Kestrel accepts (ASCII only): an ASCII fallback name plus the UTF-8 name in <c>filename*</c>.</summary>
    private static string ContentDisposition(string fileName)
    {
        string ascii = new(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            response.Headers[header.Key] = header.Value;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>Reads <c>bytes=N-</c>, <c>bytes=N-M</c> or <c>bytes=-N</c>; false when the range cannot be satisfied.</summary>
    private static bool TryParseRange(string header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        string[] bounds = header["bytes=".Length..].Split('-', 2);
        if (bounds.Length != 2)
        {
            return false;
        }

        bool hasStart = long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out long first);
        bool hasEnd = long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out long last);
        if (!hasStart && hasEnd)
        {
            start = Math.Max(0, length - last);
        }
        else if (hasStart)
        {
            start = first;
            end = hasEnd ? Math.Min(last, length - 1) : length - 1;
        }
        else
        {
            return false;
        }

        return start < length && start <= end;
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The endpoint of a path: <c>/API/v2/File/Info/</c> → <c>file/info</c> (paths are case-insensitive on deployed servers).</summary>
    private static string EndpointOf(string path)
    {
        string decoded = Uri.UnescapeDataString(path);
        return decoded.StartsWith(ApiPrefix, StringComparison.OrdinalIgnoreCase)
            ? decoded[ApiPrefix.Length..].Trim('/').ToLowerInvariant()
            : decoded;
    }

    private static Dictionary<string, string> ParseForm(string encoded)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result[WebUtility.UrlDecode(name)] = WebUtility.UrlDecode(value);
        }

        return result;
    }

    private static Dictionary<string, string> Redact(IReadOnlyDictionary<string, string> fields) =>
        fields.ToDictionary(f => f.Key, f => SecretFields.Contains(f.Key, StringComparer.OrdinalIgnoreCase) && f.Value.Length > 0 ? "***" : f.Value, StringComparer.Ordinal);

    private static string ReasonOf(int statusCode) => statusCode switch
    {
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => ((HttpStatusCode)statusCode).ToString(),
    };

    /// <summary>Whether a <c>Cookie</c> header brings the PHP session back (PHP then carries on with it and sets no new cookie).</summary>
    private static bool HasSessionCookie(string? cookieHeader) =>
        cookieHeader is not null && cookieHeader.Split(';').Any(c => c.TrimStart().StartsWith(SessionCookieName + "=", StringComparison.Ordinal));

    /// <summary>A fresh PHP session cookie, as the site sets on every answer to a request that brought none.</summary>
    private static string NewSessionCookie() => $"{SessionCookieName}={RandomNumberGenerator.GetString("0123456789abcdefghijklmnopqrstuv", 26)}; path=/";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

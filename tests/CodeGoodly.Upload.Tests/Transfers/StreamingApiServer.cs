using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>
/// A Kestrel server on 127.0.0.1 that plays the API for large transfers without buffering them: it parses the multipart
/// upload body as it arrives into an MD5 sink, and serves downloads generated on the fly (with <c>Range</c>), with hooks
/// that inject failures. WireMock buffers whole bodies, so it cannot be used for hundreds of MiB.
/// </summary>
public sealed class StreamingApiServer : IAsyncDisposable
{
    // Its own copy of the test credentials: the benchmark compiles this file alone, without Support/ApiServer.
    public const string Key1 = "k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1k1";
    public const string Key2 = "k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2k2";
    public const string Token = "streamTokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public const string AccountId = "158642";
    private const int CopyBufferSize = 128 * 1024;
    private const string Envelope = "\"_status\":\"success\",\"_datetime\":\"2024-11-28 22:52:06\"";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<long, ServedFile> files = new();
    private readonly ConcurrentDictionary<long, (string Name, long? Parent)> folders = new();
    private readonly ConcurrentDictionary<long, (string Name, long Size, long? Folder)> listed = new();
    private long nextFolderId = 124;
    private int uploadRequests;
    private int downloadRequests;
    private long nextFileId = 1000;

    private X509Certificate2? certificate;

    private StreamingApiServer(WebApplication app) => this.app = app;

    /// <summary>The API root, <c>http://127.0.0.1:port/api/v2/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Files stored by the upload endpoint, in order.</summary>
    public ConcurrentQueue<StoredUpload> Uploads { get; } = new();

    /// <summary>How many requests reached <c>/file/upload</c>.</summary>
    public int UploadRequests => Volatile.Read(ref uploadRequests);

    /// <summary>How many GETs of download URLs arrived.</summary>
    public int DownloadRequests => Volatile.Read(ref downloadRequests);

    /// <summary>The <c>Range</c> header of each download GET, in order (<see langword="null"/> for none).</summary>
    public ConcurrentQueue<string?> DownloadRanges { get; } = new();

    /// <summary>The <c>If-Range</c> header of each download GET, in order (<see langword="null"/> for none).</summary>
    public ConcurrentQueue<string?> DownloadIfRanges { get; } = new();

    /// <summary>The path of each download GET, in order.</summary>
    public ConcurrentQueue<string> DownloadPaths { get; } = new();

    /// <summary>Called at the start of download GET number n (1-based), before it is answered (to replace the file between two GETs).</summary>
    public Action<int>? BeforeDownload { get; set; }

    /// <summary>For download GET number n (1-based): answer this HTTP status (with <see cref="DownloadRetryAfter"/>) instead of the file, or <see langword="null"/>.</summary>
    public Func<int, int?>? FailDownload { get; set; }

    /// <summary>The <c>Retry-After</c> header sent with a <see cref="FailDownload"/> answer, if any.</summary>
    public string? DownloadRetryAfter { get; set; }

    /// <summary>For download GET number n (1-based): answer <c>302 Found</c> with this <c>Location</c> instead of the file, or <see langword="null"/>.</summary>
    public Func<int, string?>? RedirectDownload { get; set; }

    /// <summary>Rewrites the <c>download_url</c> that <c>/file/download</c> hands out (a link on another host or scheme).</summary>
    public Func<string, string>? RewriteDownloadUrl { get; set; }

    /// <summary>Whether downloads carry an <c>ETag</c> (one per version of the file) and <c>Last-Modified</c>; default true.</summary>
    public bool SendValidators { get; set; } = true;

    /// <summary>Whether a 206 carries <c>Content-Range</c>; default true. Off: a broken server whose partial answer cannot be placed.</summary>
    public bool SendContentRange { get; set; } = true;

    /// <summary>Whether the upload endpoint answers "Did not receive uploaded file." to a chunked body, as many PHP hosts do.</summary>
    public bool RefuseChunkedUploads { get; set; }

    /// <summary>The <c>Retry-After</c> header (seconds) sent with the upload faults that turn a request away (503, 429).</summary>
    public int? UploadRetryAfterSeconds { get; set; }

    /// <summary>Chooses the fault for upload request number n (1-based).</summary>
    public Func<int, UploadFault>? UploadFault { get; set; }

    /// <summary>For download GET number n (1-based): drop the connection after this many body bytes, or <see langword="null"/>.</summary>
    public Func<int, long?>? DropDownloadAfter { get; set; }

    /// <summary>When set, the upload endpoint reads the body 64 KiB at a time with this pause between reads (a slow but moving network).</summary>
    public TimeSpan? UploadReadDelay { get; set; }

    /// <summary>Whether download GETs honour <c>Range</c> (206); when false they always send the whole file (200), as many PHP scripts do.</summary>
    public bool HonourRange { get; set; } = true;

    /// <summary>The package <c>/account/package</c> reports: <c>max_upload_size</c> (0 = unlimited).</summary>
    public long MaxUploadSize { get; set; }

    /// <summary>The package <c>/account/package</c> reports: <c>can_upload</c>.</summary>
    public bool CanUpload { get; set; } = true;

    /// <param name="smallBuffers">Keep the server's receive buffers small (64 KiB), so that a client's progress follows what the server really read.</param>
    /// <param name="https">Serve over TLS with a fresh self-signed certificate for 127.0.0.1 (a client must be told to trust it: <see cref="TrustingHandler"/>).</param>
    public static async Task<StreamingApiServer> StartAsync(bool smallBuffers = false, bool https = false)
    {
        X509Certificate2? certificate = https ? SelfSignedCertificate() : null;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (smallBuffers)
        {
            builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
            {
                Socket socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.ReceiveBufferSize = 64 * 1024;
                return socket;
            });
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            if (smallBuffers)
            {
                kestrel.Limits.MaxRequestBufferSize = 64 * 1024;
            }

            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
        });
        WebApplication app = builder.Build();
        var server = new StreamingApiServer(app) { certificate = certificate };
        server.Map();
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/api/v2/");
        return server;
    }

    /// <summary>Options for a client of this server (fast retries, plain HTTP allowed).</summary>
    public UploadClientOptions Options(Action<UploadClientOptions>? configure = null)
    {
        var options = new UploadClientOptions
        {
            BaseAddress = BaseAddress,
            Key1 = Key1,
            Key2 = Key2,
            AllowInsecureHttp = true,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A handler for a client of this <c>https</c> server: it trusts this server's self-signed certificate (and no other) and follows no redirects.</summary>
    public SocketsHttpHandler TrustingHandler()
    {
        string expected = certificate?.Thumbprint ?? throw new InvalidOperationException("This server was not started with https.");
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == expected },
        };
    }

    /// <summary>Registers a downloadable file of <paramref name="size"/> pattern bytes and returns its id.</summary>
    public FileId AddFile(long size)
    {
        long id = Interlocked.Increment(ref nextFileId);
        files[id] = new ServedFile(size, 0, 1);
        return new FileId(id);
    }

    /// <summary>
    /// Replaces a file's content: <paramref name="size"/> pattern bytes starting at pattern offset <paramref name="shift"/>
    /// (MD5: <c>TestPattern.Md5(shift, size)</c>), with a new <c>ETag</c> and <c>Last-Modified</c>.
    /// </summary>
    public void ReplaceFile(FileId file, long size, long shift) =>
        files.AddOrUpdate(file.Value, _ => new ServedFile(size, shift, 1), (_, old) => new ServedFile(size, shift, old.Version + 1));

    /// <summary>The <c>ETag</c> the server sends for the current version of a file.</summary>
    public string ETagOf(FileId file) => $"\"{file.Value}-v{files[file.Value].Version}\"";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        certificate?.Dispose();
    }

    private void Map()
    {
        app.MapPost("/api/v2/authorize", (RequestDelegate)(context =>
            Json(context, $$"""{"data":{"access_token":"{{Token}}","account_id":"{{AccountId}}"},{{Envelope}}}""")));
        app.MapPost("/api/v2/account/package", (RequestDelegate)(context =>
            Json(context, $$"""{"data":{"id":"20","label":"Premium Account","max_upload_size":"{{MaxUploadSize}}","can_upload":"{{(CanUpload ? 1 : 0)}}","wait_between_downloads":"0","download_speed":"0","max_storage_bytes":"0","show_site_adverts":"0","show_upgrade_screen":"1","days_to_keep_inactive_files":"0","concurrent_uploads":"100","concurrent_downloads":"0","downloads_per_24_hours":"0","max_download_filesize_allowed":"0","max_remote_download_urls":"50","level_type":"paid user","on_upgrade_page":"0"},{{Envelope}}}""")));
        app.MapPost("/api/v2/file/info", (RequestDelegate)(async context =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            string id = form["file_id"].ToString();
            await Json(context, FileJson(id)).ConfigureAwait(false);
        }));
        app.MapPost("/api/v2/file/download", (RequestDelegate)(async context =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            string id = form["file_id"].ToString();
            string url = $"{BaseAddress.Scheme}://{BaseAddress.Authority}/dl/{id}?download_token=c3e6289a23e9819d8663569da96087d0";
            url = RewriteDownloadUrl?.Invoke(url) ?? url;
            await Json(context, $$"""{"data":{"file_id":"{{id}}","filename":"file{{id}}.bin","download_url":"{{url}}"},{{Envelope}}}""").ConfigureAwait(false);
        }));
        app.MapPost("/api/v2/file/upload", (RequestDelegate)UploadAsync);
        // Just enough folders for tree transfers (the benchmark's `trees` mode): create, info, and a listing of what was uploaded.
        app.MapPost("/api/v2/folder/create", (RequestDelegate)(async context =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            long id = Interlocked.Increment(ref nextFolderId);
            folders[id] = (form["folder_name"].ToString(), FolderOf(form["parent_id"].ToString()));
            await Json(context, $$"""{"response":"Folder successfully created.","data":{{FolderJson(id)}},{{Envelope}}}""").ConfigureAwait(false);
        }));
        app.MapPost("/api/v2/folder/info", (RequestDelegate)(async context =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            await Json(context, FolderOf(form["folder_id"].ToString()) is long id && folders.ContainsKey(id)
                ? $$"""{"data":{{FolderJson(id)}},{{Envelope}}}"""
                : """{"status":"error","response":"Could not find folder based on folder_id.","_datetime":"2024-11-28 22:52:06"}""").ConfigureAwait(false);
        }));
        app.MapPost("/api/v2/folder/listing", (RequestDelegate)(async context =>
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            long? parent = FolderOf(form["parent_folder_id"].ToString());
            string children = string.Join(',', folders.Where(f => f.Value.Parent == parent).Select(f => FolderJson(f.Key)));
            string stored = string.Join(',', listed.Where(f => f.Value.Folder == parent).OrderBy(f => f.Value.Name, StringComparer.Ordinal).Select(f => ListedFileJson(f.Key, f.Value.Name, f.Value.Size, f.Value.Folder)));
            await Json(context, $$"""{"data":{"folders":[{{children}}],"files":[{{stored}}]},{{Envelope}}}""").ConfigureAwait(false);
        }));
        app.MapGet("/dl/{id}", (RequestDelegate)DownloadAsync);
    }

    private static long? FolderOf(string text) =>
        long.TryParse(text, CultureInfo.InvariantCulture, out long id) && id > 0 ? id : null;

    private string FolderJson(long id)
    {
        (string name, long? parent) = folders[id];
        string parentJson = parent is long p ? $"\"{p}\"" : "null";
        return $$"""{"id":"{{id}}","parentId":{{parentJson}},"folderName":"{{System.Text.Json.JsonEncodedText.Encode(name)}}","totalSize":"0","isPublic":"0","date_added":"2024-11-28 22:52:06","date_updated":null,"total_downloads":0,"child_folder_count":0,"file_count":0}""";
    }

    private static string ListedFileJson(long id, string name, long size, long? folder)
    {
        string folderJson = folder is long f ? $"\"{f}\"" : "null";
        return $$"""{"id":"{{id}}","filename":"{{System.Text.Json.JsonEncodedText.Encode(name)}}","fileSize":"{{size}}","status":"active","folderId":{{folderJson}}}""";
    }

    private static string FileJson(string id) =>
        $$"""{"data":{"id":"{{id}}","filename":"sample4_l.jpg","shortUrl":"2Vv","fileType":"image/jpeg","extension":"jpg","fileSize":"149084","file_status":"active","downloads":"5865","folderId":null,"keywords":"button,back,gif","url_file":"http://yoursite.com/2Vv","uploadedIP":"192.168.33.1","uploadedDate":"2024-11-28 22:52:06","lastAccessed":"2024-11-28 22:52:06","isPublic":"1","uploadSource":"api","url_file_info":"http://yoursite.com/2Vv~i","url_file_stats":"http://yoursite.com/2Vv~s","url_file_delete":"http://yoursite.com/2Vv~d"},{{Envelope}}}""";

    private static Task Json(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private async Task UploadAsync(HttpContext context)
    {
        int attempt = Interlocked.Increment(ref uploadRequests);
        UploadFault fault = UploadFault?.Invoke(attempt) ?? Transfers.UploadFault.None;
        switch (fault)
        {
            case Transfers.UploadFault.RespondBeforeReading503:
            case Transfers.UploadFault.RespondBeforeReading429:
                int status = fault == Transfers.UploadFault.RespondBeforeReading503 ? 503 : 429;
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/html";
                if (UploadRetryAfterSeconds is int retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                await context.Response.WriteAsync($"<html><body>{status} {(status == 503 ? "Service Unavailable" : "Too Many Requests")}</body></html>").ConfigureAwait(false);
                return;
            case Transfers.UploadFault.NeverRead:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // the client went away, as it should
                }

                return;
            case Transfers.UploadFault.AbortMidBody:
                byte[] discard = new byte[64 * 1024];
                for (long seen = 0; seen < 1024 * 1024;)
                {
                    int got = await context.Request.Body.ReadAsync(discard, context.RequestAborted).ConfigureAwait(false);
                    if (got == 0)
                    {
                        break;
                    }

                    seen += got;
                }

                context.Abort();
                return;
        }

        Stream body = UploadReadDelay is { } delay ? new ThrottledStream(context.Request.Body, delay) : context.Request.Body;
        string boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(context.Request.ContentType).Boundary).Value
            ?? throw new InvalidOperationException("no boundary");
        var reader = new MultipartReader(boundary, body, CopyBufferSize);
        var fields = new Dictionary<string, string>();
        string? fileName = null;
        long size = 0;
        string md5 = string.Empty;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
            {
                ContentDispositionHeaderValue disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.FileName.HasValue)
                {
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer.AsMemory(0, CopyBufferSize), context.RequestAborted).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        size += read;
                    }

                    md5 = Convert.ToHexStringLower(hash.GetHashAndReset());
                }
                else
                {
                    using var text = new StreamReader(section.Body, Encoding.UTF8);
                    fields[name] = await text.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (Exception broken) when (broken is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return; // a truncated body is never stored
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        bool chunked = context.Request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        if (fileName is null || (chunked && RefuseChunkedUploads))
        {
            await Json(context, """{"status":"error","response":"Did not receive uploaded file.","_datetime":"2024-11-28 22:52:06"}""").ConfigureAwait(false);
            return;
        }

        Uploads.Enqueue(new StoredUpload(fileName, size, md5, context.Request.ContentLength, chunked, fields));
        long id = Interlocked.Increment(ref nextFileId);
        listed[id] = (fileName, size, FolderOf(fields.GetValueOrDefault("folder_id") ?? string.Empty));
        if (fault == Transfers.UploadFault.StoreThenAbort)
        {
            context.Abort();
            return;
        }

        if (fault == Transfers.UploadFault.StoreThen500)
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>500 Internal Server Error</body></html>").ConfigureAwait(false);
            return;
        }

        string jsonName = System.Text.Json.JsonEncodedText.Encode(fileName).ToString();
        await Json(context, $$"""{"response":"File uploaded","data":[{"name":"{{jsonName}}","size":"{{size}}","type":"application/octet-stream","error":null,"url":"http://yoursite.com/{{id}}","delete_url":"http://yoursite.com/{{id}}~d?41efa710444abad11a8f4b5a90e4d746","info_url":"http://yoursite.com/{{id}}~i?41efa710444abad11a8f4b5a90e4d746","delete_type":"DELETE","delete_hash":"41efa710444abad11a8f4b5a90e4d746","hash":"{{md5}}","stats_url":"http://yoursite.com/{{id}}~s","short_url":"{{id}}","file_id":"{{id}}","unique_hash":"60b0be7e3b18de9a3f00d940a8e5a9834c6cdc0f49d40af64973be5ca504c4fd","url_html":"","url_bbcode":""}],{{Envelope}}}""").ConfigureAwait(false);
    }

    private async Task DownloadAsync(HttpContext context)
    {
        int number = Interlocked.Increment(ref downloadRequests);
        BeforeDownload?.Invoke(number);
        string? range = context.Request.Headers.Range.Count > 0 ? context.Request.Headers.Range.ToString() : null;
        string? ifRange = context.Request.Headers.IfRange.Count > 0 ? context.Request.Headers.IfRange.ToString() : null;
        DownloadRanges.Enqueue(range);
        DownloadIfRanges.Enqueue(ifRange);
        DownloadPaths.Enqueue(context.Request.Path.Value ?? string.Empty);
        if (FailDownload?.Invoke(number) is int failure)
        {
            context.Response.StatusCode = failure;
            if (DownloadRetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = DownloadRetryAfter;
            }

            await context.Response.WriteAsync($"<html><body>{failure}</body></html>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (RedirectDownload?.Invoke(number) is string location)
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = location;
            return;
        }

        if (!long.TryParse((string?)context.Request.RouteValues["id"], CultureInfo.InvariantCulture, out long id) || !files.TryGetValue(id, out ServedFile? file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        long size = file.Size;
        string etag = $"\"{id}-v{file.Version}\"";
        if (SendValidators)
        {
            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = new DateTimeOffset(2024, 11, 28, 22, 52, 0, TimeSpan.Zero).AddMinutes(file.Version).ToString("R", CultureInfo.InvariantCulture);
        }

        long from = 0;
        bool sameVersion = ifRange is null || ifRange == etag;
        if (HonourRange && sameVersion && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            from = long.Parse(range.AsSpan(6, range.Length - 7), CultureInfo.InvariantCulture);
            context.Response.StatusCode = 206;
            if (SendContentRange)
            {
                context.Response.Headers.ContentRange = $"bytes {from}-{size - 1}/{size}";
            }
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = size - from;
        long? dropAfter = DropDownloadAfter?.Invoke(number);
        long position = from;
        long sentThisTime = 0;
        while (position < size)
        {
            int count = (int)Math.Min(TestPattern.ChunkSize, size - position);
            if (dropAfter is long limit && sentThisTime + count > limit)
            {
                count = (int)(limit - sentThisTime);
            }

            if (count > 0)
            {
                await context.Response.Body.WriteAsync(TestPattern.Slice(position + file.Shift, count), context.RequestAborted).ConfigureAwait(false);
                position += count;
                sentThisTime += count;
            }

            if (dropAfter is long drop && sentThisTime >= drop)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            }
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>A downloadable file: its length, where in the pattern its bytes start, and its version (for the <c>ETag</c>).</summary>
    private sealed record ServedFile(long Size, long Shift, int Version);

    /// <summary>Reads at most 64 KiB per call, pausing before each read.</summary>
    private sealed class ThrottledStream(Stream inner, TimeSpan delay) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

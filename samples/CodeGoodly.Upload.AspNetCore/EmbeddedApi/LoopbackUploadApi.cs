using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CodeGoodly.Upload.AspNetCore.EmbeddedApi;

/// <summary>
/// A small File Upload API v2 on 127.0.0.1 (Kestrel): authorize, account, upload, download, file info and folder listing,
/// answering like the real server (strings for numbers, HTTP 200 errors). Uploads stream to temporary files while their
/// MD5 is computed, and downloads stream from them, so a transfer of any size costs no memory.
/// </summary>
internal sealed class LoopbackUploadApi : IEmbeddedUploadApi
{
    private const string AccountId = "1";
    private const string TokenRefused = "Could not validate access_token and account_id, please reauthenticate or try again.";
#pragma warning disable ASPDEPR008 // see the constructor
    private readonly IWebHost host;
#pragma warning restore ASPDEPR008
    private readonly string key1 = RandomKey(64);
    private readonly string key2 = RandomKey(64);
    private readonly string storage = Directory.CreateTempSubdirectory("codegoodly-upload-embedded-").FullName;
    private readonly ConcurrentDictionary<long, StoredFile> files = new();
    private readonly ConcurrentDictionary<string, long> downloadTokens = new();
    private string? accessToken;
    private long lastFileId = 1000;

    private LoopbackUploadApi()
    {
        // A plain web host, not a WebApplication: a second generic host built in the process would be taken by
        // WebApplicationFactory (it watches for hosts being built) for the application under test.
#pragma warning disable ASPDEPR004, ASPDEPR008 // WebHostBuilder is kept for exactly this kind of embedded server
        host = new WebHostBuilder()
            .UseKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null)
            .UseUrls("http://127.0.0.1:0")
            .ConfigureServices(services => services.AddRouting())
            .Configure(app => app.UseRouting().UseEndpoints(routes =>
            {
                routes.MapPost("/api/v2/authorize", AuthorizeAsync);
                routes.MapPost("/api/v2/file/upload", UploadAsync);
                routes.MapPost("/api/v2/{**endpoint}", CallAsync);
                routes.MapGet("/download/{id:long}", Download);
            }))
            .Build();
#pragma warning restore ASPDEPR004, ASPDEPR008
    }

    private string Origin => host.ServerFeatures.Get<IServerAddressesFeature>()!.Addresses.First();

    private Uri BaseAddress => new(Origin + "/api/v2/");

    public static IEmbeddedUploadApi Start()
    {
        var api = new LoopbackUploadApi();
        api.host.Start();
        return api;
    }

    public void ConfigureClient(UploadClientOptions options)
    {
        options.BaseAddress = BaseAddress;
        options.Key1 = key1;
        options.Key2 = key2;
        options.Username = null;
        options.Password = null;
        options.AllowInsecureHttp = true;
    }

    public void Dispose()
    {
        host.Dispose();
        DeleteStorage();
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        DeleteStorage();
    }

    private void DeleteStorage()
    {
        if (Directory.Exists(storage))
        {
            Directory.Delete(storage, recursive: true);
        }
    }

    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        IFormCollection form = await request.ReadFormAsync();
        if (form["key1"] != key1 || form["key2"] != key2)
        {
            return Error("Could not authenticate user. The key pair may be invalid or your account may be locked from too many failed logins.");
        }

        string token = RandomKey(128);
        Volatile.Write(ref accessToken, token);
        return Success(new Dictionary<string, object?> { ["access_token"] = token, ["account_id"] = AccountId });
    }

    private async Task<IResult> CallAsync(string endpoint, HttpRequest request)
    {
        IFormCollection form = await request.ReadFormAsync();
        if (!TokenIsValid(form["access_token"], form["account_id"]))
        {
            return Error(TokenRefused);
        }

        switch (endpoint.ToLowerInvariant())
        {
            case "disable_access_token":
                Volatile.Write(ref accessToken, null);
                return Results.Json(new Dictionary<string, object?> { ["response"] = "Token removed or no longer available.", ["_status"] = "success" });
            case "account/info":
                return Success(new Dictionary<string, object?> { ["id"] = AccountId, ["username"] = "embedded", ["level_id"] = "2", ["status"] = "active" });
            case "account/package":
                return Success(new Dictionary<string, object?> { ["id"] = "2", ["label"] = "Embedded", ["max_upload_size"] = "0", ["can_upload"] = "1" });
            case "folder/listing":
                string folder = form["parent_folder_id"].ToString() is { Length: > 0 } parent and not "0" ? parent : string.Empty;
                return Success(new Dictionary<string, object?>
                {
                    ["folders"] = Array.Empty<object>(),
                    ["files"] = files.Values.Where(f => f.FolderId == folder).OrderBy(f => f.Name, StringComparer.Ordinal).Select(Describe).ToArray(),
                });
            case "file/info":
                return Find(form["file_id"]) is { } info ? Success(Describe(info)) : Error("Could not find file.");
            case "file/download":
                if (Find(form["file_id"]) is not { } file)
                {
                    return Error("Could not find file.");
                }

                string downloadToken = RandomKey(64);
                downloadTokens[downloadToken] = file.Id;
                return Success(new Dictionary<string, object?>
                {
                    ["file_id"] = Id(file.Id),
                    ["filename"] = file.Name,
                    ["download_url"] = $"{Origin}/download/{file.Id}?download_token={downloadToken}",
                });
            default:
                return Results.Json($"No endpoint found for: {endpoint}", statusCode: StatusCodes.Status404NotFound);
        }
    }

    /// <summary>Reads the multipart body section by section: the form fields, then the file, copied to disk as it arrives.</summary>
    private async Task<IResult> UploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;

        // Like PHP behind many FastCGI setups: a chunked body (no Content-Length) arrives with no file in it.
        if (request.ContentLength is null)
        {
            return Error("Did not receive uploaded file.");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Error("Did not receive uploaded file.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition))
            {
                continue;
            }

            string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (!disposition.IsFileDisposition())
            {
                using var text = new StreamReader(section.Body);
                fields[name] = await text.ReadToEndAsync(cancellationToken);
                continue;
            }

            if (!TokenIsValid(fields.GetValueOrDefault("access_token"), fields.GetValueOrDefault("account_id")))
            {
                return Error(TokenRefused);
            }

            long id = Interlocked.Increment(ref lastFileId);
            string path = Path.Combine(storage, id.ToString(CultureInfo.InvariantCulture));
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long size = 0;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                byte[] buffer = new byte[128 * 1024];
                int read;
                while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
            }

            if (size == 0)
            {
                File.Delete(path);
                return Error("Filesize received was zero.");
            }

            string fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "upload";
            var stored = new StoredFile(id, fileName, size, Convert.ToHexStringLower(md5.GetHashAndReset()), path, fields.GetValueOrDefault("folder_id") is { Length: > 0 } f and not "0" ? f : string.Empty);
            files[id] = stored;
            string url = $"{Origin}/{id}";
            return Results.Json(new Dictionary<string, object?>
            {
                ["response"] = "File uploaded",
                ["data"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["name"] = stored.Name, ["size"] = Id(stored.Size), ["type"] = "application/octet-stream", ["error"] = null,
                        ["url"] = url, ["hash"] = stored.Md5, ["short_url"] = Id(id), ["file_id"] = Id(id),
                    },
                },
                ["_status"] = "success",
                ["_datetime"] = Now(),
            });
        }

        return Error("Did not receive uploaded file.");
    }

    private IResult Download(long id, string? download_token)
    {
        if (download_token is null || !downloadTokens.TryRemove(download_token, out long granted) || granted != id || !files.TryGetValue(id, out StoredFile? file))
        {
            return Results.StatusCode((int)HttpStatusCode.NotFound);
        }

        return Results.File(file.Path, "application/octet-stream", enableRangeProcessing: true);
    }

    private bool TokenIsValid(string? token, string? account) =>
        token is { Length: > 0 } && token == Volatile.Read(ref accessToken) && account == AccountId;

    private StoredFile? Find(string? fileId) =>
        long.TryParse(fileId, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && files.TryGetValue(id, out StoredFile? file) ? file : null;

    private Dictionary<string, object?> Describe(StoredFile file) => new()
    {
        ["id"] = Id(file.Id), ["filename"] = file.Name, ["shortUrl"] = Id(file.Id), ["fileType"] = "application/octet-stream",
        ["extension"] = Path.GetExtension(file.Name).TrimStart('.'), ["fileSize"] = Id(file.Size), ["status"] = "active", ["downloads"] = "0",
        ["folderId"] = file.FolderId.Length > 0 ? file.FolderId : null, ["url_file"] = $"{Origin}/{file.Id}",
    };

    private static IResult Success(object data) =>
        Results.Json(new Dictionary<string, object?> { ["data"] = data, ["_status"] = "success", ["_datetime"] = Now() });

    private static IResult Error(string message) =>
        Results.Json(new Dictionary<string, object?> { ["status"] = "error", ["response"] = message, ["_datetime"] = Now() });

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string RandomKey(int length) => RandomNumberGenerator.GetString("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", length);

    private sealed record StoredFile(long Id, string Name, long Size, string Md5, string Path, string FolderId);
}

using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>What a careful user would write without the SDK: one HttpClient, the token passed by hand, System.Text.Json (source-generated).</summary>
/// <param name="baseAddress">The API's base address.</param>
/// <param name="network">The handler to send through (a pooled <see cref="SocketsHttpHandler"/> when <see langword="null"/>).</param>
/// <param name="token">The access token passed by hand (<see cref="ServerProcess.Token"/> when <see langword="null"/>).</param>
/// <param name="accountId">The account id passed by hand (<see cref="ServerProcess.AccountId"/> when <see langword="null"/>).</param>
internal sealed class RawClient(Uri baseAddress, HttpMessageHandler? network = null, string? token = null, string? accountId = null) : IDisposable
{
    private readonly HttpClient http = new(network ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly string token = token ?? ServerProcess.Token;
    private readonly string accountId = accountId ?? ServerProcess.AccountId;

    /// <summary>Uploads a file as <c>StreamContent</c> inside <c>MultipartFormDataContent</c>; returns the response body.</summary>
    public async Task<string> UploadFileAsync(string path)
    {
        await using FileStream file = File.OpenRead(path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "access_token" },
            { new StringContent(accountId), "account_id" },
            { new StringContent(string.Empty), "folder_id" },
        };
        var fileContent = new StreamContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(fileContent, "upload_file", Path.GetFileName(path));
        using HttpResponseMessage response = await http.PostAsync("file/upload", form);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Asks for the download URL, then streams the GET into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(long fileId, Stream destination)
    {
        string url;
        using (HttpResponseMessage link = await http.PostAsync("file/download", Form(fileId)))
        {
            link.EnsureSuccessStatusCode();
            using JsonDocument json = await JsonDocument.ParseAsync(await link.Content.ReadAsStreamAsync());
            url = json.RootElement.GetProperty("data").GetProperty("download_url").GetString()!;
        }

        using HttpResponseMessage response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(destination);
    }

    /// <summary><c>/file/info</c>, read into a typed record with source-generated System.Text.Json.</summary>
    public async Task<RawFile> GetInfoAsync(long fileId)
    {
        using HttpResponseMessage response = await http.PostAsync("file/info", Form(fileId));
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync();
        RawEnvelope envelope = await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawEnvelope) ?? throw new InvalidDataException("empty");
        if (envelope.Status != "success" || envelope.Data is null)
        {
            throw new InvalidDataException("error answer");
        }

        return envelope.Data;
    }

    public void Dispose() => http.Dispose();

    private FormUrlEncodedContent Form(long fileId) => new(
    [
        new("file_id", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("access_token", token),
        new("account_id", accountId),
    ]);
}

internal sealed record RawEnvelope(
    [property: JsonPropertyName("_status")] string? Status,
    [property: JsonPropertyName("data")] RawFile? Data);

internal sealed record RawFile(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("shortUrl")] string? ShortUrl,
    [property: JsonPropertyName("fileType")] string? FileType,
    [property: JsonPropertyName("extension")] string? Extension,
    [property: JsonPropertyName("fileSize")] string? FileSize,
    [property: JsonPropertyName("file_status")] string? Status,
    [property: JsonPropertyName("downloads")] string? Downloads,
    [property: JsonPropertyName("folderId")] string? FolderId,
    [property: JsonPropertyName("keywords")] string? Keywords,
    [property: JsonPropertyName("url_file")] string? UrlFile,
    [property: JsonPropertyName("uploadedDate")] string? UploadedDate,
    [property: JsonPropertyName("lastAccessed")] string? LastAccessed,
    [property: JsonPropertyName("uploadSource")] string? UploadSource,
    [property: JsonPropertyName("url_file_info")] string? UrlFileInfo,
    [property: JsonPropertyName("url_file_stats")] string? UrlFileStats,
    [property: JsonPropertyName("url_file_delete")] string? UrlFileDelete);

[JsonSerializable(typeof(RawEnvelope))]
internal sealed partial class RawJsonContext : JsonSerializerContext;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CodeGoodly.Upload.AspNetCore.Tests;

/// <summary>
/// Drives the sample minimal API in-process (<see cref="WebApplicationFactory{TEntryPoint}"/>) with no credentials configured,
/// so it runs on the Testing package's fake in streaming mode: it stores uploads on disk as they arrive and streams downloads from there.
/// </summary>
public sealed class SampleServiceTests : IClassFixture<WebApplicationFactory<Program>>
{
    private const long SixtyFourMiB = 64L * 1024 * 1024;
    private readonly WebApplicationFactory<Program> factory;

    public SampleServiceTests(WebApplicationFactory<Program> factory)
    {
        this.factory = factory;
    }

    [Fact]
    public async Task PostFiles_64MiBBody_StreamsThroughTheServiceWithBoundedMemoryAndArrivesIntact()
    {
        using HttpClient http = CreateClient();
        await UploadAsync(http, 256 * 1024, seed: 7, "warm-up.bin", useHeader: true); // JIT, connection, token: not part of the measurement

        long before = GC.GetTotalAllocatedBytes(precise: true);
        (JsonElement uploaded, string sentMd5) = await UploadAsync(http, SixtyFourMiB, seed: 42, "big.bin");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(sentMd5, uploaded.GetProperty("hash").GetString()); // the MD5 the API computed over what it received
        Assert.Equal(SixtyFourMiB, uploaded.GetProperty("size").GetInt64());
        Assert.Equal("big.bin", uploaded.GetProperty("name").GetString());
        TestContext.Current.TestOutputHelper?.WriteLine($"64 MiB upload through the sample allocated {allocated / 1024.0 / 1024.0:0.0} MiB in the process");
        Assert.True(allocated < 8 * 1024 * 1024, $"Uploading 64 MiB allocated {allocated:N0} bytes: the body was buffered somewhere.");
    }

    [Fact]
    public async Task PostFiles_50MiBBodyOnKestrel_IsAcceptedPastTheDefaultRequestSizeLimitAndArrivesIntact()
    {
        const long FiftyMiB = 50L * 1024 * 1024; // above Kestrel's default 30,000,000-byte request body limit
        await using var kestrel = new WebApplicationFactory<Program>();
        kestrel.UseKestrel(0); // a real Kestrel on a loopback port: the in-memory test server enforces no body size limit
        kestrel.StartServer();
        using HttpClient http = kestrel.CreateClient();
        http.Timeout = TimeSpan.FromMinutes(2);

        (JsonElement uploaded, string sentMd5) = await UploadAsync(http, FiftyMiB, seed: 50, "fifty.bin");

        Assert.Equal(FiftyMiB, uploaded.GetProperty("size").GetInt64());
        Assert.Equal(sentMd5, uploaded.GetProperty("hash").GetString()); // the MD5 the API computed over what it received
    }

    [Fact]
    public async Task GetFile_AfterUpload_StreamsTheSameBytesBackWithBoundedMemory()
    {
        using HttpClient http = CreateClient();
        (JsonElement uploaded, string sentMd5) = await UploadAsync(http, 24L * 1024 * 1024, seed: 9, "round-trip.bin");
        long fileId = uploaded.GetProperty("fileId").GetInt64();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        using HttpResponseMessage response = await http.GetAsync(new Uri($"/files/{fileId}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long received = 0;
        await using (Stream body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken))
        {
            byte[] buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                received += read;
            }
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"24 MiB download through the sample allocated {allocated / 1024.0 / 1024.0:0.0} MiB in the process");
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(24L * 1024 * 1024, received);
        Assert.Equal(sentMd5, Convert.ToHexStringLower(md5.GetHashAndReset()));
        Assert.True(allocated < 8 * 1024 * 1024, $"Downloading 24 MiB allocated {allocated:N0} bytes: the body was buffered somewhere.");
    }

    [Fact]
    public void JsonAnswers_UploadedFileAndFolderListing_ComeFromASourceGeneratedContextAsPublishAotNeeds()
    {
        JsonSerializerOptions json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var context = Assert.IsAssignableFrom<JsonSerializerContext>(json.TypeInfoResolverChain[0]);
        Assert.NotNull(context.GetTypeInfo(typeof(UploadedFile)));
        Assert.NotNull(context.GetTypeInfo(typeof(FolderListing)));
    }

    [Fact]
    public async Task GetFolders_Root_ListsUploadedFiles()
    {
        using HttpClient http = CreateClient();
        (JsonElement uploaded, _) = await UploadAsync(http, 1000, seed: 3, "listed ünïcode.txt");

        using JsonDocument listing = JsonDocument.Parse(await http.GetStringAsync(new Uri("/folders/", UriKind.Relative), TestContext.Current.CancellationToken));

        JsonElement file = Assert.Single(listing.RootElement.GetProperty("files").EnumerateArray(),
            f => f.GetProperty("id").GetInt64() == uploaded.GetProperty("fileId").GetInt64());
        Assert.Equal("listed ünïcode.txt", file.GetProperty("fileName").GetString());
        Assert.Equal(1000, file.GetProperty("fileSize").GetInt64());
    }

    [Fact]
    public async Task GetFile_Unknown_AnswersNotFoundWithTheServersWords()
    {
        using HttpClient http = CreateClient();

        using HttpResponseMessage response = await http.GetAsync(new Uri("/files/987654", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Could not find file based on file_id.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostFiles_WithoutName_AnswersBadRequestBeforeUploading()
    {
        using HttpClient http = CreateClient();
        using var content = new ByteArrayContent([1, 2, 3]);

        using HttpResponseMessage response = await http.PostAsync(new Uri("/files", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-File-Name", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private HttpClient CreateClient()
    {
        // No redirect handling: Mvc.Testing's redirect handler copies every request body into memory so it could re-send it.
        HttpClient http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        http.Timeout = TimeSpan.FromMinutes(2);
        return http;
    }

    private static async Task<(JsonElement Uploaded, string SentMd5)> UploadAsync(HttpClient http, long length, uint seed, string name, bool useHeader = false)
    {
        using var body = new GeneratedStream(length, seed);
        using var content = new StreamContent(body, 64 * 1024);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.ContentLength = length; // the service passes it on: the fake, like many PHP hosts, refuses chunked uploads
        using var request = new HttpRequestMessage(HttpMethod.Post, useHeader ? "/files" : "/files?name=" + Uri.EscapeDataString(name)) { Content = content };
        if (useHeader)
        {
            request.Headers.TryAddWithoutValidation("X-File-Name", name);
        }

        using HttpResponseMessage response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        Assert.Equal(length, body.Position);
        using JsonDocument json = JsonDocument.Parse(text);
        return (json.RootElement.Clone(), body.Md5Hex());
    }
}

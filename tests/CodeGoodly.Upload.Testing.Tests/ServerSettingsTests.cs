using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>The fake's settings and seeding: files added without an upload, downloads' validators and ranges, link address, https, tokens, package limits.</summary>
public sealed class ServerSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddFile_BytesAndGenerated_ListedDownloadableAndInFiles()
    {
        await using var server = FakeUploadServer.Start();
        FakeAccount other = server.AddAccount("someone", "password1");
        FileId small = server.AddFile("small.txt", "hello"u8.ToArray());
        FileId big = server.AddFile("big.bin", 5_000_000, Pattern.Slice);
        FileId theirs = server.AddFile("theirs.txt", [1], other);
        using var client = server.CreateClient();

        FolderListing root = await client.Folders.ListAsync(cancellationToken: Ct);
        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(big, downloaded, cancellationToken: Ct);

        Assert.Equal(["big.bin", "small.txt"], root.Files.Select(f => f.FileName));
        Assert.Equal(Pattern.Bytes(0, 5_000_000), downloaded.ToArray());
        Assert.Equal("hello"u8.ToArray(), server.GetFileContent(small));
        Assert.Equal(Pattern.Md5(0, 5_000_000), server.GetFileMd5(big));
        Assert.Equal([small, big, theirs], server.Files.Select(f => f.Id));
        FakeFile listed = server.Files[2];
        Assert.Equal((other.AccountId, "theirs.txt", 1L, "active", (FolderId?)null, true), (listed.AccountId, listed.Name, listed.Length, listed.Status, listed.FolderId, listed.HasContent));
    }

    [Fact]
    public async Task SendDownloadValidators_ETagAndLastModified_IfRangeWithTheCurrentTagGetsAPart_WithAnOldTagTheWholeNewFile()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { SendDownloadValidators = true });
        FileId file = server.AddFile("v.bin", Pattern.Bytes(0, 1000));
        using var http = new HttpClient(server.CreateHttpHandler());
        Uri link = await LinkAsync(server, file);
        string firstTag = server.GetFileETag(file)!;

        using HttpResponseMessage whole = await http.GetAsync(link, Ct);
        using HttpResponseMessage part = await http.SendAsync(RangeRequest(link, "bytes=600-", firstTag), Ct);
        server.ReplaceFileContent(file, Pattern.Bytes(5, 800));
        using HttpResponseMessage stale = await http.SendAsync(RangeRequest(link, "bytes=600-", firstTag), Ct);

        Assert.Equal(firstTag, whole.Headers.ETag!.ToString());
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(Pattern.Bytes(600, 400), await part.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(Pattern.Bytes(5, 800), await stale.Content.ReadAsByteArrayAsync(Ct));
        Assert.NotEqual(firstTag, server.GetFileETag(file));
        Assert.Equal(server.GetFileETag(file), stale.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task Downloads_ByDefault_SendNoValidators()
    {
        await using var server = FakeUploadServer.Start();
        FileId file = server.AddFile("plain.bin", [1, 2, 3]);
        using var http = new HttpClient(server.CreateHttpHandler());

        using HttpResponseMessage response = await http.GetAsync(await LinkAsync(server, file), Ct);

        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Content.Headers.LastModified);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
    }

    [Fact]
    public async Task IgnoreRange_EveryGetIsAnsweredWhole_WithoutAcceptRanges()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { IgnoreRange = true });
        FileId file = server.AddFile("whole.bin", Pattern.Bytes(0, 1000));
        using var http = new HttpClient(server.CreateHttpHandler());

        using HttpResponseMessage response = await http.SendAsync(RangeRequest(await LinkAsync(server, file), "bytes=500-", ifRange: null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pattern.Bytes(0, 1000), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Empty(response.Headers.AcceptRanges);
        Assert.True(server.IgnoreRange);
        Assert.Equal("bytes=500-", Assert.Single(server.Journal.For(FakeUploadServer.DownloadEndpoint)).Fields["range"]);
    }

    [Fact]
    public async Task LinkAddress_Changed_LinksPointThereAndStillReachTheFake()
    {
        await using var server = FakeUploadServer.Start();
        FileId file = server.AddFile("there.bin", [4, 5, 6]);
        server.LinkAddress = new Uri($"http://localhost:{server.SiteAddress.Port.ToString(CultureInfo.InvariantCulture)}/");
        using var client = server.CreateClient();

        DownloadLink link = await client.Files.GetDownloadLinkAsync(file, Ct);
        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(file, downloaded, cancellationToken: Ct);

        Assert.StartsWith($"http://localhost:{server.SiteAddress.Port.ToString(CultureInfo.InvariantCulture)}/", link.DownloadUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 4, 5, 6 }, downloaded.ToArray());
        Assert.Equal(server.LinkAddress, new Uri($"http://localhost:{server.SiteAddress.Port.ToString(CultureInfo.InvariantCulture)}/"));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task UseHttps_CreateClientTrustsTheFakesCertificate_AClientThatDoesNotIsRefused(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UseHttps = true, UploadStorage = storage });
        using var client = server.CreateClient(o => o.AllowInsecureHttp = false);

        UploadedFile uploaded = await client.Files.UploadAsync(new MemoryStream([1, 2, 3]), "tls.bin", cancellationToken: Ct);
        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(uploaded.FileId, downloaded, cancellationToken: Ct);

        Assert.Equal("https", server.BaseAddress.Scheme);
        Assert.NotNull(server.Certificate);
        Assert.Equal(new byte[] { 1, 2, 3 }, downloaded.ToArray());
        using var untrusting = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(server.BaseAddress, Ct));
    }

    [Fact]
    public async Task OneTokenPerAccountOff_TwoClientsOfOneAccountKeepTheirTokens()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { OneTokenPerAccount = false });
        using var first = server.CreateClient();
        using var second = server.CreateClient();

        await first.Account.GetInfoAsync(Ct);
        await second.Account.GetInfoAsync(Ct);
        await first.Folders.ListAsync(cancellationToken: Ct);
        await second.Folders.ListAsync(cancellationToken: Ct);

        Assert.Equal(2, server.ActiveTokenCount);
        Assert.Equal(2, server.Journal.CountOf("authorize"));
        Assert.All(server.Journal, entry => Assert.Null(entry.ErrorMessage));
    }

    [Fact]
    public async Task SetPackageLimits_ReportedByAccountPackageAndEnforcedByTheUpload()
    {
        await using var server = FakeUploadServer.Start();
        server.SetPackageLimits(levelId: 2, maxUploadSize: 1000);
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();

        JsonElement package = await raw.CallAsync(session, "account/package");
        JsonElement refused = await raw.UploadRawAsync(session, "filename=\"big.bin\"", new byte[1001]);
        JsonElement accepted = await raw.UploadRawAsync(session, "filename=\"ok.bin\"", new byte[1000]);

        Assert.Equal("1000", package.GetProperty("data").GetProperty("max_upload_size").GetString());
        Assert.Equal("The file is larger than the maximum upload size allowed for your account (1000 bytes).", refused.GetProperty("data")[0].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("data")[0].GetProperty("error").ValueKind);
        server.SetPackageLimits(levelId: 2, maxUploadSize: 0, canUpload: false);
        Assert.Equal("0", (await raw.CallAsync(session, "account/package")).GetProperty("data").GetProperty("can_upload").GetString());
        Assert.Throws<ArgumentOutOfRangeException>(() => server.SetPackageLimits(levelId: 7, maxUploadSize: 0));
    }

    [Fact]
    public void Start_BadStreamingSettings_ThrowBeforeListening()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = (FakeUploadStorage)9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeUploadServer.Start(new FakeUploadServerOptions { ReceiveBufferSize = -1 }));
    }

    private static HttpRequestMessage RangeRequest(Uri link, string range, string? ifRange)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.Range = RangeHeaderValue.Parse(range);
        if (ifRange is not null)
        {
            request.Headers.IfRange = RangeConditionHeaderValue.Parse(ifRange);
        }

        return request;
    }

    private static async Task<Uri> LinkAsync(FakeUploadServer server, FileId file)
    {
        using var client = server.CreateClient();
        return (await client.Files.GetDownloadLinkAsync(file, Ct)).DownloadUrl;
    }
}

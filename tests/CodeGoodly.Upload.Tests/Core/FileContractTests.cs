using System.Text;
using CodeGoodly.Upload.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>Contract tests for the /file/* endpoints: what reaches the server, and the record read from the vendor's sample.</summary>
public sealed class FileContractTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadAsync_VendorSample_PostsMultipartWithContentLengthAndReadsUploadedFile()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        byte[] bytes = Encoding.UTF8.GetBytes("pretend this is a JPEG");
        using var content = new MemoryStream(bytes);

        UploadedFile file = await client.Files.UploadAsync(content, "sample4_l.jpg", cancellationToken: Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/upload"], api.Paths());
        var entry = Assert.Single(api.RequestsTo("file/upload"));
        Assert.Equal("POST", entry.RequestMessage.Method);
        Assert.Equal("multipart/form-data", ApiServer.MediaTypeOf(entry));
        Assert.Equal(entry.RequestMessage.BodyAsBytes!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ApiServer.HeaderOf(entry, "Content-Length"));
        Assert.Null(ApiServer.HeaderOf(entry, "Transfer-Encoding"));
        var parts = ApiServer.MultipartOf(entry);
        Assert.Equal(["access_token", "account_id", "folder_id", "upload_file"], parts.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ApiServer.Token, parts.Single(p => p.Name == "access_token").Text);
        Assert.Equal(ApiServer.AccountId, parts.Single(p => p.Name == "account_id").Text);
        Assert.Equal(string.Empty, parts.Single(p => p.Name == "folder_id").Text);
        var filePart = parts.Single(p => p.Name == "upload_file");
        Assert.Equal("sample4_l.jpg", filePart.FileName);
        Assert.Equal(bytes, filePart.Content);
        Assert.Equal(new UploadedFile
        {
            FileId = new FileId(1253),
            Name = "sample4_l.jpg",
            Size = 149084,
            Type = "application/octet-stream",
            Url = new Uri("http://yoursite.com/2Vv"),
            DeleteUrl = new Uri("http://yoursite.com/2Vv~d?41efa710444abad11a8f4b5a90e4d746"),
            InfoUrl = new Uri("http://yoursite.com/2Vv~i?41efa710444abad11a8f4b5a90e4d746"),
            StatsUrl = new Uri("http://yoursite.com/2Vv~s"),
            ShortUrl = "2Vv",
            Hash = "2f4105bc2c626232544275c2d890168b",
            UniqueHash = "60b0be7e3b18de9a3f00d940a8e5a9834c6cdc0f49d40af64973be5ca504c4fd",
            DeleteHash = "41efa710444abad11a8f4b5a90e4d746",
            UrlHtml = "<a href=\"http://yoursite.com/2Vv\" target=\"_blank\" title=\"View image on File Upload Script\">view sample4_l (1).jpg on File Upload Script</a>",
            UrlBbCode = "[url]http://yoursite.com/2Vv[/url]",
        }, file);
        Assert.True(content.CanRead, "the caller's stream stays open");
    }

    [Fact]
    public async Task UploadAsync_IntoAFolder_SendsFolderId()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        using var content = new MemoryStream([1, 2, 3]);

        await client.Files.UploadAsync(content, "a.bin", new FolderId(125), cancellationToken: Cancel);

        var parts = ApiServer.MultipartOf(Assert.Single(api.RequestsTo("file/upload")));
        Assert.Equal("125", parts.Single(p => p.Name == "folder_id").Text);
    }

    [Fact]
    public async Task UploadFileAsync_ExistingPath_SendsTheFileNameAndBytes()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        string directory = Directory.CreateTempSubdirectory("cg-upload-").FullName;
        string path = Path.Combine(directory, "Bericht für März.pdf");
        byte[] bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();
        await File.WriteAllBytesAsync(path, bytes, Cancel);
        try
        {
            await client.Files.UploadFileAsync(path, cancellationToken: Cancel);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var entry = Assert.Single(api.RequestsTo("file/upload"));
        Assert.NotNull(ApiServer.HeaderOf(entry, "Content-Length"));
        var filePart = ApiServer.MultipartOf(entry).Single(p => p.Name == "upload_file");
        Assert.Equal("Bericht für März.pdf", filePart.FileName);
        Assert.Equal(bytes, filePart.Content);
    }

    [Fact]
    public async Task GetDownloadLinkAsync_VendorSample_PostsFileIdAndReadsLink()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/download", VendorSamples.FileDownload);
        using var client = api.CreateClient();

        DownloadLink link = await client.Files.GetDownloadLinkAsync(new FileId(1253), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/download"], api.Paths());
        api.AssertFormPost("file/download", ApiServer.WithSession(("file_id", "1253")));
        Assert.Equal(new DownloadLink
        {
            FileId = new FileId(1253),
            FileName = "sample4_l.jpg",
            DownloadUrl = new Uri("http://yoursite.com/2Vv?download_token=c3e6289a23e9819d8663569da96087d0760ccc46d0f3ddbe3f6930b261777067"),
        }, link);
    }

    [Fact]
    public async Task DownloadAsync_LinkOnTheServer_GetsTheUrlWithoutSessionFields()
    {
        using var api = new ApiServer().GivenAuthorize();
        string url = api.Server.Urls[0] + "/2Vv?download_token=c3e6289a";
        api.Given("file/download", $$"""{ "data": { "file_id": "1253", "filename": "sample4_l.jpg", "download_url": "{{url}}" }, "_status": "success", "_datetime": "…" }""");
        byte[] bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        api.Server.Given(Request.Create().WithPath("/2Vv").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody(bytes));
        using var client = api.CreateClient();
        using var destination = new MemoryStream();

        await client.Files.DownloadAsync(new FileId(1253), destination, cancellationToken: Cancel);

        Assert.Equal(bytes, destination.ToArray());
        Assert.Equal(["/api/v2/authorize", "/api/v2/file/download", "/2Vv"], api.Paths());
        var get = api.Server.LogEntries.Single(e => e.RequestMessage.AbsolutePath == "/2Vv");
        Assert.Equal("GET", get.RequestMessage.Method);
        Assert.Equal("?download_token=c3e6289a", get.RequestMessage.Url[get.RequestMessage.Url.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.True(string.IsNullOrEmpty(get.RequestMessage.Body));
    }

    [Fact]
    public async Task GetInfoAsync_VendorSample_PostsFileIdAndReadsFile()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/info", VendorSamples.FileInfo);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/info"], api.Paths());
        api.AssertFormPost("file/info", ApiServer.WithSession(("file_id", "1253")));
        Assert.Equal(new FileDetails { Id = new FileId(1253), FileName = "sample4_l.jpg", ShortUrl = "2Vv" }, file);
    }

    [Fact]
    public async Task EditAsync_EveryChange_PostsAllFieldsAndReadsFile()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/edit", VendorSamples.FileEdit);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.EditAsync(new FileId(1253),
            new FileChanges(FileName: "sample4.jpg", FileType: "image/jpeg", FolderId: new FolderId(125)), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/edit"], api.Paths());
        api.AssertFormPost("file/edit", ApiServer.WithSession(
            ("file_id", "1253"), ("filename", "sample4.jpg"), ("fileType", "image/jpeg"), ("folder_id", "125")));
        Assert.Equal(new FileDetails { Id = new FileId(1253), FileName = "sample4.jpg", ShortUrl = "2Vv" }, file);
    }

    [Fact]
    public async Task EditAsync_OnlyTheName_SendsTheOtherFieldsBlank()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/edit", VendorSamples.FileEdit);
        using var client = api.CreateClient();

        await client.Files.EditAsync(new FileId(1253), new FileChanges(FileName: "sample4.jpg"), Cancel);

        api.AssertFormPost("file/edit", ApiServer.WithSession(
            ("file_id", "1253"), ("filename", "sample4.jpg"), ("fileType", string.Empty), ("folder_id", string.Empty)));
    }

    [Fact]
    public async Task DeleteAsync_VendorSample_PostsFileIdAndReadsTrashedFile()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/delete", VendorSamples.FileDelete);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.DeleteAsync(new FileId(1253), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/delete"], api.Paths());
        api.AssertFormPost("file/delete", ApiServer.WithSession(("file_id", "1253")));
        Assert.Equal(new FileDetails { Id = new FileId(1253), FileName = "sample4.jpg", ShortUrl = "2Vv", Status = "trash" }, file);
    }

    [Fact]
    public async Task MoveAsync_VendorSample_PostsDestinationAndReadsFile()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/move", VendorSamples.FileMove);
        using var client = api.CreateClient();

        FileDetails file = await client.Files.MoveAsync(new FileId(1162), new FolderId(125), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/move"], api.Paths());
        api.AssertFormPost("file/move", ApiServer.WithSession(("file_id", "1162"), ("new_parent_folder_id", "125")));
        Assert.Equal(new FileDetails { Id = new FileId(1162), FileName = "button_back_over.gif", ShortUrl = "2U2" }, file);
    }

    [Fact]
    public async Task MoveAsync_ToRoot_SendsLiteralNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/move", VendorSamples.FileMove);
        using var client = api.CreateClient();

        await client.Files.MoveAsync(new FileId(1162), null, Cancel);

        api.AssertFormPost("file/move", ApiServer.WithSession(("file_id", "1162"), ("new_parent_folder_id", "null")));
    }

    [Fact]
    public async Task CopyAsync_VendorSample_PostsDestinationAndReadsOriginalAndCopy()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/copy", VendorSamples.FileCopy);
        using var client = api.CreateClient();

        FileCopyResult result = await client.Files.CopyAsync(new FileId(1162), new FolderId(125), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/file/copy"], api.Paths());
        api.AssertFormPost("file/copy", ApiServer.WithSession(("file_id", "1162"), ("copy_to_folder_id", "125")));
        Assert.Equal(new FileCopyResult
        {
            Original = new FileDetails { Id = new FileId(1162), FileName = "button_back_over.gif", ShortUrl = "2U2" },
            Copy = new FileDetails { Id = new FileId(1254), FileName = "button_back_over.gif", ShortUrl = "2Vw" },
        }, result);
    }

    [Fact]
    public async Task CopyAsync_ToRoot_SendsLiteralNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/copy", VendorSamples.FileCopy);
        using var client = api.CreateClient();

        await client.Files.CopyAsync(new FileId(1162), null, Cancel);

        api.AssertFormPost("file/copy", ApiServer.WithSession(("file_id", "1162"), ("copy_to_folder_id", "null")));
    }
}

using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task FileInfo_SendsFormWithTokenAndParsesRecord()
    {
        using var api = new ApiServer().GivenAuthorize()
            .Given("file/info", """{"data":{"id":"1253","filename":"sample4_l.jpg","shortUrl":"2Vv","fileSize":"149084","status":"active","folderId":null,"uploadedDate":"2024-11-28 22:52:06"},"_status":"success","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        FileDetails file = await client.Files.GetInfoAsync(new FileId(1253), TestContext.Current.CancellationToken);

        Assert.Equal(new FileId(1253), file.Id);
        Assert.Equal(149084, file.FileSize);
        Assert.Null(file.FolderId);
        Assert.Equal(new DateTimeOffset(2024, 11, 28, 22, 52, 6, TimeSpan.Zero), file.UploadedDate);
        var form = ApiServer.FormOf(Assert.Single(api.RequestsTo("file/info")));
        Assert.Equal("1253", form["file_id"]);
        Assert.Equal(ApiServer.Token, form["access_token"]);
        Assert.Equal(ApiServer.AccountId, form["account_id"]);
        var auth = ApiServer.FormOf(Assert.Single(api.RequestsTo("authorize")));
        Assert.Equal(ApiServer.Key1, auth["key1"]);
    }

    [Fact]
    public async Task Upload_SendsMultipartWithRawUtf8NameAndContentLength()
    {
        using var api = new ApiServer().GivenAuthorize()
            .Given("file/upload", """{"response":"File uploaded","data":[{"name":"ünï €.txt","size":"5","file_id":"7","error":null}],"_status":"success"}""");
        using var client = api.CreateClient();
        using var content = new MemoryStream("hello"u8.ToArray());

        UploadedFile file = await client.Files.UploadAsync(content, "ünï €.txt", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new FileId(7), file.FileId);
        var entry = Assert.Single(api.RequestsTo("file/upload"));
        Assert.True(entry.RequestMessage.Headers!.ContainsKey("Content-Length"));
        string body = System.Text.Encoding.UTF8.GetString(entry.RequestMessage.BodyAsBytes!);
        Assert.Contains("filename=\"ünï €.txt\"", body, StringComparison.Ordinal);
        Assert.Contains("name=\"access_token\"\r\n\r\n" + ApiServer.Token, body, StringComparison.Ordinal);
        Assert.True(content.CanRead, "the caller's stream stays open");
    }
}

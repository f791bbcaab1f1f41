using System.Text;
using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>"What deployed servers really do", the upload bullets: raw UTF-8 file names, Content-Length, the <c>data</c> array and its errors.</summary>
public sealed class UploadQuirkTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadAsync_UnicodeNameWithQuoteAndBackslash_SendsRawUtf8QuotedName()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        using var content = new MemoryStream([1, 2, 3]);
        const string name = "ünï \"quoted\" back\\slash €漢字.txt";

        await client.Files.UploadAsync(content, name, cancellationToken: Cancel);

        var entry = Assert.Single(api.RequestsTo("file/upload"));
        var filePart = ApiServer.MultipartOf(entry).Single(p => p.Name == "upload_file");
        Assert.Contains("filename=\"ünï \\\"quoted\\\" back\\\\slash €漢字.txt\"", filePart.Headers, StringComparison.Ordinal);
        Assert.Equal(name, filePart.FileName);
        Assert.DoesNotContain("filename*", filePart.Headers, StringComparison.Ordinal);
        Assert.DoesNotContain("=?utf-8?", filePart.Headers, StringComparison.OrdinalIgnoreCase);
        byte[] body = entry.RequestMessage.BodyAsBytes!;
        Assert.True(body.AsSpan().IndexOf(Encoding.UTF8.GetBytes("€漢字.txt")) >= 0, "the name's UTF-8 bytes are in the body as they are");
    }

    [Fact]
    public async Task UploadAsync_SeekableStream_SendsContentLengthNotChunked()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        using var content = new MemoryStream(new byte[200_000]);

        await client.Files.UploadAsync(content, "zeros.bin", cancellationToken: Cancel);

        var entry = Assert.Single(api.RequestsTo("file/upload"));
        Assert.Equal(entry.RequestMessage.BodyAsBytes!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ApiServer.HeaderOf(entry, "Content-Length"));
        Assert.Null(ApiServer.HeaderOf(entry, "Transfer-Encoding"));
        Assert.Equal(200_000, ApiServer.MultipartOf(entry).Single(p => p.Name == "upload_file").Content.Length);
    }

    [Fact]
    public async Task UploadAsync_StreamNotAtStart_SendsTheRestWithItsLength()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        using var content = new MemoryStream("skipTHE REST"u8.ToArray());
        content.Position = 4;

        await client.Files.UploadAsync(content, "rest.txt", cancellationToken: Cancel);

        var entry = Assert.Single(api.RequestsTo("file/upload"));
        Assert.Equal("THE REST", ApiServer.MultipartOf(entry).Single(p => p.Name == "upload_file").Text);
        Assert.Equal(entry.RequestMessage.BodyAsBytes!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ApiServer.HeaderOf(entry, "Content-Length"));
    }

    [Fact]
    public async Task UploadAsync_DidNotReceiveUploadedFile_ThrowsInvalidArgumentWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload",
            """{"status":"error","response":"Did not receive uploaded file.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();
        using var content = new MemoryStream([1]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Did not receive uploaded file.", error.ServerMessage);
        Assert.Equal("file/upload", error.Endpoint);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task UploadAsync_DemoMode_ThrowsForbiddenWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload",
            """{"status":"error","response":"This API feature is not available in demo mode.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();
        using var content = new MemoryStream([1]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Equal("This API feature is not available in demo mode.", error.ServerMessage);
    }

    [Fact]
    public async Task UploadAsync_ErrorOnUrl_ThrowsWithTheServerTextVerbatim()
    {
        const string text = "Error on: http://yoursite.com/ajax/file_upload_handler. Error uploading file. No response received from: http://yoursite.com/ajax/file_upload_handler";
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", $$"""{"status":"error","response":"{{text}}","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();
        using var content = new MemoryStream([1]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(text, error.ServerMessage);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadAsync_DataItemWithError_ThrowsWithTheItemsErrorText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", """
            {"response":"File uploaded","data":[{"name":"a.bin","size":"0","type":"application/octet-stream","error":"Filesize received was zero.","url":null,"file_id":null}],"_status":"success","_datetime":"2024-11-28 22:52:06"}
            """);
        using var client = api.CreateClient();
        using var content = new MemoryStream([1]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Filesize received was zero.", error.ServerMessage);
        Assert.Equal("file/upload", error.Endpoint);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task UploadAsync_EmptyDataArray_ThrowsUnexpectedResponse()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", """{"response":"File uploaded","data":[],"_status":"success"}""");
        using var client = api.CreateClient();
        using var content = new MemoryStream([1]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.bin", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task UploadAsync_FolderIdZero_SendsBlankForTheRoot()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/upload", VendorSamples.FileUpload);
        using var client = api.CreateClient();
        using var content = new MemoryStream([1]);

        await client.Files.UploadAsync(content, "a.bin", new FolderId(0), cancellationToken: Cancel);

        var parts = ApiServer.MultipartOf(Assert.Single(api.RequestsTo("file/upload")));
        Assert.Equal(string.Empty, parts.Single(p => p.Name == "folder_id").Text);
    }
}

using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>"What deployed servers really do", the folder and copy bullets: the folder errors that do not say "Could not find", /file/copy's shape.</summary>
public sealed class FolderQuirkTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteAsync_FailedDeletingTheFolder_ThrowsNotFoundWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/delete",
            """{"status":"error","response":"Failed deleting the folder.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.DeleteAsync(new FolderId(999), Cancel));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Failed deleting the folder.", error.ServerMessage);
        Assert.Equal("folder/delete", error.Endpoint);
    }

    [Fact]
    public async Task MoveAsync_FailedMovingTheFolder_ThrowsNotFoundWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/move",
            """{"status":"error","response":"Failed moving the folder.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.MoveAsync(new FolderId(999), new FolderId(1), Cancel));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Failed moving the folder.", error.ServerMessage);
    }

    [Fact]
    public async Task MoveAsync_IntoItself_ThrowsInvalidArgumentWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/move",
            """{"status":"error","response":"Param folder_id can not match new_parent_folder_id.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.MoveAsync(new FolderId(117), new FolderId(117), Cancel));

        Assert.Equal(UploadErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("Param folder_id can not match new_parent_folder_id.", error.ServerMessage);
    }

    [Fact]
    public async Task MoveAsync_DestinationMissing_ThrowsNotFoundWithTheServerText()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/move",
            """{"status":"error","response":"Could not find the destination folder id defined by new_parent_folder_id.","_datetime":"2024-11-28 22:52:06"}""");
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.MoveAsync(new FolderId(117), new FolderId(5), Cancel));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal("Could not find the destination folder id defined by new_parent_folder_id.", error.ServerMessage);
    }

    [Fact]
    public async Task DeleteAsync_SuccessWithoutData_Succeeds()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/delete", """{"response":"Folder successfully set as deleted.","_status":"success"}""");
        using var client = api.CreateClient();

        await client.Folders.DeleteAsync(new FolderId(118), Cancel);

        Assert.Single(api.RequestsTo("folder/delete"));
    }

    [Fact]
    public async Task CopyAsync_OriginalAndNewFileWithoutTopLevelData_ReadsBoth()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/copy", """
            {"response":"File successfully copyied.","original_file":{"data":{"id":"1162","filename":"a.gif","file_status":"active","folderId":"7"}},"new_file":{"data":{"id":1254,"filename":"a.gif","file_status":"active","folderId":null}},"_status":"success"}
            """);
        using var client = api.CreateClient();

        FileCopyResult result = await client.Files.CopyAsync(new FileId(1162), null, Cancel);

        Assert.Equal(new FileDetails { Id = new FileId(1162), FileName = "a.gif", Status = "active", FolderId = new FolderId(7) }, result.Original);
        Assert.Equal(new FileDetails { Id = new FileId(1254), FileName = "a.gif", Status = "active" }, result.Copy);
    }

    [Fact]
    public async Task CopyAsync_NewFileMissing_ThrowsUnexpectedResponse()
    {
        using var api = new ApiServer().GivenAuthorize().Given("file/copy", """
            {"response":"File successfully copyied.","original_file":{"data":{"id":"1162","filename":"a.gif"}},"_status":"success"}
            """);
        using var client = api.CreateClient();

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.CopyAsync(new FileId(1162), null, Cancel));

        Assert.Equal(UploadErrorKind.UnexpectedResponse, error.Kind);
        Assert.Equal("file/copy", error.Endpoint);
    }
}

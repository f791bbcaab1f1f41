using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>Arguments that cannot be valid fail with an ArgumentException (or FileNotFound/DirectoryNotFound) before any request is sent.</summary>
public sealed class ArgumentValidationTests : IDisposable
{
    private readonly ApiServer api = new ApiServer().GivenAuthorize();
    private readonly UploadClient client;

    public ArgumentValidationTests()
    {
        client = api.CreateClient();
    }

    public static TheoryData<string> BadNames => new() { "", " ", "\t", "line\nbreak", "carriage\rreturn", "nul\0char", "bell\u0007" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        client.Dispose();
        api.Dispose();
    }

    [Fact]
    public async Task UploadAsync_NullStream_ThrowsArgumentNullWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Files.UploadAsync(null!, "a.txt", cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task UploadAsync_DisposedStream_ThrowsArgumentWithoutSending()
    {
        var closed = new MemoryStream([1, 2, 3]);
        await closed.DisposeAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Files.UploadAsync(closed, "a.txt", cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task UploadAsync_WriteOnlyStream_ThrowsArgumentWithoutSending()
    {
        string path = Path.GetTempFileName();
        try
        {
            await using var writeOnly = new FileStream(path, FileMode.Open, FileAccess.Write);

            await Assert.ThrowsAsync<ArgumentException>(() => client.Files.UploadAsync(writeOnly, "a.txt", cancellationToken: Cancel));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task UploadAsync_BadFileName_ThrowsArgumentWithoutSending(string name)
    {
        using var content = new MemoryStream([1]);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Files.UploadAsync(content, name, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task UploadAsync_NullFileName_ThrowsArgumentNullWithoutSending()
    {
        using var content = new MemoryStream([1]);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Files.UploadAsync(content, null!, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task UploadAsync_NegativeFolderId_ThrowsArgumentOutOfRangeWithoutSending()
    {
        using var content = new MemoryStream([1]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Files.UploadAsync(content, "a.txt", new FolderId(-1), cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task UploadFileAsync_MissingPath_ThrowsFileNotFoundWithoutSending()
    {
        string missing = Path.Combine(Path.GetTempPath(), "cg-missing-" + Guid.NewGuid().ToString("N"), "nothing.bin");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => client.Files.UploadFileAsync(missing, cancellationToken: Cancel));

        Assert.Equal(missing, error.FileName);
        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task UploadFileAsync_BlankPath_ThrowsArgumentWithoutSending(string? path)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Files.UploadFileAsync(path!, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task DownloadToFileAsync_MissingFolder_ThrowsDirectoryNotFoundWithoutSending()
    {
        string target = Path.Combine(Path.GetTempPath(), "cg-missing-" + Guid.NewGuid().ToString("N"), "out.bin");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => client.Files.DownloadToFileAsync(new FileId(1253), target, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task DownloadAsync_NullDestination_ThrowsArgumentNullWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Files.DownloadAsync(new FileId(1253), null!, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task DownloadAsync_ReadOnlyDestination_ThrowsArgumentWithoutSending()
    {
        using var readOnly = new MemoryStream(new byte[10], writable: false);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Files.DownloadAsync(new FileId(1253), readOnly, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [InlineData("info", 0)]
    [InlineData("info", -5)]
    [InlineData("download-link", 0)]
    [InlineData("download", -1)]
    [InlineData("edit", 0)]
    [InlineData("delete", -1)]
    [InlineData("move", 0)]
    [InlineData("copy", -1)]
    public async Task FileCall_ZeroOrNegativeFileId_ThrowsArgumentOutOfRangeWithoutSending(string call, long id)
    {
        var fileId = new FileId(id);
        using var destination = new MemoryStream();
        Func<Task> act = call switch
        {
            "info" => () => client.Files.GetInfoAsync(fileId, Cancel),
            "download-link" => () => client.Files.GetDownloadLinkAsync(fileId, Cancel),
            "download" => () => client.Files.DownloadAsync(fileId, destination, cancellationToken: Cancel),
            "edit" => () => client.Files.EditAsync(fileId, new FileChanges(FileName: "a"), Cancel),
            "delete" => () => client.Files.DeleteAsync(fileId, Cancel),
            "move" => () => client.Files.MoveAsync(fileId, null, Cancel),
            "copy" => () => client.Files.CopyAsync(fileId, null, Cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(act);

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [InlineData("info", 0)]
    [InlineData("info", -1)]
    [InlineData("edit", 0)]
    [InlineData("delete", -1)]
    [InlineData("move", 0)]
    [InlineData("list", -1)]
    [InlineData("create-parent", -1)]
    public async Task FolderCall_BadFolderId_ThrowsArgumentOutOfRangeWithoutSending(string call, long id)
    {
        var folderId = new FolderId(id);
        Func<Task> act = call switch
        {
            "info" => () => client.Folders.GetInfoAsync(folderId, Cancel),
            "edit" => () => client.Folders.EditAsync(folderId, new FolderChanges(FolderName: "a"), Cancel),
            "delete" => () => client.Folders.DeleteAsync(folderId, Cancel),
            "move" => () => client.Folders.MoveAsync(folderId, null, Cancel),
            "list" => () => client.Folders.ListAsync(folderId, Cancel),
            "create-parent" => () => client.Folders.CreateAsync("a", folderId, cancellationToken: Cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(act);

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [InlineData("file-move")]
    [InlineData("file-copy")]
    [InlineData("folder-move")]
    public async Task Move_NegativeDestination_ThrowsArgumentOutOfRangeWithoutSending(string call)
    {
        Func<Task> act = call switch
        {
            "file-move" => () => client.Files.MoveAsync(new FileId(1), new FolderId(-2), Cancel),
            "file-copy" => () => client.Files.CopyAsync(new FileId(1), new FolderId(-2), Cancel),
            "folder-move" => () => client.Folders.MoveAsync(new FolderId(1), new FolderId(-2), Cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(act);

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task FilesEditAsync_NoChange_ThrowsArgumentWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => client.Files.EditAsync(new FileId(1), new FileChanges(), Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task FilesEditAsync_NullChanges_ThrowsArgumentNullWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Files.EditAsync(new FileId(1), null!, Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("two\nlines")]
    public async Task FilesEditAsync_BadNewName_ThrowsArgumentWithoutSending(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => client.Files.EditAsync(new FileId(1), new FileChanges(FileName: name), Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task FoldersEditAsync_NoChange_ThrowsArgumentWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => client.Folders.EditAsync(new FolderId(1), new FolderChanges(), Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task FoldersEditAsync_NullChanges_ThrowsArgumentNullWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Folders.EditAsync(new FolderId(1), null!, Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task FoldersCreateAsync_BadName_ThrowsArgumentWithoutSending(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => client.Folders.CreateAsync(name, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task FoldersCreateAsync_NullName_ThrowsArgumentNullWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Folders.CreateAsync(null!, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task FoldersCreateAsync_UndefinedVisibility_ThrowsArgumentOutOfRangeWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Folders.CreateAsync("a", visibility: (FolderVisibility)7, cancellationToken: Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task AdminCreateAccountAsync_BlankPassword_ThrowsArgumentWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => client.Admin.CreateAccountAsync(new NewAccount { Username = "jane", Password = "", Email = "[email protected]" }, Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task AdminEditAccountAsync_NoChange_ThrowsArgumentWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => client.Admin.EditAccountAsync(2001, new AccountChanges(), Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task AdminDeleteAccountAsync_BadAccountId_ThrowsArgumentOutOfRangeWithoutSending(long accountId)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Admin.DeleteAccountAsync(accountId, Cancel));

        Assert.Empty(api.Server.LogEntries);
    }

    [Fact]
    public async Task UploadAsync_KnownPackageForbidsUploads_ThrowsForbiddenWithoutSendingTheFile()
    {
        api.Given("account/package", """{"data":{"id":"1","label":"Read only","can_upload":"0"},"_status":"success"}""");
        await client.Account.GetPackageAsync(Cancel);
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.txt", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Empty(api.RequestsTo("file/upload"));
    }

    [Fact]
    public async Task UploadAsync_LargerThanTheKnownPackageAllows_ThrowsForbiddenWithoutSendingTheFile()
    {
        api.Given("account/package", """{"data":{"id":"1","label":"Tiny","can_upload":"1","max_upload_size":"2"},"_status":"success"}""");
        await client.Account.GetPackageAsync(Cancel);
        using var content = new MemoryStream([1, 2, 3]);

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(content, "a.txt", cancellationToken: Cancel));

        Assert.Equal(UploadErrorKind.Forbidden, error.Kind);
        Assert.Empty(api.RequestsTo("file/upload"));
    }
}

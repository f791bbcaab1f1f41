namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class ValidationTests
{
    [Fact]
    public async Task UploadDirectory_MissingLocalDirectory_ThrowsBeforeAnyRequest()
    {
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => client.Transfers.UploadDirectoryAsync(
            Path.Combine(Path.GetTempPath(), "cg-no-such-" + Guid.NewGuid().ToString("N")), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Empty(server.Journal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task UploadDirectory_EmptyPath_ThrowsArgumentExceptionBeforeAnyRequest(string path)
    {
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Transfers.UploadDirectoryAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Empty(server.Journal);
    }

    [Fact]
    public async Task UploadDirectory_NegativeConcurrencyOrUnknownPolicy_ThrowsBeforeAnyRequest()
    {
        using var tree = SampleTree.Create(fileCount: 1, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        CancellationToken ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Transfers.UploadDirectoryAsync(tree.Top, null, new DirectoryTransferOptions { MaxConcurrency = -1 }, cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Transfers.UploadDirectoryAsync(tree.Top, null, new DirectoryTransferOptions { ExistingFiles = (ExistingFilePolicy)7 }, cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Transfers.UploadDirectoryAsync(tree.Top, new FolderId(-3), cancellationToken: ct));

        Assert.Empty(server.Journal);
    }

    [Fact]
    public async Task DownloadFolder_IntoAPathThatIsAFile_ThrowsBeforeAnyRequest()
    {
        using var tree = SampleTree.Create(fileCount: 1, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.Transfers.DownloadFolderAsync(null, tree.LocalPath(tree.Files.Keys.First()), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Empty(server.Journal);
    }

    [Fact]
    public async Task UploadDirectory_DestinationFolderMissing_ThrowsNotFoundAndSendsNothing()
    {
        using var tree = SampleTree.Create(fileCount: 3, levels: 2);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        UploadApiException error = await Assert.ThrowsAsync<UploadApiException>(() => client.Transfers.UploadDirectoryAsync(tree.Top, new FolderId(99999), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal(0, server.Journal.CountOf("file/upload"));
        Assert.Equal(0, server.Journal.CountOf("folder/create"));
    }

    [Fact]
    public async Task DownloadFolder_SourceFolderMissing_ThrowsNotFoundAndWritesNothing()
    {
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        string target = Path.Combine(tree.Root, "never-made");

        UploadApiException error = await Assert.ThrowsAsync<UploadApiException>(() => client.Transfers.DownloadFolderAsync(new FolderId(99999), target, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task UploadDirectory_WrongKeys_ThrowsAuthentication()
    {
        using var tree = SampleTree.Create(fileCount: 3, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient(o => o.Key1 = new string('x', 64));

        UploadApiException error = await Assert.ThrowsAsync<UploadApiException>(() => client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(UploadErrorKind.Authentication, error.Kind);
        Assert.Equal(0, server.Journal.CountOf("file/upload"));
    }
}

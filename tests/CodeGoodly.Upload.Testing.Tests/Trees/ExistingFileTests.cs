namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class ExistingFileTests
{
    private static readonly byte[] Old = [1, 2, 3];
    private static readonly byte[] Longer = [9, 9, 9, 9, 9];
    private static readonly byte[] SameLength = [7, 7, 7];

    [Fact]
    public async Task UploadDirectory_SameNameOtherSize_UploadsTheNewOneThenDeletesTheOld()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", Old);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        FileId oldId = (await RemoteTree.FilesAsync(client, null, ct))["report.txt"].Id;
        tree.Add("report.txt", Longer);
        server.Journal.Clear();

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string[] fileCalls = [.. server.Journal.Where(e => e.Endpoint.StartsWith("file/", StringComparison.Ordinal)).Select(e => e.Endpoint)];

        Assert.Equal(["report.txt"], result.Transferred);
        FileDetails now = Assert.Single((await RemoteTree.FilesAsync(client, null, ct)).Values);
        Assert.Equal(Longer, server.GetFileContent(now.Id));
        Assert.Equal("trash", (await client.Files.GetInfoAsync(oldId, ct)).Status);
        // The server stores the new upload as "report (2).txt" while the old one exists: it is renamed back once the old one is gone.
        Assert.Equal(["file/upload", "file/delete", "file/edit"], fileCalls);
        Assert.Equal(oldId.ToString(), server.Journal.For("file/delete")[0].Fields["file_id"]);
    }

    [Fact]
    public async Task UploadDirectory_ReplaceWithSameSize_UploadsAgainAndDeletesTheOld()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", Old);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        tree.Add("report.txt", SameLength);

        DirectoryTransferResult skipped = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        DirectoryTransferResult replaced = await client.Transfers.UploadDirectoryAsync(tree.Top,
            options: new DirectoryTransferOptions { ExistingFiles = ExistingFilePolicy.Replace }, cancellationToken: ct);

        Assert.Equal(["report.txt"], skipped.Skipped);
        Assert.Equal(["report.txt"], replaced.Transferred);
        FileDetails now = Assert.Single((await RemoteTree.FilesAsync(client, null, ct)).Values);
        Assert.Equal(SameLength, server.GetFileContent(now.Id));
        Assert.Equal(2, server.Journal.CountOf("file/upload"));
        Assert.Equal(1, server.Journal.CountOf("file/delete"));
    }

    [Fact]
    public async Task UploadDirectory_KeepBoth_StoresTheNewFileAsNameWithANumber()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", Old);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        var keepBoth = new DirectoryTransferOptions { ExistingFiles = ExistingFilePolicy.KeepBoth };

        await client.Transfers.UploadDirectoryAsync(tree.Top, options: keepBoth, cancellationToken: ct);
        DirectoryTransferResult third = await client.Transfers.UploadDirectoryAsync(tree.Top, options: keepBoth, cancellationToken: ct);

        Assert.Equal(["report.txt"], third.Transferred);
        Dictionary<string, FileDetails> stored = await RemoteTree.FilesAsync(client, null, ct);
        Assert.Equal(["report (2).txt", "report (3).txt", "report.txt"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.All(stored.Values, file => Assert.Equal(Old, server.GetFileContent(file.Id)));
        Assert.Equal(0, server.Journal.CountOf("file/delete"));
        Assert.Equal(["report.txt", "report (2).txt", "report (3).txt"], server.Journal.For("file/upload").Select(e => e.FileName));
    }

    [Fact]
    public async Task DownloadFolder_SameNameOtherSize_ReplacesTheLocalFile()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", Longer);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string target = tree.NewDirectory("restored");
        File.WriteAllBytes(Path.Combine(target, "report.txt"), Old);

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Equal(["report.txt"], result.Transferred);
        Assert.Equal(Longer, File.ReadAllBytes(Path.Combine(target, "report.txt")));
    }

    [Fact]
    public async Task DownloadFolder_SameNameSameSize_SkipsByDefaultAndReplacesOnRequest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", Old);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string target = tree.NewDirectory("restored");
        string local = Path.Combine(target, "report.txt");
        File.WriteAllBytes(local, SameLength);

        DirectoryTransferResult skipped = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);
        byte[] afterSkip = File.ReadAllBytes(local);
        DirectoryTransferResult replaced = await client.Transfers.DownloadFolderAsync(null, target,
            new DirectoryTransferOptions { ExistingFiles = ExistingFilePolicy.Replace }, cancellationToken: ct);

        Assert.Equal(["report.txt"], skipped.Skipped);
        Assert.Equal(SameLength, afterSkip);
        Assert.Equal(["report.txt"], replaced.Transferred);
        Assert.Equal(Old, File.ReadAllBytes(local));
        Assert.Equal(1, server.Journal.CountOf("file/download"));
    }

    [Fact]
    public async Task DownloadFolder_KeepBoth_WritesTheNewFileAsNameWithANumber()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", Old);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string target = tree.NewDirectory("restored");
        File.WriteAllBytes(Path.Combine(target, "report.txt"), Old);
        File.WriteAllBytes(Path.Combine(target, "report (2).txt"), Longer);

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target,
            new DirectoryTransferOptions { ExistingFiles = ExistingFilePolicy.KeepBoth }, cancellationToken: ct);

        Assert.Equal(["report (3).txt"], result.Transferred);
        Assert.Equal(Old, File.ReadAllBytes(Path.Combine(target, "report (3).txt")));
        Assert.Equal(Longer, File.ReadAllBytes(Path.Combine(target, "report (2).txt")));
        Assert.Equal(Old, File.ReadAllBytes(Path.Combine(target, "report.txt")));
    }

    [Fact]
    public async Task DownloadFolder_TwoRemoteFilesWithOneName_DownloadsTheFirstAndReportsTheOther()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        UploadedFile first = await client.Files.UploadAsync(new MemoryStream(Old), "same.txt", cancellationToken: ct);
        // The server stores a second upload of a name as "same (2).txt"; a rename may still give two files one name.
        UploadedFile second = await client.Files.UploadAsync(new MemoryStream(Longer), "other.txt", cancellationToken: ct);
        await client.Files.EditAsync(second.FileId, new FileChanges(FileName: "same.txt"), ct);
        string target = tree.NewDirectory("restored");

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Equal(["same.txt"], result.Transferred);
        FileTransferFailure failure = Assert.Single(result.Failed);
        Assert.Equal("same.txt", failure.RelativePath);
        Assert.Contains($"file:{first.FileId}, file:{second.FileId}", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Journal.CountOf("file/download"));
    }
}

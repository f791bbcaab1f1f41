namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class LinkTests
{
    [Fact]
    public async Task UploadDirectory_SymbolicLinksToAFileAndADirectory_AreNotFollowedAndAreListed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 2, levels: 1);
        string outside = tree.NewDirectory("outside");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "not for upload");
        File.CreateSymbolicLink(tree.LocalPath("link-to-file.txt"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(tree.LocalPath("link-to-dir"), outside);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);

        Assert.Equal(["link-to-dir", "link-to-file.txt"], result.LinksNotFollowed);
        Assert.Equal(tree.Files.Keys.Order(StringComparer.Ordinal), result.Transferred);
        Assert.Empty(result.Failed);
        Assert.DoesNotContain(server.Journal.For("file/upload"), e => e.FileName is "secret.txt" or "link-to-file.txt");
        Assert.DoesNotContain(server.Journal.For("folder/create"), e => e.Fields["folder_name"] == "link-to-dir");
    }

    [Fact]
    public async Task DownloadFolder_ALinkWhereAFileGoes_IsNotWrittenThrough()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("report.txt", [1, 2, 3, 4]);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string outside = tree.NewDirectory("outside");
        string victim = Path.Combine(outside, "victim.txt");
        File.WriteAllText(victim, "keep me");
        string target = tree.NewDirectory("restored");
        File.CreateSymbolicLink(Path.Combine(target, "report.txt"), victim);

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target,
            new DirectoryTransferOptions { ExistingFiles = ExistingFilePolicy.Replace }, cancellationToken: ct);

        FileTransferFailure failure = Assert.Single(result.Failed);
        Assert.Equal("report.txt", failure.RelativePath);
        Assert.Contains("symbolic link", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Equal(0, server.Journal.CountOf("file/download"));
    }

    [Fact]
    public async Task DownloadFolder_ALinkWhereADirectoryGoes_IsNotEntered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        tree.Add("docs/a.txt", [1, 2, 3]);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string outside = tree.NewDirectory("outside");
        string target = tree.NewDirectory("restored");
        Directory.CreateSymbolicLink(Path.Combine(target, "docs"), outside);

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Contains(result.Failed, f => f.RelativePath == "docs/");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task DownloadFolder_AFolderNamedDotDot_IsNotWrittenOutsideTheTarget()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        FolderDetails sneaky = await client.Folders.CreateAsync("..", cancellationToken: ct);
        await client.Files.UploadAsync(new MemoryStream([1, 2, 3]), "escaped.txt", sneaky.Id, cancellationToken: ct);
        await client.Files.UploadAsync(new MemoryStream([4, 5, 6]), "fine.txt", cancellationToken: ct);
        string target = tree.NewDirectory(Path.Combine("deep", "restored"));

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Equal(["fine.txt"], result.Transferred);
        Assert.Equal("../", Assert.Single(result.Failed).RelativePath);
        Assert.False(File.Exists(Path.Combine(tree.Root, "deep", "escaped.txt")));
    }
}

using System.Diagnostics;

namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class TreeRoundTripTests
{
    [Fact]
    public async Task UploadThenDownload_200FilesOver5LevelsWithUnicodeNames_ArriveByteForByte()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 200, levels: 5);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        FolderDetails backups = await client.Folders.CreateAsync("backups", cancellationToken: ct);
        var clock = Stopwatch.StartNew();

        DirectoryTransferResult up = await client.Transfers.UploadDirectoryAsync(tree.Top, backups.Id, cancellationToken: ct);
        string target = tree.NewDirectory("restored");
        DirectoryTransferResult down = await client.Transfers.DownloadFolderAsync(backups.Id, target, cancellationToken: ct);
        TestContext.Current.SendDiagnosticMessage($"200-file round trip: {clock.ElapsedMilliseconds} ms");

        // What the user sees: everything moved, nothing skipped or failed, the same tree back.
        Assert.Equal(200, up.Transferred.Count);
        Assert.Empty(up.Skipped);
        Assert.Empty(up.Failed);
        Assert.Equal(tree.Directories.Count, up.FoldersCreated);
        Assert.Equal(tree.TotalBytes, up.BytesTransferred);
        Assert.Equal(tree.Files.Keys.Order(StringComparer.Ordinal), up.Transferred);
        Assert.Equal(200, down.Transferred.Count);
        Assert.Empty(down.Failed);
        SampleTree.AssertSameFiles(tree.Files, target);
        Assert.Equal(tree.Directories.Order(StringComparer.Ordinal), SampleTree.ReadDirectories(target));

        // What reached the server: one upload per file, the folders (the empty one too), the bytes.
        Assert.Equal(200, server.Journal.CountOf("file/upload"));
        Assert.Equal(tree.Directories.Order(StringComparer.Ordinal), await RemoteTree.FoldersAsync(client, backups.Id, ct));
        Dictionary<string, byte[]> stored = await RemoteTree.ContentsAsync(server, client, backups.Id, ct);
        Assert.Equal(tree.Files.Keys.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.All(tree.Files, file => Assert.Equal(file.Value, stored[file.Key]));
    }

    [Fact]
    public async Task UploadDirectory_SecondRun_UploadsNothingAndSkipsEveryFile()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 30, levels: 3);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        int uploads = server.Journal.CountOf("file/upload");
        int folders = server.Journal.CountOf("folder/create");

        DirectoryTransferResult again = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);

        Assert.Empty(again.Transferred);
        Assert.Equal(30, again.Skipped.Count);
        Assert.Equal(0, again.FoldersCreated);
        Assert.Equal(uploads, server.Journal.CountOf("file/upload"));
        Assert.Equal(folders, server.Journal.CountOf("folder/create"));
    }

    [Fact]
    public async Task DownloadFolder_SecondRun_DownloadsNothing()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 20, levels: 3);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string target = tree.NewDirectory("restored");
        await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);
        int links = server.Journal.CountOf("file/download");

        DirectoryTransferResult again = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Empty(again.Transferred);
        Assert.Equal(20, again.Skipped.Count);
        Assert.Equal(links, server.Journal.CountOf("file/download"));
        SampleTree.AssertSameFiles(tree.Files, target);
    }

    [Fact]
    public async Task UploadDirectory_SomeUploadsRefused_TheRestArriveAndTheFailuresCarryTheServersWords()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 12, levels: 2);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        server.Faults.ApiError("file/upload", "Error on: http://upload.example/. The disk is full.", count: 3);

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);

        Assert.Equal(9, result.Transferred.Count);
        Assert.Equal(3, result.Failed.Count);
        Assert.False(result.Succeeded);
        Assert.All(result.Failed, failure => Assert.Equal("Error on: http://upload.example/. The disk is full.",
            Assert.IsType<UploadApiException>(failure.Error).ServerMessage));
        Dictionary<string, FileDetails> stored = await RemoteTree.FilesAsync(client, null, ct);
        Assert.Equal(result.Transferred, stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12, server.Journal.CountOf("file/upload")); // each file tried once

        // Running it again sends only the three that are missing.
        DirectoryTransferResult rerun = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        Assert.Equal(result.Failed.Select(f => f.RelativePath), rerun.Transferred);
        Assert.Equal(15, server.Journal.CountOf("file/upload"));
        Assert.Equal(tree.Files.Keys.Order(StringComparer.Ordinal), (await RemoteTree.FilesAsync(client, null, ct)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DownloadFolder_SomeDownloadsBroken_TheRestArriveAndNoPartialFileIsLeft()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 10, levels: 2);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient(o => o.MaxRetries = 0);
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        server.Faults.ApiError("file/download", "Could not generate download url.", count: 2);
        string target = tree.NewDirectory("restored");

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Equal(8, result.Transferred.Count);
        Assert.Equal(2, result.Failed.Count);
        Assert.All(result.Failed, failure => Assert.Equal("Could not generate download url.", Assert.IsType<UploadApiException>(failure.Error).ServerMessage));
        Dictionary<string, byte[]> written = SampleTree.Read(target);
        Assert.Equal(result.Transferred, written.Keys.Order(StringComparer.Ordinal));
        Assert.All(written, file => Assert.Equal(tree.Files[file.Key], file.Value));
    }

    [Fact]
    public async Task UploadThenDownload_EmptyDirectories_BecomeFoldersAndComeBack()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 0, levels: 3);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        DirectoryTransferResult up = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        string target = tree.NewDirectory("restored");
        DirectoryTransferResult down = await client.Transfers.DownloadFolderAsync(null, target, cancellationToken: ct);

        Assert.Equal(tree.Directories.Count, up.FoldersCreated);
        Assert.Equal(tree.Directories.Order(StringComparer.Ordinal), await RemoteTree.FoldersAsync(client, null, ct));
        Assert.Equal(tree.Directories.Count, down.FoldersCreated);
        Assert.Equal(tree.Directories.Order(StringComparer.Ordinal), SampleTree.ReadDirectories(target));
        Assert.Equal(0, server.Journal.CountOf("file/upload"));
    }

    [Fact]
    public async Task UploadDirectory_EmptyFile_FailsWithoutBeingSentAndTheRestArrive()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 3, levels: 1);
        tree.Add("empty.txt", []);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);

        FileTransferFailure failure = Assert.Single(result.Failed);
        Assert.Equal("empty.txt", failure.RelativePath);
        Assert.Contains("refuses empty files", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, result.Transferred.Count);
        Assert.Equal(3, server.Journal.CountOf("file/upload"));
    }

    [Fact]
    public async Task UploadDirectory_IntoAnExistingFolderTree_FindsFoldersByNameInsteadOfCreatingThem()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 4, levels: 2);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        foreach (string directory in tree.Directories)
        {
            await client.Folders.CreateAsync(directory, cancellationToken: ct); // every directory here is at the top level
        }

        int created = server.Journal.CountOf("folder/create");

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);

        Assert.Equal(0, result.FoldersCreated);
        Assert.Equal(created, server.Journal.CountOf("folder/create"));
        Assert.Equal(tree.Files.Keys.Order(StringComparer.Ordinal), (await RemoteTree.FilesAsync(client, null, ct)).Keys.Order(StringComparer.Ordinal));
    }
}

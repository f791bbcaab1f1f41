namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class CancellationTests
{
    [Fact]
    public async Task UploadDirectory_CancelledMidway_ThrowsAndARerunUploadsOnlyTheRest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 20, levels: 2);
        await using var server = FakeUploadServer.Start();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var http = new HttpClient(new CancelOnRequest(r => r.RequestUri!.AbsolutePath.EndsWith("/file/upload", StringComparison.Ordinal), 8, cancel));
        using var client = new UploadClient(http, server.Options);
        var options = new DirectoryTransferOptions { MaxConcurrency = 2 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Transfers.UploadDirectoryAsync(tree.Top, null, options, null, cancel.Token));
        await CancelOnRequest.SettledAsync(server, ct);
        Dictionary<string, FileDetails> afterCancel = await RemoteTree.FilesAsync(client, null, ct);
        int uploadsBefore = server.Journal.CountOf("file/upload");
        DirectoryTransferResult rerun = await client.Transfers.UploadDirectoryAsync(tree.Top, null, options, cancellationToken: ct);

        Assert.InRange(afterCancel.Count, 6, 7); // the 8th was never sent; the 7th may or may not have been stored
        Assert.Equal(afterCancel.Keys.Order(StringComparer.Ordinal), rerun.Skipped);
        Assert.Equal(20 - afterCancel.Count, rerun.Transferred.Count);
        Assert.Equal(20 - afterCancel.Count, server.Journal.CountOf("file/upload") - uploadsBefore);
        Dictionary<string, byte[]> stored = await RemoteTree.ContentsAsync(server, client, null, ct);
        Assert.Equal(tree.Files.Keys.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal)); // each once, none twice
        Assert.All(tree.Files, file => Assert.Equal(file.Value, stored[file.Key]));
    }

    [Fact]
    public async Task DownloadFolder_CancelledMidway_LeavesNoPartialFileAndARerunDownloadsOnlyTheRest()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 20, levels: 2);
        await using var server = FakeUploadServer.Start();
        using (UploadClient uploader = server.CreateClient())
        {
            await uploader.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        }

        string target = tree.NewDirectory("restored");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var http = new HttpClient(new CancelOnRequest(r => r.Method == HttpMethod.Get, 8, cancel));
        using var client = new UploadClient(http, server.Options);
        var options = new DirectoryTransferOptions { MaxConcurrency = 2 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Transfers.DownloadFolderAsync(null, target, options, null, cancel.Token));
        Dictionary<string, byte[]> afterCancel = SampleTree.Read(target);
        int linksBefore = server.Journal.CountOf("file/download");
        using UploadClient again = server.CreateClient();
        DirectoryTransferResult rerun = await again.Transfers.DownloadFolderAsync(null, target, options, cancellationToken: ct);

        Assert.All(afterCancel, file => Assert.Equal(tree.Files[file.Key], file.Value)); // whole files only, no .part file left
        Assert.InRange(afterCancel.Count, 6, 7);
        Assert.Equal(afterCancel.Keys.Order(StringComparer.Ordinal), rerun.Skipped);
        Assert.Equal(20 - afterCancel.Count, rerun.Transferred.Count);
        Assert.Equal(20 - afterCancel.Count, server.Journal.CountOf("file/download") - linksBefore);
        SampleTree.AssertSameFiles(tree.Files, target);
    }

    [Fact]
    public async Task DownloadFolder_CancelledWhileDownloadsWaitForTheServer_StopsAtOnceAndLeavesNoFile()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 6, levels: 1);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        server.Faults.Delay("download", TimeSpan.FromMinutes(5), count: 100);
        string target = tree.NewDirectory("restored");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        Task<DirectoryTransferResult> download = client.Transfers.DownloadFolderAsync(null, target, new DirectoryTransferOptions { MaxConcurrency = 2 }, null, cancel.Token);
        // The journal records a delayed GET only when it is answered, so wait for the links: the GETs follow them at once and wait.
        while (server.Journal.CountOf("file/download") < 2)
        {
            await Task.Delay(20, ct);
        }

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download.WaitAsync(TimeSpan.FromSeconds(20), ct)); // not the five minutes of the delay
        Assert.Empty(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories));
    }
}

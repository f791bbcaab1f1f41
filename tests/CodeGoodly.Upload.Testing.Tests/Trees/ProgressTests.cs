using System.Diagnostics;

namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class ProgressTests
{
    [Fact]
    public async Task UploadDirectory_Progress_IsSerializedNeverGoesBackAndEndsAtTheTotalsWithSkippedAndFailedFiles()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 40, levels: 3, maxSize: 64 * 1024);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Files.UploadAsync(new MemoryStream(tree.Files.First(f => !f.Key.Contains('/')).Value), tree.Files.First(f => !f.Key.Contains('/')).Key, cancellationToken: ct);
        server.Faults.ApiError("file/upload", "Error on: http://upload.example/. The disk is full.", count: 2);
        var progress = new RecordingProgress();
        var clock = Stopwatch.StartNew();

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, null,
            new DirectoryTransferOptions { MaxConcurrency = 8 }, progress, ct);
        TimeSpan elapsed = clock.Elapsed;

        IReadOnlyList<DirectoryTransferProgress> reports = progress.Reports;
        Assert.Single(result.Skipped);
        Assert.Equal(2, result.Failed.Count);
        Assert.False(progress.Overlapped);
        Assert.All(reports, r => Assert.Equal((40, tree.TotalBytes), (r.FilesTotal, r.BytesTotal)));
        Assert.All(reports.Zip(reports.Skip(1)), pair =>
        {
            Assert.True(pair.Second.FilesDone >= pair.First.FilesDone, $"files went back: {pair.First} then {pair.Second}");
            Assert.True(pair.Second.BytesDone >= pair.First.BytesDone, $"bytes went back: {pair.First} then {pair.Second}");
        });
        DirectoryTransferProgress last = reports[^1];
        Assert.Equal((40, 40, tree.TotalBytes, tree.TotalBytes), (last.FilesDone, last.FilesTotal, last.BytesDone, last.BytesTotal));
        Assert.Equal((0, 2), (last.FilesInFlight, last.FilesFailed));
        Assert.Equal(1, reports[0].FilesDone); // the skipped file is done from the start
        // At most 10 a second, plus the first and the last (a bound that only a faster clock could break, never a slower machine).
        Assert.True(reports.Count <= (elapsed.TotalSeconds * 10) + 2, $"{reports.Count} reports in {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task DownloadFolder_Progress_EndsAtTheTotals()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 15, levels: 2);
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        var progress = new RecordingProgress();

        await client.Transfers.DownloadFolderAsync(null, tree.NewDirectory("restored"), progress: progress, cancellationToken: ct);

        DirectoryTransferProgress last = progress.Reports[^1];
        Assert.Equal((15, 15, tree.TotalBytes, tree.TotalBytes), (last.FilesDone, last.FilesTotal, last.BytesDone, last.BytesTotal));
        Assert.False(progress.Overlapped);
    }
}

namespace CodeGoodly.Upload.Testing.Tests.Trees;

public sealed class ConcurrencyTests
{
    private static bool IsUpload(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/file/upload", StringComparison.Ordinal);

    private static bool IsDownloadGet(HttpRequestMessage request) => request.Method == HttpMethod.Get;

    [Fact]
    public async Task UploadDirectory_MaxConcurrency3_NeverHasMoreThan3UploadsInFlight()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 15, levels: 2);
        await using var server = FakeUploadServer.Start();
        var counter = new InFlightCounter(IsUpload, holdFirst: 3);
        using var http = new HttpClient(counter);
        using var client = new UploadClient(http, server.Options);

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top,
            options: new DirectoryTransferOptions { MaxConcurrency = 3 }, cancellationToken: ct);

        Assert.Equal(15, result.Transferred.Count);
        Assert.Equal(3, counter.MaxInFlight);
        Assert.Equal(15, server.Journal.CountOf("file/upload"));
    }

    [Fact]
    public async Task UploadDirectory_DefaultConcurrency_TakesThePackagesLimitUpTo16()
    {
        // The fake's package allows 100 concurrent uploads: the default takes that, capped at 16.
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 24, levels: 1);
        await using var server = FakeUploadServer.Start();
        var counter = new InFlightCounter(IsUpload, holdFirst: 16);
        using var http = new HttpClient(counter);
        using var client = new UploadClient(http, server.Options);

        DirectoryTransferResult result = await client.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);

        Assert.Equal(24, result.Transferred.Count);
        Assert.Equal(16, counter.MaxInFlight);
        Assert.Equal(1, server.Journal.CountOf("account/package"));
    }

    [Fact]
    public async Task DownloadFolder_DefaultConcurrencyWithAnUnlimitedPackage_Uses4()
    {
        // The fake's package says concurrent_downloads 0 (unlimited): the default is then 4.
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 12, levels: 1);
        await using var server = FakeUploadServer.Start();
        using (UploadClient uploader = server.CreateClient())
        {
            await uploader.Transfers.UploadDirectoryAsync(tree.Top, cancellationToken: ct);
        }

        var counter = new InFlightCounter(IsDownloadGet, holdFirst: 4);
        using var http = new HttpClient(counter);
        using var client = new UploadClient(http, server.Options);

        DirectoryTransferResult result = await client.Transfers.DownloadFolderAsync(null, tree.NewDirectory("restored"), cancellationToken: ct);

        Assert.Equal(12, result.Transferred.Count);
        Assert.Equal(4, counter.MaxInFlight);
    }

    [Fact]
    public async Task UploadDirectory_MaxConcurrency1_SendsOneFileAtATimeAndDoesNotReadThePackage()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var tree = SampleTree.Create(fileCount: 6, levels: 1);
        await using var server = FakeUploadServer.Start();
        var counter = new InFlightCounter(IsUpload, holdFirst: 1);
        using var http = new HttpClient(counter);
        using var client = new UploadClient(http, server.Options);

        await client.Transfers.UploadDirectoryAsync(tree.Top, options: new DirectoryTransferOptions { MaxConcurrency = 1 }, cancellationToken: ct);

        Assert.Equal(1, counter.MaxInFlight);
        Assert.Equal(0, server.Journal.CountOf("account/package"));
    }
}

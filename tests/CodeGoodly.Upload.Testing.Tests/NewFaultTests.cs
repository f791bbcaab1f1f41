using System.Net;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>The faults of large and broken transfers: stall, cut mid-body, lost answer, failure after acting, pace, redirect, a hook between attempts.</summary>
public sealed class NewFaultTests
{
    private const int KiB = 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Stall_OnARead_SdkGivesUpTheAttemptAndTheRetryIsAnswered(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        await client.Account.GetInfoAsync(Ct);
        server.Faults.Stall("folder/listing");

        await client.Folders.ListAsync(cancellationToken: Ct);

        var calls = server.Journal.For("folder/listing");
        Assert.Equal(2, calls.Count);
        Assert.Equal("Stall", calls[0].Fault);
        Assert.Equal(0, calls[0].StatusCode);
        Assert.Equal(200, calls[1].StatusCode);
    }

    [Fact]
    public async Task DropConnectionAfter_MidUpload_NothingStoredAndTheSdkSendsASeekableStreamAgain()
    {
        const long size = 48L * KiB * KiB; // far more than the socket buffers hold: the client is still sending when the cut comes
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.HashOnly });
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct);
        server.Faults.DropConnectionAfter("file/upload", 256 * KiB);

        UploadedFile uploaded = await client.Files.UploadAsync(new Pattern.Stream(size), "midway.bin", cancellationToken: Ct);

        Assert.Equal(Pattern.Md5(0, size), uploaded.Hash);
        Assert.Equal(["DropConnectionAfter(262144 bytes)", null], server.Journal.For("file/upload").Select(e => e.Fault));
        Assert.Equal(0, server.Journal.For("file/upload")[0].StatusCode);
        Assert.Single(server.Files);
    }

    [Fact]
    public async Task DropConnectionAfter_MidDownload_SdkResumesAndTheBytesMatch()
    {
        await using var server = FakeUploadServer.Start();
        byte[] bytes = Pattern.Bytes(0, 500_000);
        FileId file = server.AddFile("cut.bin", bytes);
        using var client = server.CreateClient();
        server.Faults.DropConnectionAfter(FakeUploadServer.DownloadEndpoint, 100_000);

        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(file, downloaded, cancellationToken: Ct);

        Assert.Equal(bytes, downloaded.ToArray());
        var gets = server.Journal.For(FakeUploadServer.DownloadEndpoint);
        Assert.Equal(["DropConnectionAfter(100000 bytes)", null], gets.Select(g => g.Fault));
        // The cut is a reset: the client keeps at most the 100,000 bytes sent before it (unread ones may be lost with it).
        string range = gets[1].Fields["range"];
        Assert.Matches("^bytes=[0-9]+-$", range);
        Assert.InRange(long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture), 1, 100_000);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task LoseAnswer_OnAWrite_TheApiActedAndTheSdkSaysOutcomeUnknown(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct);
        server.Faults.LoseAnswer("folder/create");

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.CreateAsync("Created anyway", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal("Created anyway", Assert.Single((await client.Folders.ListAsync(cancellationToken: Ct)).Folders).FolderName);
        FakeJournalEntry entry = Assert.Single(server.Journal.For("folder/create"));
        Assert.Equal("LoseAnswer", entry.Fault);
        Assert.Equal(0, entry.StatusCode);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.HashOnly)]
    public async Task LoseAnswer_OnAnUpload_StoredOnceAndNotSentAgain(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient(o => o.MaxRetries = 3);
        await client.Account.GetInfoAsync(Ct);
        server.Faults.LoseAnswer("file/upload");

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(new Pattern.Stream(KiB * KiB), "once.bin", cancellationToken: Ct));

        Assert.True(error.IsOutcomeUnknown);
        Assert.Equal(1, server.Journal.CountOf("file/upload"));
        Assert.Equal(KiB * KiB, Assert.Single(server.Files).Length);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.HashOnly)]
    public async Task FailAfterActing_OnAnUpload_StoredAndAnswered500_SdkSaysServerWithOutcomeUnknown(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient(o => o.MaxRetries = 3);
        server.Faults.FailAfterActing("file/upload");

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.UploadAsync(new Pattern.Stream(KiB * KiB), "once.bin", cancellationToken: Ct));

        Assert.Equal(UploadErrorKind.Server, error.Kind);
        Assert.Equal(500, error.HttpStatus);
        Assert.True(error.IsOutcomeUnknown);
        Assert.Single(server.Files);
        FakeJournalEntry entry = Assert.Single(server.Journal.For("file/upload"));
        Assert.Equal(("FailAfterActing(500)", 500), (entry.Fault, entry.StatusCode));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task FailNext_OnAnUpload_TurnedAwayAndNothingStored_TheSdkSendsItAgain(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        server.Faults.FailNext("file/upload", statusCode: 503, retryAfter: TimeSpan.Zero);

        UploadedFile uploaded = await client.Files.UploadAsync(new Pattern.Stream(2 * KiB * KiB), "again.bin", cancellationToken: Ct);

        Assert.Equal(Pattern.Md5(0, 2 * KiB * KiB), uploaded.Hash);
        Assert.Equal([503, 200], server.Journal.For("file/upload").Select(e => e.StatusCode));
        Assert.Single(server.Files);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Throttle_OnAnUploadWithSmallReceiveBuffers_ArrivesIntact(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage, ReceiveBufferSize = 64 * KiB });
        using var client = server.CreateClient();
        server.Faults.Throttle("file/upload", bytesPerSecond: 2 * KiB * KiB);

        UploadedFile uploaded = await client.Files.UploadAsync(new Pattern.Stream(300 * KiB), "slow.bin", cancellationToken: Ct);

        Assert.Equal(Pattern.Md5(0, 300 * KiB), uploaded.Hash);
        Assert.Equal("Throttle(2097152 B/s)", Assert.Single(server.Journal.For("file/upload")).Fault);
    }

    [Fact]
    public async Task Throttle_OnADownload_ArrivesIntact()
    {
        await using var server = FakeUploadServer.Start();
        byte[] bytes = Pattern.Bytes(7, 200_000);
        FileId file = server.AddFile("slow.bin", bytes);
        using var client = server.CreateClient();
        server.Faults.Throttle(FakeUploadServer.DownloadEndpoint, bytesPerSecond: 2 * KiB * KiB);

        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(file, downloaded, cancellationToken: Ct);

        Assert.Equal(bytes, downloaded.ToArray());
        Assert.Equal("Throttle(2097152 B/s)", Assert.Single(server.Journal.For(FakeUploadServer.DownloadEndpoint)).Fault);
    }

    [Fact]
    public async Task Redirect_OnADownloadWithoutLocation_PointsAtTheSameLinkAndTheSdkFollowsIt()
    {
        await using var server = FakeUploadServer.Start();
        byte[] bytes = Pattern.Bytes(0, 70_000);
        FileId file = server.AddFile("moved.bin", bytes);
        using var client = server.CreateClient();
        server.Faults.Redirect(FakeUploadServer.DownloadEndpoint);

        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(file, downloaded, cancellationToken: Ct);

        Assert.Equal(bytes, downloaded.ToArray());
        Assert.Equal([302, 200], server.Journal.For(FakeUploadServer.DownloadEndpoint).Select(g => g.StatusCode));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Redirect_OnAnApiCall_RawSeesTheLocationAndTheApiDoesNotAct(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var http = new HttpClient(server.CreateHttpHandler()); // follows no redirects
        server.Faults.Redirect("authorize", "https://elsewhere.example/api/v2/authorize", statusCode: 301);

        using var content = new FormUrlEncodedContent([new("key1", server.Key1), new("key2", server.Key2)]);
        using HttpResponseMessage response = await http.PostAsync(new Uri(server.BaseAddress, "authorize"), content, Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri("https://elsewhere.example/api/v2/authorize"), response.Headers.Location);
        Assert.Equal(0, server.ActiveTokenCount);
        Assert.Equal(("Redirect(301)", 301), (server.Journal[0].Fault, server.Journal[0].StatusCode));
    }

    [Fact]
    public async Task BeforeNext_RunsItsActionBeforeTheRequestIsAnswered()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        server.Faults.BeforeNext("folder/listing", () => server.AddFile("arrived meanwhile.txt", [1]));

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Ct);

        Assert.Equal("arrived meanwhile.txt", Assert.Single(listing.Files).FileName);
        Assert.Equal("BeforeNext", Assert.Single(server.Journal.For("folder/listing")).Fault);
    }

    [Fact]
    public async Task BeforeNext_FileReplacedBetweenTwoDownloadGets_TheResumeGetsTheWholeNewFile()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { SendDownloadValidators = true });
        FileId file = server.AddFile("changing.bin", Pattern.Bytes(0, 300_000));
        byte[] replacement = Pattern.Bytes(1000, 300_000); // same length, other bytes: only the ETag tells
        using var client = server.CreateClient();
        string directory = Directory.CreateTempSubdirectory("fake-faults-").FullName;
        try
        {
            server.Faults.DropConnectionAfter(FakeUploadServer.DownloadEndpoint, 100_000)
                .BeforeNext(FakeUploadServer.DownloadEndpoint, () => server.ReplaceFileContent(file, replacement));

            string target = Path.Combine(directory, "changing.bin");
            await client.Files.DownloadToFileAsync(file, target, cancellationToken: Ct);

            Assert.Equal(replacement, await File.ReadAllBytesAsync(target, Ct));
            var gets = server.Journal.For(FakeUploadServer.DownloadEndpoint);
            Assert.Equal(2, gets.Count);
            Assert.Equal("\"" + file.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-1\"", gets[1].Fields["if-range"]);
            Assert.Equal(200, gets[1].StatusCode); // the old version was named: the whole new file, not a part spliced onto the old one
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void NewFaults_BadArguments_ThrowBeforeArming()
    {
        using var server = FakeUploadServer.Start();
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.DropConnectionAfter("file/upload", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.Throttle("file/upload", bytesPerSecond: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.Redirect("download", statusCode: 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.FailAfterActing("file/upload", statusCode: 700));
        Assert.Throws<ArgumentNullException>(() => server.Faults.BeforeNext("download", null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Faults.Stall("file/upload", count: 0));
        Assert.Equal(0, server.Faults.Pending);
    }
}

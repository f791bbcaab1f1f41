using System.Security.Cryptography;
using CodeGoodly.Upload.TestSupport;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Tests that measure process-wide allocations run in this collection, never in parallel with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}

/// <summary>
/// Streaming mode with files far larger than anyone would buffer: the fake and the client share this process, so the allocation
/// count covers both; a buffered body alone would be the file's size.
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class LargeTransferTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_256MiBToDisk_FakeAndClientAllocateFarLessThanTheFileAndTheBytesMatch()
    {
        const long size = 256 * MiB;
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.Disk });
        using var client = server.CreateClient();
        await client.Files.UploadAsync(new Pattern.Stream(64 * 1024), "warm-up.bin", cancellationToken: Ct); // sign in, JIT

        long before = GC.GetTotalAllocatedBytes(precise: true);
        UploadedFile uploaded = await client.Files.UploadAsync(new Pattern.Stream(size), "big.bin", cancellationToken: Ct).WaitAsync(HangGuard, Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(allocated < 32 * MiB, $"The upload allocated {allocated / MiB} MiB.");
        string md5 = Pattern.Md5(0, size);
        Assert.Equal(md5, uploaded.Hash);
        Assert.Equal(md5, server.GetFileMd5(uploaded.FileId));
        using Stream stored = server.OpenFileContent(uploaded.FileId)!;
        Assert.Equal(size, stored.Length);
        Assert.Equal(md5, Convert.ToHexStringLower(await MD5.HashDataAsync(stored, Ct)));
    }

    [Fact]
    public async Task Download_GeneratedFileOf1GiB_StreamsWithFlatMemoryAndTheBytesMatch()
    {
        const long size = 1024 * MiB;
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.HashOnly });
        FileId file = server.AddFile("huge.bin", size, Pattern.Slice);
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct); // sign in, JIT
        using var sink = new HashingSink();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await client.Files.DownloadAsync(file, sink, cancellationToken: Ct).WaitAsync(HangGuard, Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(allocated < 32 * MiB, $"The download allocated {allocated / MiB} MiB.");
        Assert.Equal(size, sink.Length);
        Assert.Equal(Pattern.Md5(0, size), sink.Md5());
        Assert.Equal(200, Assert.Single(server.Journal.For(FakeUploadServer.DownloadEndpoint)).StatusCode);
    }
}

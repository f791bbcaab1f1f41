using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>
/// Proves that uploads stream: the allocation count is process-wide, so this runs alone (no other test allocating meanwhile).
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class UploadAllocationTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private FakeUploadServer server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        server = TransferFake.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task UploadAsync_256MiBStream_StreamsWithSmallBoundedAllocationsAndServerGetsSameBytes()
    {
        const long size = 256 * MiB;
        using var client = server.CreateClient();
        await client.Files.UploadAsync(new PatternStream(64 * 1024), "warmup.bin", cancellationToken: Cancel); // sign in, JIT

        long before = GC.GetTotalAllocatedBytes(precise: true);
        UploadedFile uploaded = await client.Files.UploadAsync(new PatternStream(size), "big.bin", cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Client and server share this process, so this counts both: a buffered body alone would be 256 MiB.
        Assert.True(allocated < 32 * MiB, $"The upload allocated {allocated / MiB} MiB.");
        FakeFile stored = server.Files[^1];
        Assert.Equal(size, stored.Length);
        Assert.Equal(TestPattern.Md5(size), server.GetFileMd5(stored.Id));
        Assert.Equal(server.GetFileMd5(stored.Id), uploaded.Hash);
        Assert.Equal(size, uploaded.Size);
    }
}

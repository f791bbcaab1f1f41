using System.Security.Cryptography;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>Downloads against a streaming Kestrel server: resume with Range after a drop, temp file + rename, progress.</summary>
public sealed class DownloadTransferTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private StreamingApiServer server = null!;
    private string directory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        server = await StreamingApiServer.StartAsync();
        directory = Directory.CreateTempSubdirectory("cg-download-").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task DownloadAsync_ConnectionDroppedMidway_ResumesWithRangeAndTheBytesMatch()
    {
        const long size = 8 * MiB + 3;
        FileId file = server.AddFile(size);
        server.DropDownloadAfter = get => get == 1 ? 3 * MiB : null;
        using var client = new UploadClient(server.Options());
        using var destination = new HashingStream();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(size, destination.Length);
        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        string?[] ranges = [.. server.DownloadRanges];
        Assert.Equal(2, ranges.Length);
        Assert.Null(ranges[0]);
        Assert.Matches("^bytes=[1-9][0-9]*-$", ranges[1]);
    }

    [Fact]
    public async Task DownloadAsync_DroppedAndTheServerIgnoresRange_SkipsWhatItHasAndTheBytesMatch()
    {
        const long size = 8 * MiB + 3;
        FileId file = server.AddFile(size);
        server.HonourRange = false;
        server.DropDownloadAfter = get => get == 1 ? 3 * MiB : null;
        using var client = new UploadClient(server.Options());
        using var destination = new HashingStream();

        await client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(size, destination.Length);
        Assert.Equal(TestPattern.Md5(size), destination.Md5());
        Assert.Equal(2, server.DownloadRequests);
    }

    [Fact]
    public async Task DownloadAsync_WithProgress_ReportsMonotonicallyEndingAtTheTotal()
    {
        const long size = 6 * MiB + 1;
        FileId file = server.AddFile(size);
        server.DropDownloadAfter = get => get == 1 ? 2 * MiB : null; // progress stays monotonic across a resume
        using var client = new UploadClient(server.Options());
        var progress = new SynchronousProgress();

        await client.Files.DownloadAsync(file, Stream.Null, progress, Cancel).WaitAsync(HangGuard, Cancel);

        IReadOnlyList<TransferProgress> reports = progress.Reports;
        Assert.Equal(new TransferProgress(size, size), reports[^1]);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesTransferred > reports[i - 1].BytesTransferred);
        }
    }

    [Fact]
    public async Task DownloadToFileAsync_Success_WritesTheWholeFileAndLeavesNoPartFile()
    {
        const long size = 5 * MiB + 7;
        FileId file = server.AddFile(size);
        server.DropDownloadAfter = get => get == 1 ? MiB : null;
        string target = Path.Combine(directory, "downloaded.bin");
        using var client = new UploadClient(server.Options());

        await client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel);

        Assert.Equal(TestPattern.Md5(size), Md5Of(target));
        Assert.Equal(["downloaded.bin"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task DownloadToFileAsync_EveryAttemptDropped_FailsWithoutATruncatedFileOrAPartFile()
    {
        FileId file = server.AddFile(4 * MiB);
        server.DropDownloadAfter = _ => MiB;
        string target = Path.Combine(directory, "never.bin");
        using var client = new UploadClient(server.Options(o => o.MaxRetries = 2));

        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal(UploadErrorKind.Network, error.Kind);
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(directory));
        Assert.Equal(3, server.DownloadRequests); // the first GET and two resumes
    }

    [Fact]
    public async Task DownloadToFileAsync_FailureOverAnExistingFile_LeavesTheOldFileUntouched()
    {
        FileId file = server.AddFile(4 * MiB);
        server.DropDownloadAfter = _ => MiB;
        string target = Path.Combine(directory, "existing.bin");
        await File.WriteAllTextAsync(target, "the old content", Cancel);
        using var client = new UploadClient(server.Options(o => o.MaxRetries = 1));

        await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadToFileAsync(file, target, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal("the old content", await File.ReadAllTextAsync(target, Cancel));
        Assert.Single(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task DownloadToFileAsync_Cancelled_ThrowsOperationCanceledAndLeavesNoFile()
    {
        FileId file = server.AddFile(long.MaxValue / 2); // endless: only the cancellation can end it
        string target = Path.Combine(directory, "cancelled.bin");
        using var client = new UploadClient(server.Options());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new SynchronousProgress(report =>
        {
            if (report.BytesTransferred >= 4 * MiB)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Files.DownloadToFileAsync(file, target, progress, cancellation.Token).WaitAsync(HangGuard, Cancel));

        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task DownloadAsync_DestinationFails_ThrowsTheDestinationsErrorWithoutResuming()
    {
        FileId file = server.AddFile(8 * MiB);
        using var client = new UploadClient(server.Options());
        using var destination = new FailingStream(failAfter: MiB);

        var error = await Assert.ThrowsAsync<IOException>(() => client.Files.DownloadAsync(file, destination, cancellationToken: Cancel).WaitAsync(HangGuard, Cancel));

        Assert.Equal("No space left on device", error.Message);
        Assert.Equal(1, server.DownloadRequests);
    }

    private static string Md5Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var sink = new HashingStream();
        stream.CopyTo(sink);
        return sink.Md5();
    }

    /// <summary>A write-only sink that keeps the MD5 and the length of what was written, not the bytes.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public string Md5() => Convert.ToHexStringLower(hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            length += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A destination that fails like a full disk after some bytes.</summary>
    private sealed class FailingStream(long failAfter) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => written;

        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written += buffer.Length;
            return written > failAfter ? ValueTask.FromException(new IOException("No space left on device")) : ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

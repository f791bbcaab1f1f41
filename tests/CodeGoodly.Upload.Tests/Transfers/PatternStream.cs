namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>A read-only stream of <see cref="TestPattern"/> bytes of a given length; seekable or not, allocation-free.</summary>
public sealed class PatternStream(long length, bool seekable = true) : Stream
{
    private long position;

    /// <summary>Called with the position after each read (to cancel or fail mid-upload).</summary>
    public Action<long>? OnRead { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => seekable;

    public override bool CanWrite => false;

    public override long Length => seekable ? length : throw new NotSupportedException();

    public override long Position
    {
        get => seekable ? position : throw new NotSupportedException();
        set => position = seekable ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = (int)Math.Min(Math.Min(buffer.Length, TestPattern.ChunkSize), length - position);
        if (count <= 0)
        {
            return 0;
        }

        TestPattern.Slice(position, count).Span.CopyTo(buffer);
        position += count;
        OnRead?.Invoke(position);
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

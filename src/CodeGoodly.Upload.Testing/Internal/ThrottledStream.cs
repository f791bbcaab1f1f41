namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>A request body read at a <see cref="Pace"/>: at most one slice per read, with a pause before each.</summary>
internal sealed class ThrottledStream(Stream inner, Pace pace) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(pace.Pause, cancellationToken).ConfigureAwait(false);
        return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, pace.SliceSize)], cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        Thread.Sleep(pace.Pause);
        return inner.Read(buffer, offset, Math.Min(count, pace.SliceSize));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

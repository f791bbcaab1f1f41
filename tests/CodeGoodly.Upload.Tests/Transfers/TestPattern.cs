using System.Security.Cryptography;

namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>
/// The bytes of every test file: a fixed pseudo-random sequence repeating every 65 521 bytes (a prime, so a misplaced
/// <c>Range</c> or a dropped chunk shows up as different bytes), produced without allocating.
/// </summary>
public static class TestPattern
{
    public const int ChunkSize = 128 * 1024;
    private const int Period = 65521;
    private static readonly byte[] Bytes = Create();

    /// <summary>The pattern bytes at <paramref name="offset"/> (up to <see cref="ChunkSize"/> of them).</summary>
    public static ReadOnlyMemory<byte> Slice(long offset, int count) => Bytes.AsMemory((int)(offset % Period), count);

    /// <summary>The MD5 (lower-case hex) of the first <paramref name="length"/> pattern bytes.</summary>
    public static string Md5(long length) => Md5(0, length);

    /// <summary>The MD5 (lower-case hex) of <paramref name="length"/> pattern bytes from <paramref name="offset"/>.</summary>
    public static string Md5(long offset, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        for (long position = offset; position < offset + length;)
        {
            int count = (int)Math.Min(ChunkSize, offset + length - position);
            hash.AppendData(Slice(position, count).Span);
            position += count;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] Create()
    {
        var bytes = new byte[Period + ChunkSize];
        uint state = 2463534242;
        for (int i = 0; i < Period; i++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            bytes[i] = (byte)state;
        }

        for (int i = Period; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i - Period];
        }

        return bytes;
    }
}

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

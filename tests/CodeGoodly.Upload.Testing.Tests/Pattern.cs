using System.Security.Cryptography;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Test bytes of any length without an array of that length: a pseudo-random block of 65,521 bytes (a prime) repeated.</summary>
internal static class Pattern
{
    public const int MaxSlice = 128 * 1024;
    private const int Period = 65521;
    private static readonly byte[] Block = Create();

    /// <summary>The bytes at <paramref name="offset"/>, <paramref name="count"/> of them (at most <see cref="MaxSlice"/>): the shape <c>FakeUploadServer.AddFile</c> asks for.</summary>
    public static ReadOnlyMemory<byte> Slice(long offset, int count) => Block.AsMemory((int)(offset % Period), Math.Min(count, MaxSlice));

    public static byte[] Bytes(long offset, int count)
    {
        byte[] bytes = new byte[count];
        for (int done = 0; done < count;)
        {
            ReadOnlyMemory<byte> slice = Slice(offset + done, count - done);
            slice.CopyTo(bytes.AsMemory(done));
            done += slice.Length;
        }

        return bytes;
    }

    public static string Md5(long offset, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        for (long position = offset; position < offset + length;)
        {
            ReadOnlyMemory<byte> slice = Slice(position, (int)Math.Min(MaxSlice, offset + length - position));
            hash.AppendData(slice.Span);
            position += slice.Length;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A seekable (or forward-only) read-only stream of pattern bytes.</summary>
    public sealed class Stream(long length, bool seekable = true) : System.IO.Stream
    {
        private long position;

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
            int count = (int)Math.Min(Math.Min(buffer.Length, MaxSlice), length - position);
            if (count <= 0)
            {
                return 0;
            }

            Slice(position, count).Span.CopyTo(buffer);
            position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

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

    private static byte[] Create()
    {
        var bytes = new byte[Period + MaxSlice];
        new Random(65521).NextBytes(bytes.AsSpan(0, Period));
        for (int i = Period; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i - Period];
        }

        return bytes;
    }
}

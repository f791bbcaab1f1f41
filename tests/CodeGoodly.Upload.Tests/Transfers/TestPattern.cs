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

using System.Security.Cryptography;

namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>Bytes held in memory (the WireMock-buffered mode, and files added from an array).</summary>
internal sealed class MemoryContent(byte[] bytes) : FileContent
{
#pragma warning disable CA5351 // The API's "hash" is the MD5 of the content; it identifies, it does not protect.
    private readonly string md5 = LowerHex.Of(MD5.HashData(bytes));
#pragma warning restore CA5351

    public override long Length => bytes.LongLength;

    public override string Md5 => md5;

    public override ReadOnlyMemory<byte> Read(long offset, Memory<byte> scratch) =>
        bytes.AsMemory((int)offset, (int)Math.Min(Math.Min(scratch.Length, ChunkSize), bytes.LongLength - offset));
}

using System.Security.Cryptography;

namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>Bytes made on demand by the caller's function (files of any size, never stored); the MD5 is computed on first use.</summary>
internal sealed class GeneratedContent : FileContent
{
    private readonly long length;
    private readonly Func<long, int, ReadOnlyMemory<byte>> generate;
    private readonly Lazy<string> md5;

    public GeneratedContent(long length, Func<long, int, ReadOnlyMemory<byte>> generate)
    {
        this.length = length;
        this.generate = generate;
        md5 = new Lazy<string>(ComputeMd5, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public override long Length => length;

    public override string Md5 => md5.Value;

    public override ReadOnlyMemory<byte> Read(long offset, Memory<byte> scratch)
    {
        int wanted = (int)Math.Min(Math.Min(scratch.Length, ChunkSize), length - offset);
        ReadOnlyMemory<byte> bytes = generate(offset, wanted);
        if (bytes.IsEmpty && wanted > 0)
        {
            throw new InvalidOperationException($"The content function of a generated file returned no bytes at offset {offset} (of {length}).");
        }

        return bytes.Length > wanted ? bytes[..wanted] : bytes;
    }

    private string ComputeMd5()
    {
#pragma warning disable CA5351 // The API's "hash" is the MD5 of the content; it identifies, it does not protect.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        byte[] scratch = new byte[ChunkSize];
        for (long position = 0; position < length;)
        {
            ReadOnlyMemory<byte> slice = Read(position, scratch);
            hash.AppendData(slice.Span);
            position += slice.Length;
        }

        return LowerHex.Of(hash.GetHashAndReset());
    }
}

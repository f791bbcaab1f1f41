namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>What <see cref="FakeUploadStorage.HashOnly"/> keeps of an upload: its length and MD5, not its bytes.</summary>
internal sealed class HashOnlyContent(long length, string md5) : FileContent
{
    public override long Length => length;

    public override string Md5 => md5;

    public override bool HasBytes => false;

    public override ReadOnlyMemory<byte> Read(long offset, Memory<byte> scratch) =>
        throw new InvalidOperationException("The fake kept only the length and MD5 of this file (FakeUploadStorage.HashOnly).");
}

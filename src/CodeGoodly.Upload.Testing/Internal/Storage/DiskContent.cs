using Microsoft.Win32.SafeHandles;

namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>Bytes in a temporary file of the fake's upload directory, with the MD5 computed while they arrived.</summary>
internal sealed class DiskContent(string path, long length, string md5) : FileContent
{
    public override long Length => length;

    public override string Md5 => md5;

    public override ReadOnlyMemory<byte> Read(long offset, Memory<byte> scratch)
    {
        Memory<byte> target = scratch[..(int)Math.Min(Math.Min(scratch.Length, ChunkSize), length - offset)];
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int read = RandomAccess.Read(handle, target.Span, offset);
        if (read == 0 && target.Length > 0)
        {
            throw new IOException($"The fake's stored upload {path} is shorter than the {length} bytes it received.");
        }

        return target[..read];
    }

    public override void Discard()
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the whole directory goes when the fake is disposed.
        }
    }
}

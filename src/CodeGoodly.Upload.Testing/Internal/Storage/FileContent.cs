namespace CodeGoodly.Upload.Testing.Internal.Storage;

/// <summary>
/// The bytes of one stored file, wherever they live (memory, a temporary file, a generator, or nowhere but their MD5).
/// Immutable: replacing a file's content gives its record a new <see cref="FileContent"/>.
/// </summary>
internal abstract class FileContent
{
    /// <summary>The largest slice a single <see cref="Read"/> hands out.</summary>
    public const int ChunkSize = 128 * 1024;

    private int adopted;

    /// <summary>The length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>The MD5 of the bytes, lower-case hex (the API's <c>hash</c>). May be computed on first use.</summary>
    public abstract string Md5 { get; }

    /// <summary>Whether the bytes can be read back (false when only their length and MD5 were kept).</summary>
    public virtual bool HasBytes => true;

    /// <summary>Whether a file record holds this content (an upload the API refused is not adopted and is discarded).</summary>
    public bool IsAdopted => Volatile.Read(ref adopted) == 1;

    /// <summary>Marks the content as held by a file record.</summary>
    public void Adopt() => Volatile.Write(ref adopted, 1);

    /// <summary>
    /// The bytes from <paramref name="offset"/>: at least one when <paramref name="offset"/> is before the end, at most
    /// <paramref name="scratch"/>'s length (and <see cref="ChunkSize"/>). Either a slice of <paramref name="scratch"/> or memory of its own.
    /// </summary>
    public abstract ReadOnlyMemory<byte> Read(long offset, Memory<byte> scratch);

    /// <summary>Frees what the content occupies (a temporary file) when nothing holds it.</summary>
    public virtual void Discard()
    {
    }

    /// <summary>Copies all the bytes into a new array (for small files).</summary>
    public byte[] ToArray()
    {
        if (Length > Array.MaxLength)
        {
            throw new InvalidOperationException($"The file is {Length} bytes long, too long for an array: use OpenFileContent.");
        }

        byte[] bytes = new byte[Length];
        for (long position = 0; position < Length;)
        {
            ReadOnlyMemory<byte> slice = Read(position, bytes.AsMemory((int)position, (int)Math.Min(ChunkSize, Length - position)));
            slice.CopyTo(bytes.AsMemory((int)position));
            position += slice.Length;
        }

        return bytes;
    }
}

using System.Buffers;
using System.Net;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// An API answer's body, read once by <see cref="AnswerBufferingHandler"/> inside the attempt. The session handler (looking
/// for a refused token) and the envelope reader look at <see cref="Body"/> directly, so the bytes are neither copied nor read again.
/// The buffer is rented from the shared pool and goes back when the answer is disposed: nothing may use <see cref="Body"/> after that
/// (the SDK reads an API answer completely before disposing it, and never hands one out).
/// </summary>
internal sealed class BufferedApiContent : HttpContent
{
    private byte[] buffer;
    private readonly int length;

    /// <summary>Takes ownership of <paramref name="rented"/>, a buffer from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public BufferedApiContent(byte[] rented, int length)
    {
        buffer = rented;
        this.length = length;
    }

    /// <summary>The whole body as received.</summary>
    public ReadOnlyMemory<byte> Body => buffer.AsMemory(0, length);

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref buffer, []) is { Length: > 0 } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(buffer, 0, length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(buffer, 0, length, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(buffer, 0, length);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(CreateReadStream());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateReadStream();

    protected override bool TryComputeLength(out long length)
    {
        length = this.length;
        return true;
    }

    private MemoryStream CreateReadStream() => new(buffer, 0, length, writable: false);
}

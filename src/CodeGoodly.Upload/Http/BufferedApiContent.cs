using System.Net;

namespace CodeGoodly.Upload.Http;

/// <summary>
/// An API answer's body, read once by <see cref="ResponseBufferingStrategy"/> inside the attempt. The session handler (looking
/// for a refused token) and the envelope reader look at <see cref="Body"/> directly, so the bytes are neither copied nor read again.
/// </summary>
internal sealed class BufferedApiContent : HttpContent
{
    private readonly byte[] buffer;
    private readonly int length;

    public BufferedApiContent(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    /// <summary>The whole body as received.</summary>
    public ReadOnlyMemory<byte> Body => buffer.AsMemory(0, length);

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

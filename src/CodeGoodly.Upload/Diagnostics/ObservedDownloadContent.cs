using System.Net;

namespace CodeGoodly.Upload.Diagnostics;

/// <summary>A download body that counts the bytes read from it and reports the download when it ends; the bytes are not copied or buffered.</summary>
internal sealed class ObservedDownloadContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly DownloadObservation observation;

    public ObservedDownloadContent(HttpContent inner, DownloadObservation observation)
    {
        this.inner = inner;
        this.observation = observation;
        foreach (KeyValuePair<string, IEnumerable<string>> header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new CountingReadStream(await inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), observation);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads through to the network stream, counting; the end of the body (or giving up on it) finishes the observation.</summary>
    private sealed class CountingReadStream(Stream inner, DownloadObservation observation) : Stream
    {
        private long bytesRead;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => bytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count), count);

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer), buffer.Length);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);
            }
            catch (Exception failure)
            {
                observation.Finish(bytesRead, completed: false, failure is OperationCanceledException ? "canceled" : UploadDiagnostics.ErrorType(failure));
                throw;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                observation.Finish(bytesRead, completed: false);
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            observation.Finish(bytesRead, completed: false);
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        private int Count(int read, int requested)
        {
            bytesRead += read;
            if (read == 0 && requested > 0)
            {
                observation.Finish(bytesRead, completed: true);
            }

            return read;
        }
    }
}

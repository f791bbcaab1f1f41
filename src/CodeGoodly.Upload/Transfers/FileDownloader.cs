using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Resilience;

namespace CodeGoodly.Upload.Transfers;

/// <summary>
/// Streams a download URL into a stream: <c>ResponseHeadersRead</c>, no buffering, progress, an idle timeout instead of a
/// whole-transfer timeout. It is the only retry owner of the download GET (the resilience pipeline does not retry it): after a
/// dropped connection, a timeout, 408, 429 or 5xx it waits (back-off, or the server's <c>Retry-After</c>) and sends the GET again,
/// at most <see cref="UploadClientOptions.MaxRetries"/> times, resuming with <c>Range</c> (and <c>If-Range</c> with the first
/// answer's validator) from the bytes already written; a one-off link the server no longer accepts is replaced by a fresh one.
/// A resumed answer that cannot be placed after those bytes (another version of the file, a 206 without <c>Content-Range</c>)
/// starts the file again from its first byte when the destination can be rewound, and fails otherwise: bytes are never spliced.
/// Links and redirects are vetted by <see cref="Redirects"/>: https only (http with <see cref="UploadClientOptions.AllowInsecureHttp"/>,
/// or upgraded to https on the API's own host), a plain GET, at most <see cref="Redirects.MaxDownloadHops"/> redirects.
/// </summary>
internal sealed class FileDownloader(HttpClient http, UploadClientOptions options)
{
    private const int BufferSize = 128 * 1024;
    private const string Endpoint = Endpoints.FileDownload;

    public async Task DownloadAsync(Func<CancellationToken, Task<DownloadLink>> getLink, Stream destination,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        DownloadLink link = await getLink(cancellationToken).ConfigureAwait(false);
        var state = new Transfer(new ProgressReporter(progress, null), destination);
        int retries = 0;
        bool freshLink = true;
        while (true)
        {
            try
            {
                await CopyAsync(link.DownloadUrl, destination, state, cancellationToken).ConfigureAwait(false);
                if (state.Total is long expected && state.Written != expected)
                {
                    throw new IOException($"The download ended after {state.Written} of {expected} bytes.");
                }

                state.Progress.Complete(state.Written);
                return;
            }
            catch (UploadApiException refused) when (!freshLink && refused.Kind is UploadErrorKind.NotFound or UploadErrorKind.Forbidden or UploadErrorKind.InvalidArgument)
            {
                // The one-off link was used up by the attempt that broke: ask for another and carry on from where we were.
                link = await getLink(cancellationToken).ConfigureAwait(false);
                freshLink = true;
            }
            catch (Exception broken) when (!state.DestinationFailed && IsRetryable(broken) && !cancellationToken.IsCancellationRequested)
            {
                if (++retries > options.MaxRetries)
                {
                    if (broken is UploadApiException)
                    {
                        throw; // the server's own answer (503, 429, …) after the retries: what the user sees
                    }

                    throw new UploadApiException(UploadErrorKind.Network, Endpoint,
                        $"{Endpoint} failed (Network): the download broke {retries} times; {state.Written} bytes were received. {Redaction.RedactText(broken.Message)}",
                        innerException: broken);
                }

                freshLink = false;
                TimeSpan wait = state.RetryAfter ?? Backoff(retries);
                state.RetryAfter = null;
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What a GET may be sent again after: the connection broke or stalled, or the server answered 408, 429 or 5xx.</summary>
    private static bool IsRetryable(Exception exception) =>
        exception is IOException or HttpRequestException or TimeoutException
        || exception is UploadApiException { Kind: UploadErrorKind.Server or UploadErrorKind.Network or UploadErrorKind.RateLimited };

    /// <summary>Exponential back-off from <see cref="UploadClientOptions.RetryBaseDelay"/> with jitter, as for API calls, capped at 30 s.</summary>
    private TimeSpan Backoff(int retry)
    {
        double milliseconds = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 16)) * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, ResiliencePipelines.MaxBackoff.TotalMilliseconds));
    }

    /// <summary>One GET (following redirects) from the bytes already written; learns the length and the validator of the file from the first answer.</summary>
    private async Task CopyAsync(Uri link, Stream destination, Transfer state, CancellationToken cancellationToken)
    {
        using var watchdog = new TransferWatchdog(options.AttemptTimeout, cancellationToken);
        try
        {
            long offset = state.Written;
            using HttpResponseMessage response = await GetAsync(link, offset, state, watchdog).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                UploadErrorKind kind = ErrorClassifier.FromHttpStatus(response.StatusCode);
                state.RetryAfter = ResiliencePipelines.RetryAfter(response, options.MaxRetryAfter);
                throw new UploadApiException(kind, Endpoint, httpStatus: (int)response.StatusCode,
                    message: $"{Endpoint} failed ({kind}, HTTP {(int)response.StatusCode}) fetching {Redaction.RedactUrl(response.RequestMessage?.RequestUri ?? link)}.");
            }

            long skip = Place(response, offset, state);
            if (state.Written == 0)
            {
                // The first answer, or a new start: it says what the file is.
                long? length = response.Content.Headers.ContentLength;
                state.Total = response.StatusCode == HttpStatusCode.PartialContent ? response.Content.Headers.ContentRange?.Length ?? length : length;
                state.Progress.TotalBytes = state.Total;
                state.ETag = response.Headers.ETag is { IsWeak: false } strong ? strong : null; // If-Range takes only a strong validator
                state.LastModified = response.Content.Headers.LastModified;
            }

            Stream body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await WriteAsync(body, skip, destination, state, watchdog, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (watchdog.HasFired)
        {
            throw new TimeoutException(watchdog.Describe("The download") + ".");
        }
    }

    /// <summary>Sends the GET, following up to <see cref="Redirects.MaxDownloadHops"/> redirects, each to an address <see cref="Redirects.DownloadAddress"/> accepts.</summary>
    private async Task<HttpResponseMessage> GetAsync(Uri link, long offset, Transfer state, TransferWatchdog watchdog)
    {
        Uri url = Redirects.DownloadAddress(link, options.BaseAddress, options.AllowInsecureHttp, redirected: false);
        for (int hops = 0; ; hops++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
                if (state.ETag is not null)
                {
                    request.Headers.IfRange = new RangeConditionHeaderValue(state.ETag);
                }
                else if (state.LastModified is DateTimeOffset lastModified)
                {
                    request.Headers.IfRange = new RangeConditionHeaderValue(lastModified);
                }
            }

            HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            if (!Redirects.IsFollowable(response.StatusCode))
            {
                return response;
            }

            watchdog.Kick(); // an answer is progress
            int status = (int)response.StatusCode;
            Uri? location = Redirects.Location(response, url);
            response.Dispose();
            if (location is null)
            {
                throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint, httpStatus: status,
                    message: $"{Endpoint} failed (UnexpectedResponse, HTTP {status}): {Redaction.RedactUrl(url)} redirected without a Location.");
            }

            if (hops == Redirects.MaxDownloadHops)
            {
                throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint, httpStatus: status,
                    message: $"{Endpoint} failed (UnexpectedResponse, HTTP {status}): more than {Redirects.MaxDownloadHops} redirects; the last pointed to {Redaction.RedactUrl(location)}, which was not fetched.");
            }

            url = Redirects.DownloadAddress(location, options.BaseAddress, options.AllowInsecureHttp, redirected: true);
        }
    }

    /// <summary>
    /// Decides where the answer's bytes go: how many of them to skip (a server that ignored <c>Range</c> sends the file from its
    /// start), or to start the file again when the answer cannot be placed after the bytes already written.
    /// </summary>
    private static long Place(HttpResponseMessage response, long offset, Transfer state)
    {
        bool partial = response.StatusCode == HttpStatusCode.PartialContent;
        ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
        if (offset == 0)
        {
            return partial && range?.From is not (null or 0)
                ? throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint, httpStatus: 206,
                    message: $"{Endpoint} failed (UnexpectedResponse, HTTP 206): asked for the whole file but the server sent the bytes from {range!.From}.")
                : 0;
        }

        bool sameFile = SameValidator(response, state);
        if (partial)
        {
            if (sameFile && range?.From == offset && (range.Length is null || state.Total is null || range.Length == state.Total))
            {
                return 0; // the rest of the same file, from where we are
            }

            // A 206 that cannot be placed (no Content-Range, another start or length, another version): ask again from the first byte.
            state.StartAgain(range is null ? "a partial answer without Content-Range" : "a partial answer that does not continue the same file");
            throw new IOException($"The server answered the resumed download with {(range is null ? "206 without Content-Range" : "206 for another part or version of the file")}; starting again from the first byte.");
        }

        // 200: the server sent the whole file again. Skip what we have only if it is the same file; else start again with this answer.
        if (sameFile && state.Total is long total && response.Content.Headers.ContentLength == total)
        {
            return offset;
        }

        state.StartAgain("the file changed on the server");
        return 0;
    }

    /// <summary>
    /// Whether the answer's validator (<c>ETag</c>, else <c>Last-Modified</c>) matches the first answer's. An answer without one
    /// is not judged here: the length must match too, and a server that sent 206 honoured the <c>If-Range</c> it was given.
    /// </summary>
    private static bool SameValidator(HttpResponseMessage response, Transfer state)
    {
        if (state.ETag is not null && response.Headers.ETag is { } etag)
        {
            return etag.Equals(state.ETag);
        }

        return state.LastModified is null || response.Content.Headers.LastModified is not { } modified || modified == state.LastModified;
    }

    private static async Task WriteAsync(Stream body, long skip, Stream destination, Transfer state, TransferWatchdog watchdog, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                int read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), watchdog.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                watchdog.Kick();
                int start = 0;
                if (skip > 0)
                {
                    start = (int)Math.Min(skip, read);
                    skip -= start;
                }

                if (start < read)
                {
                    try
                    {
                        await destination.WriteAsync(buffer.AsMemory(start, read - start), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        state.DestinationFailed = true; // a full disk is not a broken connection: never resumed
                        throw;
                    }

                    watchdog.Kick(); // a slow destination is not an idle network
                    state.Written += read - start;
                    state.Progress.Report(state.Written);
                    if (state.Written > state.Total)
                    {
                        throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint,
                            message: $"{Endpoint} failed (UnexpectedResponse): the server sent more than the {state.Total} bytes it announced.");
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What one download has done so far, across its attempts.</summary>
    private sealed class Transfer(ProgressReporter progress, Stream destination)
    {
        /// <summary>Where the destination stood when the download began, if it can seek back there.</summary>
        private readonly long? origin = destination.CanSeek ? destination.Position : null;

        public ProgressReporter Progress { get; } = progress;

        public long Written { get; set; }

        public long? Total { get; set; }

        /// <summary>The first answer's strong <c>ETag</c>, sent back in <c>If-Range</c>.</summary>
        public EntityTagHeaderValue? ETag { get; set; }

        /// <summary>The first answer's <c>Last-Modified</c>, sent back in <c>If-Range</c> when there is no strong <c>ETag</c>.</summary>
        public DateTimeOffset? LastModified { get; set; }

        /// <summary>The wait the last answer asked for (<c>Retry-After</c>), for the next retry.</summary>
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>Whether writing to the caller's destination failed (then the error is the caller's, not the network's).</summary>
        public bool DestinationFailed { get; set; }

        /// <summary>
        /// Throws away what was written (the destination is rewound to where it stood and cut there), so that the file is written
        /// again from its first byte; fails, keeping what was written and adding nothing, when the destination cannot be rewound.
        /// Progress stays where it was until the new bytes pass it.
        /// </summary>
        public void StartAgain(string why)
        {
            if (origin is not long start)
            {
                throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint,
                    $"{Endpoint} failed (UnexpectedResponse): the resumed download could not continue ({why}), and the destination stream cannot be rewound to start again; the {Written} bytes written before stand, and nothing was added after them.");
            }

            try
            {
                destination.SetLength(start);
                destination.Position = start;
            }
            catch (Exception failure) when (failure is NotSupportedException or IOException)
            {
                throw new UploadApiException(UploadErrorKind.UnexpectedResponse, Endpoint,
                    $"{Endpoint} failed (UnexpectedResponse): the resumed download could not continue ({why}), and the destination could not be rewound to start again: {failure.Message}",
                    innerException: failure);
            }

            Written = 0;
            Total = null;
            ETag = null;
            LastModified = null;
        }
    }
}

using System.Buffers;
using System.Globalization;
using CodeGoodly.Upload.Testing.Internal.Storage;
using Microsoft.AspNetCore.Http;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// Serves the download links the fake hands out (GET or HEAD with <c>download_token</c>), outside WireMock in every mode, so it
/// can send <c>Content-Length</c>, honour <c>Range</c> and <c>If-Range</c>, stream files of any size, and cut a transfer part-way.
/// </summary>
internal sealed class DownloadResponder(FakeApi api, FakeFaults faults, FakeJournal journal, ApiResponder responder, TimeProvider clock, CancellationToken stopping)
{
    /// <summary>Answer every GET whole (200), ignoring <c>Range</c>.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Send <c>ETag</c> and <c>Last-Modified</c>.</summary>
    public bool SendValidators { get; set; }

    /// <summary>The <c>ETag</c> of a content version of a file.</summary>
    public static string ETagOf(long fileId, int contentVersion) => $"\"{fileId.ToString(CultureInfo.InvariantCulture)}-{contentVersion.ToString(CultureInfo.InvariantCulture)}\"";

    public async Task ServeAsync(HttpContext context, string downloadToken)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        FaultRule? fault = faults.Take(FakeUploadServer.DownloadEndpoint);
        string? rangeHeader = request.Headers.Range.LastOrDefault();
        string? ifRange = request.Headers.IfRange.LastOrDefault();
        var entry = new FakeJournalEntry
        {
            Endpoint = FakeUploadServer.DownloadEndpoint,
            Method = request.Method,
            Fields = FakeHttp.Redact(new Dictionary<string, string>
            {
                ["download_token"] = downloadToken,
                ["range"] = rangeHeader ?? string.Empty,
                ["if-range"] = ifRange ?? string.Empty,
            }),
            Fault = fault?.Describe(),
            HadCookie = request.Headers.Cookie.Count > 0,
            ReceivedAt = clock.GetUtcNow(),
        };

        switch (fault?.Kind)
        {
            case FaultKind.Status or FaultKind.HtmlPage:
                FakeAnswer answer = ApiResponder.FaultAnswer(fault);
                journal.Add(entry with { StatusCode = answer.StatusCode });
                await WriteAsync(response, answer.StatusCode, answer.ContentType, answer.Body, answer.Headers).ConfigureAwait(false);
                return;
            case FaultKind.Redirect:
                journal.Add(entry with { StatusCode = fault.StatusCode });
                response.StatusCode = fault.StatusCode;
                response.Headers.Location = fault.Location ?? request.Path + request.QueryString;
                return;
            case FaultKind.Stall:
                journal.Add(entry);
                await responder.WaitAsync(Timeout.InfiniteTimeSpan, context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.Delay:
                await responder.WaitAsync(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                break;
            case FaultKind.BeforeNext:
                fault.Action!();
                break;
        }

        if (!FakeHttp.HasSessionCookie(request.Headers.Cookie.ToString()))
        {
            response.Headers.SetCookie = FakeHttp.NewSessionCookie();
        }

        bool whole = string.IsNullOrEmpty(rangeHeader) || IgnoreRange;
        if (api.Download(downloadToken, countDownload: HttpMethods.IsGet(request.Method) && (whole || fault?.Kind is FaultKind.LoseAnswer or FaultKind.FailAfterActing)) is not { } file)
        {
            journal.Add(entry with { StatusCode = 404 });
            await WriteAsync(response, 404, "text/html; charset=UTF-8", "<html><body><h1>File not found</h1><p>The download link is not valid.</p></body></html>"u8.ToArray(), null).ConfigureAwait(false);
            return;
        }

        if (!file.Content.HasBytes)
        {
            journal.Add(entry with { StatusCode = 404, ErrorMessage = "The fake kept only the MD5 of this upload (FakeUploadStorage.HashOnly)." });
            await WriteAsync(response, 404, "text/html; charset=UTF-8", "<html><body><h1>File not found</h1><p>The fake kept only the MD5 of this upload (FakeUploadStorage.HashOnly).</p></body></html>"u8.ToArray(), null).ConfigureAwait(false);
            return;
        }

        switch (fault?.Kind)
        {
            case FaultKind.LoseAnswer:
                journal.Add(entry);
                context.Abort();
                return;
            case FaultKind.FailAfterActing:
                FakeAnswer failure = ApiResponder.FaultAnswer(fault);
                journal.Add(entry with { StatusCode = failure.StatusCode });
                await WriteAsync(response, failure.StatusCode, failure.ContentType, failure.Body, failure.Headers).ConfigureAwait(false);
                return;
        }

        string etag = ETagOf(file.FileId, file.ContentVersion);
        DateTimeOffset lastModified = TruncateToSeconds(file.ContentChangedAt);
        if (SendValidators)
        {
            response.Headers.ETag = etag;
            response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        }

        long length = file.Content.Length;
        long start = 0;
        long end = length - 1;
        int status = 200;
        if (!whole && IfRangeHolds(ifRange, etag, lastModified))
        {
            if (!FakeHttp.TryParseRange(rangeHeader!, length, out start, out end))
            {
                journal.Add(entry with { StatusCode = 416 });
                await WriteAsync(response, 416, "text/plain", [], new Dictionary<string, string> { ["Content-Range"] = $"bytes */{length}" }).ConfigureAwait(false);
                return;
            }

            status = 206;
            response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
        }

        bool cut = fault?.Kind is FaultKind.DropConnection or FaultKind.DropConnectionAfter or FaultKind.TruncatedJson or FaultKind.MalformedResponseChunk or FaultKind.EmptyResponse;
        journal.Add(entry with { StatusCode = cut ? 0 : status });
        response.StatusCode = status;
        response.ContentType = "application/octet-stream";
        if (!IgnoreRange)
        {
            response.Headers.AcceptRanges = "bytes";
        }

        response.Headers.ContentDisposition = FakeHttp.ContentDisposition(file.FileName);
        response.ContentLength = end - start + 1;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        // Half the bytes, or as many as the fault says, then the connection is cut: a transfer that broke part-way.
        long? sendOnly = fault?.Kind switch
        {
            FaultKind.DropConnectionAfter => Math.Min(fault.Bytes, end - start + 1),
            _ when cut => (end - start + 1) / 2,
            _ => null,
        };
        Pace? pace = fault?.Kind == FaultKind.Throttle ? Pace.Of(fault.BytesPerSecond) : null;
        try
        {
            await SendAsync(response, file.Content, start, sendOnly ?? (end - start + 1), pace, context.RequestAborted).ConfigureAwait(false);
            if (sendOnly is not null)
            {
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
            }
        }
        catch (Exception gone) when (KestrelAdapter.IsClientGone(gone))
        {
            // The client went away mid-transfer.
        }
    }

    /// <summary>Whether a range request may be answered with a part: no <c>If-Range</c>, or one naming the current version (its <c>ETag</c> or date).</summary>
    private static bool IfRangeHolds(string? ifRange, string etag, DateTimeOffset lastModified)
    {
        if (string.IsNullOrEmpty(ifRange))
        {
            return true;
        }

        if (ifRange.StartsWith('"') || ifRange.StartsWith("W/", StringComparison.Ordinal))
        {
            return ifRange == etag; // a strong comparison: a weak tag never matches
        }

        return DateTimeOffset.TryParseExact(ifRange, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) && date == lastModified;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset date) => new(date.Ticks - (date.Ticks % TimeSpan.TicksPerSecond), date.Offset);

    private async Task SendAsync(HttpResponse response, FileContent content, long start, long count, Pace? pace, CancellationToken requestAborted)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping);
        int slice = pace?.SliceSize ?? FileContent.ChunkSize;
        byte[] scratch = ArrayPool<byte>.Shared.Rent(FileContent.ChunkSize);
        try
        {
            for (long sent = 0; sent < count;)
            {
                if (pace is { } wait)
                {
                    await Task.Delay(wait.Pause, sending.Token).ConfigureAwait(false);
                }

                ReadOnlyMemory<byte> bytes = content.Read(start + sent, scratch.AsMemory(0, (int)Math.Min(slice, count - sent)));
                await response.Body.WriteAsync(bytes, sending.Token).ConfigureAwait(false);
                sent += bytes.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            response.Headers[header.Key] = header.Value;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }
}

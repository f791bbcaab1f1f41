using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// The fake's Kestrel middleware, in front of WireMock: takes the one fault each API request gets and applies those that act on
/// the connection (drop, stall, cut mid-body, redirect, pace, lose the answer, run a hook), serves download links, and sends API
/// requests on: in streaming mode to <see cref="KestrelAdapter"/>, in memory mode to WireMock (and so to <see cref="WireMockAdapter"/>).
/// </summary>
internal sealed class FrontDoor(
    FakeFaults faults,
    FakeJournal journal,
    TimeProvider clock,
    ApiResponder responder,
    DownloadResponder downloads,
    KestrelAdapter? streaming,
    AsyncLocal<RequestScope?> scope)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        string path = context.Request.Path.Value ?? "/";
        if (FakeHttp.IsApiPath(path))
        {
            await ApiAsync(context, FakeHttp.EndpointOf(path), next).ConfigureAwait(false);
            return;
        }

        string? downloadToken = context.Request.Query["download_token"].LastOrDefault();
        if (downloadToken is not null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await downloads.ServeAsync(context, downloadToken).ConfigureAwait(false);
            return;
        }

        if (streaming is not null)
        {
            await streaming.AnswerAsync(context, fault: null).ConfigureAwait(false);
            return;
        }

        await next().ConfigureAwait(false);
    }

    private async Task ApiAsync(HttpContext context, string endpoint, Func<Task> next)
    {
        FaultRule? fault = faults.Take(endpoint);
        switch (fault?.Kind)
        {
            case FaultKind.DropConnection:
                journal.Add(BareEntry(context, endpoint, fault));
                context.Abort();
                return;
            case FaultKind.Stall:
                journal.Add(BareEntry(context, endpoint, fault));
                await responder.WaitAsync(Timeout.InfiniteTimeSpan, context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.Redirect:
                journal.Add(BareEntry(context, endpoint, fault) with { StatusCode = fault.StatusCode });
                context.Response.StatusCode = fault.StatusCode;
                context.Response.Headers.Location = fault.Location ?? context.Request.Path + context.Request.QueryString;
                return;
            case FaultKind.DropConnectionAfter:
                journal.Add(BareEntry(context, endpoint, fault));
                await DiscardAsync(context.Request.Body, fault.Bytes, context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            case FaultKind.Throttle:
                context.Request.Body = new ThrottledStream(context.Request.Body, Pace.Of(fault.BytesPerSecond));
                break;
            case FaultKind.BeforeNext:
                fault.Action!();
                break;
        }

        if (streaming is not null)
        {
            await streaming.AnswerAsync(context, fault).ConfigureAwait(false);
            return;
        }

        scope.Value = new RequestScope(fault);
        if (fault?.Kind != FaultKind.LoseAnswer)
        {
            await next().ConfigureAwait(false);
            return;
        }

        // WireMock answers into a sink that never reaches the wire; then the connection is cut.
        IHttpResponseBodyFeature wire = context.Features.Get<IHttpResponseBodyFeature>()!;
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(wire);
            context.Abort();
        }
    }

    /// <summary>The journal entry of a request a connection-level fault caught before its body was read: no fields.</summary>
    private FakeJournalEntry BareEntry(HttpContext context, string endpoint, FaultRule fault) => new()
    {
        Endpoint = endpoint,
        Method = context.Request.Method,
        Fields = new Dictionary<string, string>(),
        Fault = fault.Describe(),
        HadContentLength = context.Request.ContentLength is not null,
        RequestContentLength = context.Request.ContentLength,
        HadCookie = context.Request.Headers.Cookie.Count > 0,
        ReceivedAt = clock.GetUtcNow(),
    };

    /// <summary>Reads and drops up to <paramref name="count"/> body bytes (less if the body is shorter or the client goes).</summary>
    private static async Task DiscardAsync(Stream body, long count, CancellationToken requestAborted)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (long seen = 0; seen < count;)
            {
                int read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count - seen)), requestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                seen += read;
            }
        }
        catch (Exception gone) when (KestrelAdapter.IsClientGone(gone))
        {
            // Gone already.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

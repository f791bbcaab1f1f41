using System.Globalization;
using System.Text;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// The answer stage both front ends share: journals the request on arrival, applies the fault taken for it (those that shape
/// the answer), lets the API act, and journals the outcome. The front end only reads the request and writes the answer.
/// </summary>
internal sealed class ApiResponder(FakeApi api, FakeJournal journal, TimeProvider clock, CancellationToken stopping)
{
    /// <summary>Answers <paramref name="request"/>. <paramref name="journaled"/> is the entry a streaming upload wrote when it began arriving, if any.</summary>
    public async Task<FakeAnswer> RespondAsync(FakeRequest request, FaultRule? fault, FakeJournalEntry? journaled = null)
    {
        // Journaled on arrival, so that a request held by a delay fault is visible while it waits.
        FakeJournalEntry arrived = EntryFor(request, journaled?.ReceivedAt);
        if (journaled is null)
        {
            journal.Add(arrived);
        }
        else
        {
            journal.Complete(journaled, arrived);
        }

        FakeJournalEntry current = arrived;
        FakeAnswer answer = await AnswerAsync(request, fault, description =>
        {
            FakeJournalEntry held = current with { Fault = description };
            journal.Complete(current, held);
            current = held;
        }).ConfigureAwait(false);
        journal.Complete(current, arrived with
        {
            StatusCode = answer.Mangling == AnswerMangling.Lost ? 0 : answer.StatusCode,
            ErrorMessage = answer.ErrorMessage,
            Fault = answer.Fault,
        });
        return answer;
    }

    /// <summary>The journal entry of a request as it arrives.</summary>
    public FakeJournalEntry EntryFor(FakeRequest request, DateTimeOffset? receivedAt = null) => new()
    {
        Endpoint = request.Endpoint,
        Method = request.Method,
        Fields = FakeHttp.Redact(request.RawFields),
        FileName = request.Upload?.FileName,
        FileSize = request.Upload?.Content.Length,
        HadContentLength = request.HadContentLength,
        RequestContentLength = request.ContentLength,
        HadCookie = request.HadCookie,
        ReceivedAt = receivedAt ?? clock.GetUtcNow(),
    };

    /// <summary>The answer of a fault that stands for a proxy or a failed host: a status with a short page, no PHP session.</summary>
    public static FakeAnswer FaultAnswer(FaultRule fault)
    {
        bool html = fault.Kind is FaultKind.HtmlPage or FaultKind.FailAfterActing;
        string text = fault.Kind switch
        {
            FaultKind.HtmlPage => fault.Html!,
            FaultKind.FailAfterActing => $"<html><body><h1>{fault.StatusCode} {FakeHttp.ReasonOf(fault.StatusCode)}</h1></body></html>",
            _ => $"{fault.StatusCode} {FakeHttp.ReasonOf(fault.StatusCode)}",
        };
        var answer = new FakeAnswer
        {
            StatusCode = fault.StatusCode,
            ContentType = html ? "text/html; charset=UTF-8" : "text/plain; charset=UTF-8",
            Body = Encoding.UTF8.GetBytes(text),
            Fault = fault.Describe(),
            FromSite = false, // a proxy's (or a dying host's) answer: no PHP session
        };
        if (fault.RetryAfter is { } wait)
        {
            answer.Headers["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return answer;
    }

    /// <summary>Waits out a delay fault, ending early when the fake stops or <paramref name="requestAborted"/> fires.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, requestAborted);
        try
        {
            await Task.Delay(delay, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping or abandoned: go on at once.
        }
    }

    private async Task<FakeAnswer> AnswerAsync(FakeRequest request, FaultRule? fault, Action<string> noteFault)
    {
        if (!request.IsApi)
        {
            return new FakeAnswer { StatusCode = 404, ContentType = "text/html; charset=UTF-8", Body = "<html><body><h1>404 Not Found</h1></body></html>"u8.ToArray(), FromSite = false };
        }

        switch (fault?.Kind)
        {
            case FaultKind.Status:
            case FaultKind.HtmlPage:
                return FaultAnswer(fault);
            case FaultKind.ApiError:
                FakeAnswer refusal = api.Error(fault.Message!);
                refusal.Fault = fault.Describe();
                return refusal;
            case FaultKind.EmptyResponse:
                return new FakeAnswer { Body = [], Fault = fault.Describe(), Mangling = AnswerMangling.Empty };
            case FaultKind.Delay:
                noteFault(fault.Describe());
                await WaitAsync(fault.Delay, CancellationToken.None).ConfigureAwait(false);
                break;
        }

        FakeAnswer answer = api.Handle(request);
        answer.Fault = fault?.Describe();
        switch (fault?.Kind)
        {
            case FaultKind.TruncatedJson:
                answer.Body = answer.Body[..(answer.Body.Length / 2)];
                break;
            case FaultKind.MalformedResponseChunk:
                answer.Mangling = AnswerMangling.MalformedChunk;
                break;
            case FaultKind.LoseAnswer:
                answer.Mangling = AnswerMangling.Lost;
                break;
            case FaultKind.FailAfterActing:
                return FaultAnswer(fault);
        }

        return answer;
    }
}

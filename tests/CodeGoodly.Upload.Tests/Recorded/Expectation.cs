using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Recorded;

/// <summary>What the SDK must make of one recorded answer: the public call that meets it, and either the record it reads or the error it throws.</summary>
public sealed record Expectation
{
    /// <summary>The public call, for messages, e.g. <c>Files.GetInfoAsync(1)</c>.</summary>
    public required string Call { get; init; }

    /// <summary>Runs the call; returns what it returned (<see langword="null"/> for calls without a result).</summary>
    public required Func<UploadClient, CancellationToken, Task<object?>> Run { get; init; }

    /// <summary>For a success: asserts the key fields of what the call returned.</summary>
    public Action<object?>? Reads { get; init; }

    /// <summary>For a failure: the kind of the <see cref="UploadApiException"/>.</summary>
    public UploadErrorKind? Fails { get; init; }

    /// <summary>The endpoint the error names, when it is not the one the answer was served at (a sign-in that failed first).</summary>
    public string? FailsAt { get; init; }

    /// <summary>Text the exception's message must hold (besides the server's words, which <see cref="UploadApiException.ServerMessage"/> carries).</summary>
    public string? MessageContains { get; init; }

    /// <summary>Further assertions on what reached the server.</summary>
    public Action<ApiServer>? Reached { get; init; }

    /// <summary>Serves the answer at this SDK endpoint instead of the recorded request's path (for a request the SDK never makes).</summary>
    public string? ServeAt { get; init; }

    /// <summary>Why the SDK cannot read this answer as the server meant it, when it cannot; the test then asserts the honest failure.</summary>
    public string? Impossible { get; init; }

    /// <summary>A call that must return a record whose key fields <paramref name="check"/> asserts.</summary>
    public static Expectation Returns<T>(string call, Func<UploadClient, CancellationToken, Task<T>> run, Action<T> check) => new()
    {
        Call = call,
        Run = async (client, ct) => await run(client, ct),
        Reads = value => check(Assert.IsAssignableFrom<T>(value)),
    };

    /// <summary>A call without a result that must complete.</summary>
    public static Expectation Completes(string call, Func<UploadClient, CancellationToken, Task> run) => new()
    {
        Call = call,
        Run = async (client, ct) =>
        {
            await run(client, ct);
            return null;
        },
        Reads = _ => { },
    };

    /// <summary>A call that must throw <see cref="UploadApiException"/> of <paramref name="kind"/>.</summary>
    public static Expectation Throws(string call, Func<UploadClient, CancellationToken, Task> run, UploadErrorKind kind) => new()
    {
        Call = call,
        Run = async (client, ct) =>
        {
            await run(client, ct);
            return null;
        },
        Fails = kind,
    };
}

using CodeGoodly.Upload.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CodeGoodly.Upload.Tests.Recorded;

/// <summary>
/// Contract tests against a deployed server's own answers: every recorded answer (Recorded/*.jsonl, copies of
/// shared/api/recorded/) is served over real HTTP, byte for byte with its status and Content-Type, for the endpoint the
/// recorded request asked, and met by the public call that asks that endpoint. Successes must read into the right record,
/// errors into the right <see cref="UploadErrorKind"/> with the server's own words, broken bodies into <see cref="UploadApiException"/>.
/// </summary>
public sealed class RecordedAnswerTests
{
    /// <summary>The paths the SDK asks for (its endpoint catalogue, IUploadApi and ISessionApi).</summary>
    private static readonly HashSet<string> SdkPaths =
    [
        "authorize", "disable_access_token", "account/info", "account/package", "file/upload", "file/download", "file/info", "file/edit",
        "file/delete", "file/move", "file/copy", "folder/create", "folder/listing", "folder/info", "folder/edit", "folder/delete", "folder/move",
        "account/create", "account/edit", "account/delete", "package/listing",
    ];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (RecordedAnswer answer in RecordedAnswer.All)
        {
            cases.Add(answer.File, answer.Case);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RecordedAnswer_ServedForItsEndpoint_ReadsAsExpected(string file, string caseName)
    {
        RecordedAnswer answer = RecordedAnswer.Get(file, caseName);
        if (!RecordedExpectations.ByCase.TryGetValue(caseName, out Expectation? expected))
        {
            Assert.Fail($"{answer}: no expectation in RecordedExpectations.ByCase. Decide what the SDK must make of this answer and add it. "
                + $"Request: {answer.Request}; HTTP {answer.Status}; body: {answer.Body[..Math.Min(answer.Body.Length, 200)]}");
            return;
        }

        using var api = new ApiServer();
        string servedAt = Serve(api, answer, expected);
        await using var client = api.CreateClient(options =>
        {
            options.MaxRetries = 0;
            options.MaxReauthorizations = 1;
            if (answer.UsesLogin)
            {
                options.Key1 = options.Key2 = null;
                options.Username = "apiuser";
                options.Password = "recorded-password";
            }
        });

        object? result = null;
        UploadApiException? error = null;
        try
        {
            result = await expected.Run(client, TestContext.Current.CancellationToken);
        }
        catch (UploadApiException thrown)
        {
            error = thrown;
        }

        string context = $"{answer} via {expected.Call}";
        if (expected.Fails is UploadErrorKind kind)
        {
            Assert.True(error is not null, $"{context}: expected UploadApiException ({kind}) but the call returned {result}.");
            Assert.True(kind == error.Kind, $"{context}: expected {kind} but got {error.Kind}: {error.Message}");
            Assert.Equal(expected.FailsAt ?? servedAt, error.Endpoint);
            Assert.Equal(answer.Status == 0 ? 200 : answer.Status, error.HttpStatus);
            Assert.Equal(answer.ServerWords, error.ServerMessage); // verbatim, or null for a body that is not the API's JSON
            if (expected.MessageContains is not null)
            {
                Assert.Contains(expected.MessageContains, error.Message, StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.True(error is null, $"{context}: expected a record but got {error?.Kind}: {error?.Message}");
            expected.Reads!(result);
        }

        // What reached the server: the SDK's POST to the endpoint that gave the answer, carrying the recorded token after a sign-in.
        var served = api.Server.LogEntries.Where(e => e.RequestMessage.AbsolutePath == "/api/v2/" + servedAt).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, e => Assert.Equal("POST", e.RequestMessage.Method));
        if (servedAt != "authorize")
        {
            Assert.All(served, e => Assert.Equal(RecordedExpectations.RecordedToken, ApiServer.AccessTokenOf(e.RequestMessage)));
        }

        expected.Reached?.Invoke(api);
    }

    [Fact]
    public void RecordedExpectations_EveryEntry_MatchesARecordedCase()
    {
        var recorded = RecordedAnswer.All.Select(a => a.Case).ToHashSet();

        var stale = RecordedExpectations.ByCase.Keys.Where(name => !recorded.Contains(name)).ToList();
        Assert.True(stale.Count == 0, "expectations without a recorded case: " + string.Join(", ", stale));
    }

    [Fact]
    public void RecordedAnswers_BothFiles_HoldEveryCaseOnce()
    {
        foreach (string file in RecordedAnswer.Files)
        {
            var cases = RecordedAnswer.All.Where(a => a.File == file).Select(a => a.Case).ToList();
            Assert.Equal(107, cases.Count);
            Assert.Equal(cases.Count, cases.Distinct().Count());
        }
    }

    [Fact]
    public void RecordedAnswers_CopiesInTheRepository_MatchTheSharedRecordingsWhenPresent()
    {
        // The tests read the copies beside them; where the shared recordings sit next to the repository (../shared/api/recorded,
        // as CI checks them out), a re-recording that was not copied over shows up here.
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "shared", "api", "recorded")))
        {
            directory = directory.Parent;
        }

        Assert.SkipWhen(directory is null, "shared/api/recorded is not beside the repository; the in-repository copies are used as they are.");
        foreach (string file in RecordedAnswer.Files)
        {
            string shared = File.ReadAllText(Path.Combine(directory!.FullName, "shared", "api", "recorded", file + ".jsonl"));
            string copy = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", file + ".jsonl"));
            Assert.True(shared == copy, $"tests/CodeGoodly.Upload.Tests/Recorded/{file}.jsonl differs from shared/api/recorded/{file}.jsonl: copy it over.");
        }
    }

    /// <summary>
    /// Serves the recorded answer where the SDK will meet it, and the answers the call needs around it (a sign-in, the call after a
    /// sign-in) from the same recording. Returns the endpoint the recorded answer is served at.
    /// </summary>
    private static string Serve(ApiServer api, RecordedAnswer answer, Expectation expected)
    {
        string? path = expected.ServeAt ?? answer.Path;
        if (path is null || !SdkPaths.Contains(path))
        {
            // A path the SDK never asks for: its answer is what a server gives every path the SDK asks when BaseAddress is wrong.
            api.Server.Given(Request.Create().WithPath("/*")).RespondWith(Recorded(answer));
            return "authorize";
        }

        api.Server.Given(Request.Create().WithPath("/api/v2/" + path)).RespondWith(Recorded(answer));
        if (path != "authorize")
        {
            api.Server.Given(Request.Create().WithPath("/api/v2/authorize"))
                .RespondWith(Recorded(RecordedAnswer.Get(answer.File, answer.UsesLogin ? "105_authorize_username_password" : "01_authorize_user_keys")));
        }

        if (path is "authorize" or "disable_access_token")
        {
            api.Server.Given(Request.Create().WithPath("/api/v2/account/info")).RespondWith(Recorded(RecordedAnswer.Get(answer.File, "12_account_info")));
        }

        return path;
    }

    private static IResponseBuilder Recorded(RecordedAnswer answer)
    {
        // Status 0 is curl's "no HTTP answer" (case 55); its body is the 200 application/json page it reused, served as such.
        IResponseBuilder response = Response.Create().WithStatusCode(answer.Status == 0 ? 200 : answer.Status).WithBody(answer.BodyBytes);
        string? contentType = answer.ContentType ?? (answer.Status == 0 ? "application/json" : null);
        return contentType is null ? response : response.WithHeader("Content-Type", contentType);
    }
}

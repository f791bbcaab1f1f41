using System.Diagnostics;
using System.Text;
using CodeGoodly.Upload.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>Fault-injection helpers over <see cref="ApiServer"/>: answers in sequence, canned bodies, and a bound on how long a call may take.</summary>
internal static class FaultServer
{
    public const string FileJson = """{"data":{"id":"1253","filename":"sample4_l.jpg","shortUrl":"2Vv","fileSize":"149084","status":"active","folderId":null},"_status":"success","_datetime":"2024-11-28 22:52:06"}""";
    public const string FolderJson = """{"response":"Folder successfully created.","data":{"id":"125","parentId":null,"folderName":"My New Folder","totalSize":"0","isPublic":"0","accessPassword":null,"date_added":"2017-02-18 12:26:06","date_updated":null,"url_folder":"http://yoursite.com/folder/125/My_New_Folder","total_downloads":0,"child_folder_count":0,"file_count":0},"_status":"success","_datetime":"2024-11-28 22:52:06"}""";
    public const string UploadJson = """{"response":"File uploaded","data":[{"name":"a.txt","size":"5","file_id":"7","error":null}],"_status":"success"}""";
    public const string AccountJson = """{"data":{"id":"158642","username":"admin","level_id":"20","email":"a@example.com"},"_status":"success","_datetime":"2024-11-28 22:52:06"}""";
    public const string RefusedJson = """{"status":"error","response":"Could not validate access_token and account_id, please reauthenticate or try again.","_datetime":"2024-11-28 22:52:06"}""";

    /// <summary>
    /// No call in these tests may take longer than this: a generous bound that only a hang would cross, not a slow machine.
    /// A test that checks a call ends "promptly" makes the alternative a wait far longer than this (a 10-minute Retry-After).
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Answers an endpoint with each response in turn; the last one repeats.</summary>
    public static ApiServer GivenSequence(this ApiServer api, string endpoint, params IResponseBuilder[] responses)
    {
        if (responses.Length == 1)
        {
            api.Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost()).RespondWith(responses[0]);
            return api;
        }

        string scenario = "seq-" + endpoint;
        for (int i = 0; i < responses.Length; i++)
        {
            var mapping = api.Server.Given(Request.Create().WithPath("/api/v2/" + endpoint).UsingPost()).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs("step" + i);
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo("step" + (i + 1));
            }

            mapping.RespondWith(responses[i]);
        }

        return api;
    }

    public static IResponseBuilder Status(int status, string? body = null, string contentType = "text/html") =>
        body is null
            ? Response.Create().WithStatusCode(status)
            : Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body, encoding: Encoding.UTF8);

    public static IResponseBuilder Html(int status, string title) =>
        Status(status, $"<html><head><title>{status} {title}</title></head><body><center><h1>{status} {title}</h1></center><hr><center>nginx</center></body></html>");

    public static IResponseBuilder Raw(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body, encoding: Encoding.UTF8);

    /// <summary>Runs a call and fails the test if it takes longer than <see cref="Bound"/> (a hang), returning how long it took.</summary>
    public static async Task<TimeSpan> BoundedAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        Task running = call();
        Task finished = await Task.WhenAny(running, Task.Delay(Bound, TestContext.Current.CancellationToken));
        Assert.True(ReferenceEquals(finished, running), $"The call did not finish within {Bound.TotalSeconds} s.");
        await running;
        return clock.Elapsed;
    }

    /// <summary>
    /// Waits until the server has seen what <paramref name="seen"/> looks for (a request, an answer sent): the test acts on an
    /// event observed at the server, never on a timer. A hang is caught by the test's <see cref="BoundedAsync"/> or the test run's token.
    /// </summary>
    public static async Task WhenServerSawAsync(Func<bool> seen)
    {
        while (!seen())
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Runs a call that must fail with <typeparamref name="TException"/> within <see cref="Bound"/>.</summary>
    public static async Task<TException> FailsWithinBoundAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        TException? caught = null;
        await BoundedAsync(async () => caught = await Assert.ThrowsAnyAsync<TException>(call));
        return caught!;
    }
}

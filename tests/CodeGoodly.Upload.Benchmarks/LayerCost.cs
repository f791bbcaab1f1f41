using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CodeGoodly.Upload.Api;
using CodeGoodly.Upload.Diagnostics;
using CodeGoodly.Upload.Http;
using CodeGoodly.Upload.Resilience;
using CodeGoodly.Upload.Session;
using Refit;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>
/// <c>-- layers [calls]</c>: what each layer of the SDK costs a small call, in CPU time and bytes, with no network and no server.
/// Every stage answers <c>/file/info</c> from memory (the deployed server's answer, byte for byte), on one thread, so what is left is
/// the layers' own work: the raw code, then Refit alone, then the façade (Refit, <c>ApiCaller</c>, the envelope reader, the typed
/// mapping) over the bare network, then the same façade with the handler chain built up one handler at a time, as
/// <see cref="ClientPipeline"/> assembles it. A stage's cost minus the stage before it is that layer's cost. Loopback latency has
/// the same layers plus the network round trip and the server, which is why its ratio is far smaller than this one.
/// </summary>
internal static class LayerCost
{
    private static readonly byte[] InfoAnswer = Encoding.UTF8.GetBytes(
        """{"data":{"id":"1","filename":"r\u00e9sum\u00e9 \u2713.txt","shortUrl":"b","fileType":"application\/octet-stream","extension":"txt","fileSize":"18","uploadedIP":"127.0.0.1","uploadedDate":"2026-12-01 04:14:58","file_status":"active","downloads":"0","lastAccessed":null,"folderId":null,"keywords":"r\u00e9sum\u00e9,\u2713,txt","isPublic":"1","uploadSource":"api","url_file":"http:\/\/127.0.0.1:8089\/b","url_file_info":"http:\/\/127.0.0.1:8089\/b~i","url_file_stats":"http:\/\/127.0.0.1:8089\/b~s","url_file_delete":"http:\/\/127.0.0.1:8089\/b~d?71b570deacbd8351a584526de991355b"},"_status":"success","_datetime":"2026-12-01 04:14:58"}""");

    private static readonly byte[] AuthorizeAnswer = Encoding.UTF8.GetBytes(
        "{\"data\":{\"access_token\":\"" + new string('T', 128) + "\",\"account_id\":\"2\"},\"_status\":\"success\",\"_datetime\":\"2026-12-01 04:14:56\"}");

    private static readonly Uri BaseAddress = new("https://api.example.test/api/v2/");

    /// <summary>Prints the table (<c>-- layers [calls]</c>).</summary>
    public static async Task<int> RunAsync(int calls)
    {
        Console.WriteLine($"CodeGoodly.Upload layer cost — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {calls} calls per stage and round, in memory (no network, no server)");
        Console.Write(await MeasureAsync(calls));
        return 0;
    }

    /// <summary>Measures every stage (7 rounds after 2 warm-up rounds, stages in a rotating order) and returns a Markdown table and a summary line.</summary>
    public static async Task<string> MeasureAsync(int calls)
    {
        var options = new UploadClientOptions { BaseAddress = BaseAddress, Key1 = new string('a', 64), Key2 = new string('b', 64) }.ValidatedCopy();
        var stages = new List<(string Name, Func<Task> Call)>();

        // The raw code, as the loopback benchmark runs it (RawClient), over the same in-memory answers.
        using var raw = new RawClient(BaseAddress, new MemoryServer(), token: new string('T', 128), accountId: "2");
        stages.Add(("raw HttpClient + System.Text.Json", () => raw.GetInfoAsync(1253)));

        // Refit alone: the generated call sends the form and hands back the answer, unread.
        using var refitHttp = new HttpClient(new MemoryServer(), disposeHandler: true) { BaseAddress = BaseAddress };
        IUploadApi refit = RestService.ForGenerated<IUploadApi>(refitHttp, UploadRefit.Settings);
        stages.Add(("Refit call (answer not read)", async () =>
        {
            using HttpResponseMessage response = await refit.FileInfoAsync(new FileIdForm { FileId = "1253" }, CancellationToken.None);
        }));

        // The façade over the network alone, then with the handlers added from the inside out.
        var built = new List<UploadClient>();
        foreach ((string name, Func<SessionTokenCache, HttpMessageHandler> chain) in new (string, Func<SessionTokenCache, HttpMessageHandler>)[]
        {
            ("façade: Refit + ApiCaller + envelope reader + typed mapping", _ => new MemoryServer()),
            ("+ telemetry handler", _ => Telemetry()),
            ("+ answer buffering handler", _ => Buffering()),
            ("+ resilience handler (Polly: timeouts, retry, budget)", session => Resilience(options, session)),
            ("+ session handler = the whole SDK", session => new SessionHandler(session, options) { InnerHandler = Resilience(options, session) }),
        })
        {
            var session = new SessionTokenCache();
            var http = new HttpClient(chain(session), disposeHandler: true) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            var client = new UploadClient(http, options, session, signOutOnDispose: false, ownsHttp: true);
            built.Add(client);
            stages.Add((name, async () => _ = await client.Files.GetInfoAsync(new FileId(1253))));
        }

        var measured = stages.ToDictionary(s => s.Name, s => new Measured(s.Name));
        const int Rounds = 7;
        for (int round = -2; round < Rounds; round++)
        {
            for (int k = 0; k < stages.Count; k++)
            {
                (string name, Func<Task> call) = stages[(k + Math.Max(round, 0)) % stages.Count];
                GC.Collect();
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < calls; i++)
                {
                    await call();
                }

                watch.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (round >= 0)
                {
                    measured[name].Add(watch.Elapsed, allocated);
                }
            }
        }

        var table = new StringBuilder();
        table.AppendLine("| stage | µs per call (median of rounds) | + µs over the stage before | bytes per call | + bytes over the stage before |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        double? previousTime = null, previousBytes = null;
        foreach ((string name, _) in stages)
        {
            double time = MicrosecondsPerCall(measured[name], calls);
            double allocatedPerCall = measured[name].MedianAllocated / calls;
            string timeDelta = previousTime is double t && name.StartsWith('+') ? (time - t).ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "";
            string bytesDelta = previousBytes is double b && name.StartsWith('+') ? (allocatedPerCall - b).ToString("+0;-0", CultureInfo.InvariantCulture) : "";
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {time:0.00} | {timeDelta} | {allocatedPerCall:0} | {bytesDelta} |");
            previousTime = time;
            previousBytes = allocatedPerCall;
        }

        Measured rawStage = measured[stages[0].Name], sdkStage = measured[stages[^1].Name];
        double rawTime = MicrosecondsPerCall(rawStage, calls), sdkTime = MicrosecondsPerCall(sdkStage, calls);
        double rawBytes = rawStage.MedianAllocated / calls, sdkBytes = sdkStage.MedianAllocated / calls;
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"Whole SDK over raw, in memory: {sdkTime - rawTime:0.00} µs and {sdkBytes - rawBytes:0} B more per call ({sdkTime / rawTime:0.00}× the time, {sdkBytes / rawBytes:0.00}× the bytes).");
        foreach (UploadClient client in built)
        {
            client.Dispose();
        }

        return table.ToString();
    }

    private static TelemetryHandler Telemetry() => new(UploadDiagnostics.Silent) { InnerHandler = new MemoryServer() };

    private static AnswerBufferingHandler Buffering() => new() { InnerHandler = Telemetry() };

    private static DelegatingHandler Resilience(UploadClientOptions options, SessionTokenCache session) =>
        ResiliencePipelines.CreateResilienceHandler(options, session.RetryBudget, Buffering());

    private static double MicrosecondsPerCall(Measured stage, int calls) => stage.MedianSeconds * 1e6 / calls;

    /// <summary>Answers every call from memory, synchronously: <c>/authorize</c> with a token, anything else with the <c>/file/info</c> answer.</summary>
    private sealed class MemoryServer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[] body = request.RequestUri!.AbsolutePath.EndsWith("/authorize", StringComparison.Ordinal) ? AuthorizeAnswer : InfoAnswer;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}

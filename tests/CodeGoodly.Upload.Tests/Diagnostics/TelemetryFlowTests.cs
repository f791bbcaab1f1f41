using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CodeGoodly.Upload.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CodeGoodly.Upload.Tests.Diagnostics;

[Collection(TelemetryTestGroup.Name)]
public sealed class TelemetryFlowTests : IDisposable
{
    private const string DownloadToken = "c3e6289a23e9819d8663569da96087d0760ccc46d0f3ddbe3f6930b261777067";
    private const string Username = "report-user";
    private const string Password = "hunter2-Pa55word";
    private const string AccountJson = """{"data":{"id":"158642","username":"admin","level_id":"20"},"_status":"success"}""";
    private static readonly byte[] Payload = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();

    private readonly ApiServer api = new();
    private readonly ConcurrentBag<Activity> activities = [];
    private readonly ActivityListener listener;
    private readonly Activity root = new("telemetry-test");

    public TelemetryFlowTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true, // ours and HttpClient's own spans: neither may carry a secret
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        root.Start();
    }

    public static TheoryData<bool> CredentialKinds => new() { true, false };

    [Theory]
    [MemberData(nameof(CredentialKinds))]
    public async Task FullFlow_LogsTracesAndMetrics_EventsPresentAndNoSecretAnywhere(bool withKeys)
    {
        ArrangeServer();
        using var durations = new MetricCollector<double>(null, UploadTelemetry.Name, "codegoodly.upload.operation.duration");
        using var bytes = new MetricCollector<long>(null, UploadTelemetry.Name, "codegoodly.upload.transfer.bytes");
        using var authorizations = new MetricCollector<long>(null, UploadTelemetry.Name, "codegoodly.upload.authorizations");
        using var retries = new MetricCollector<long>(null, UploadTelemetry.Name, "codegoodly.upload.retries");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddUploadClient(options =>
        {
            options.BaseAddress = api.BaseAddress;
            options.AllowInsecureHttp = true;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            if (withKeys)
            {
                options.Key1 = ApiServer.Key1;
                options.Key2 = ApiServer.Key2;
            }
            else
            {
                options.Username = Username;
                options.Password = Password;
            }
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IUploadClient client = provider.GetRequiredService<IUploadClient>();
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;

        await client.Account.GetInfoAsync(cancellationToken);                       // refused token → re-authorize
        await client.Folders.ListAsync(cancellationToken: cancellationToken);      // 503 → retry
        using (var content = new MemoryStream(Payload))
        {
            await client.Files.UploadAsync(content, "report.bin", cancellationToken: cancellationToken);
        }

        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(new FileId(7), downloaded, cancellationToken: cancellationToken);
        var missing = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.GetInfoAsync(new FileId(404), cancellationToken));

        Assert.Equal(Payload, downloaded.ToArray());
        Assert.Equal(UploadErrorKind.NotFound, missing.Kind);

        // Logs: the events, by their stable ids.
        IReadOnlyList<FakeLogRecord> records = provider.GetFakeLogCollector().GetSnapshot();
        FakeLogRecord[] ours = records.Where(r => r.Category == UploadTelemetry.Name).ToArray();
        int[] expectedIds = [1001, 1002, 2001, 2002, 2004, 3001, 4001, 4002, 4003, 4004];
        Assert.All(expectedIds, id => Assert.Contains(ours, r => r.Id.Id == id));
        Assert.Equal(2, ours.Count(r => r.Id.Id == 2002)); // first sign-in, and the one after the refusal
        FakeLogRecord reauthorize = Assert.Single(ours, r => r.Id.Id == 2004);
        Assert.Equal("account/info", State(reauthorize, "Endpoint"));
        Assert.Equal("Could not validate access_token", State(reauthorize, "Reason"));
        FakeLogRecord retry = Assert.Single(ours, r => r.Id.Id == 3001);
        Assert.Equal("folder/listing", State(retry, "Endpoint"));
        Assert.Equal("HTTP 503", State(retry, "Reason"));
        Assert.Equal(LogLevel.Warning, retry.Level);
        FakeLogRecord uploaded = Assert.Single(ours, r => r.Id.Id == 4002);
        long uploadBodyBytes = long.Parse(State(uploaded, "Bytes")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(uploadBodyBytes, Payload.Length, Payload.Length + 1024); // the file plus the multipart framing and form fields
        FakeLogRecord download = Assert.Single(ours, r => r.Id.Id == 4004);
        Assert.Equal(Payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), State(download, "Bytes"));
        Assert.Contains("download_token=***", State(download, "Url"), StringComparison.Ordinal);
        Assert.Contains(ours, r => r.Id.Id == 1002 && State(r, "Endpoint") == "file/info" && State(r, "StatusCode") == "200");

        // Traces: one span per SDK operation, tagged; sign-ins as their own spans.
        Activity[] spans = activities.Where(a => a.TraceId == root.TraceId && a.Source.Name == UploadTelemetry.Name).ToArray();
        Assert.Single(spans, a => a.OperationName == "account.info");
        Assert.Single(spans, a => a.OperationName == "folders.list");
        Assert.Single(spans, a => a.OperationName == "files.upload");
        Assert.Single(spans, a => a.OperationName == "files.download_link");
        Assert.Single(spans, a => a.OperationName == "files.download");
        Assert.Equal(2, spans.Count(a => a.OperationName == "session.authorize"));
        Activity info = Assert.Single(spans, a => a.OperationName == "files.info");
        Assert.Equal(ActivityStatusCode.Error, info.Status);
        Assert.Equal("NotFound", info.GetTagItem("error.type"));
        Activity upload = Assert.Single(spans, a => a.OperationName == "files.upload");
        Assert.Equal("files.upload", upload.GetTagItem("codegoodly.upload.operation"));
        Assert.Equal("file/upload", upload.GetTagItem("codegoodly.upload.endpoint"));
        Assert.Equal(api.BaseAddress.Port, upload.GetTagItem("server.port"));
        Assert.Equal(ActivityStatusCode.Unset, upload.Status);

        // Metrics: durations per operation, bytes both ways, sign-ins and retries.
        Assert.Contains(durations.GetMeasurementSnapshot(), m => Equals(m.Tags["codegoodly.upload.operation"], "files.upload") && !m.Tags.ContainsKey("error.type"));
        Assert.Contains(durations.GetMeasurementSnapshot(), m => Equals(m.Tags["codegoodly.upload.operation"], "files.info") && Equals(m.Tags["error.type"], "NotFound"));
        Assert.Contains(durations.GetMeasurementSnapshot(), m => Equals(m.Tags["codegoodly.upload.operation"], "files.download"));
        Assert.Equal(uploadBodyBytes, bytes.GetMeasurementSnapshot().Where(m => Equals(m.Tags["codegoodly.upload.direction"], "upload")).Sum(m => m.Value));
        Assert.Equal(Payload.Length, bytes.GetMeasurementSnapshot().Where(m => Equals(m.Tags["codegoodly.upload.direction"], "download")).Sum(m => m.Value));
        Assert.Equal(2, authorizations.GetMeasurementSnapshot().Sum(m => m.Value));
        CollectedMeasurement<long> retried = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal("HTTP 503", retried.Tags["codegoodly.upload.reason"]);

        // No secret in any log record (ours or HttpClientFactory's) or in any span (ours or HttpClient's).
        string[] secrets = withKeys ? [ApiServer.Key1, ApiServer.Key2, ApiServer.Token, DownloadToken] : [Password, ApiServer.Token, DownloadToken];
        string everything = string.Join('\n', records.Select(Describe).Concat(activities.Where(a => a.TraceId == root.TraceId).Select(Describe)));
        Assert.Contains("CodeGoodly.Upload", everything, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        root.Dispose();
        listener.Dispose();
        api.Dispose();
    }

    private void ArrangeServer()
    {
        WireMock.Server.WireMockServer server = api.Server;
        server.Given(Request.Create().WithPath("/api/v2/authorize").UsingPost())
            .RespondWith(ApiServer.Json($$"""{"data":{"access_token":"{{ApiServer.Token}}","account_id":"{{ApiServer.AccountId}}"},"_status":"success"}"""));
        server.Given(Request.Create().WithPath("/api/v2/account/info").UsingPost()).InScenario("token").WillSetStateTo("refused once")
            .RespondWith(ApiServer.Json("""{"status":"error","response":"Could not validate access_token, please reauthenticate or try again."}"""));
        server.Given(Request.Create().WithPath("/api/v2/account/info").UsingPost()).InScenario("token").WhenStateIs("refused once")
            .RespondWith(ApiServer.Json(AccountJson));
        server.Given(Request.Create().WithPath("/api/v2/folder/listing").UsingPost()).InScenario("busy").WillSetStateTo("busy once")
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.ServiceUnavailable).WithBody("<html>busy</html>"));
        server.Given(Request.Create().WithPath("/api/v2/folder/listing").UsingPost()).InScenario("busy").WhenStateIs("busy once")
            .RespondWith(ApiServer.Json("""{"data":{"folders":[],"files":[]},"_status":"success"}"""));
        server.Given(Request.Create().WithPath("/api/v2/file/upload").UsingPost())
            .RespondWith(ApiServer.Json("""{"response":"File uploaded","data":[{"name":"report.bin","size":"300000","file_id":"7","error":null}],"_status":"success"}"""));
        string downloadUrl = $"{server.Urls[0]}/dl/2Vv?download_token={DownloadToken}";
        server.Given(Request.Create().WithPath("/api/v2/file/download").UsingPost())
            .RespondWith(ApiServer.Json($$"""{"data":{"file_id":"7","filename":"report.bin","download_url":"{{downloadUrl}}"},"_status":"success"}"""));
        server.Given(Request.Create().WithPath("/dl/2Vv").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/octet-stream").WithBody(Payload));
        server.Given(Request.Create().WithPath("/api/v2/file/info").UsingPost())
            .RespondWith(ApiServer.Json("""{"status":"error","response":"Could not find file."}"""));
    }

    private static string? State(FakeLogRecord record, string key) =>
        record.StructuredState?.FirstOrDefault(pair => pair.Key == key).Value;

    private static string Describe(FakeLogRecord record) =>
        $"{record.Category} {record.Id} {record.Message} {string.Join(' ', record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? [])} {record.Exception}";

    private static string Describe(Activity activity) =>
        $"{activity.Source.Name} {activity.OperationName} {activity.DisplayName} {activity.StatusDescription} "
        + string.Join(' ', activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"))
        + string.Join(' ', activity.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={tag.Value}")));
}

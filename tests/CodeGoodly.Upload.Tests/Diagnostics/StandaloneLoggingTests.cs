using CodeGoodly.Upload.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CodeGoodly.Upload.Tests.Diagnostics;

public sealed class StandaloneLoggingTests
{
    [Fact]
    public async Task UploadClient_WithLoggerFactory_LogsSignInAndUploadWithoutSecrets()
    {
        using var api = new ApiServer().GivenAuthorize()
            .Given("file/upload", """{"response":"File uploaded","data":[{"name":"a.txt","size":"5","file_id":"7","error":null}],"_status":"success"}""");
        var collector = new FakeLogCollector();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var client = new UploadClient(api.Options(), loggerFactory);
        using var content = new MemoryStream("hello"u8.ToArray());

        await client.Files.UploadAsync(content, "a.txt", cancellationToken: TestContext.Current.CancellationToken);

        IReadOnlyList<FakeLogRecord> records = collector.GetSnapshot();
        Assert.All(new[] { 1001, 1002, 2001, 2002, 4001, 4002 }, id => Assert.Contains(records, r => r.Id.Id == id && r.Category == UploadTelemetry.Name));
        FakeLogRecord authorized = Assert.Single(records, r => r.Id.Id == 2002);
        Assert.Equal($"Authorized account {ApiServer.AccountId} in {authorized.StructuredState!.Single(p => p.Key == "ElapsedMilliseconds").Value} ms", authorized.Message);
        Assert.Equal("API keys", Assert.Single(records, r => r.Id.Id == 2001).StructuredState!.Single(p => p.Key == "CredentialKind").Value);
        string everything = string.Join('\n', records.Select(r => $"{r.Message} {string.Join(' ', r.StructuredState!.Select(p => p.Value))} {r.Exception}"));
        Assert.DoesNotContain(ApiServer.Key1, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key2, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Token, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadClient_WrongKeys_LogsTheFailedSignInAndNoKey()
    {
        using var api = new ApiServer()
            .Given("authorize", """{"status":"error","response":"Could not authenticate user. The key pair may be invalid or your account may be locked from too many failed logins."}""");
        var collector = new FakeLogCollector();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        using var client = new UploadClient(api.Options(), loggerFactory);

        var failure = await Assert.ThrowsAsync<UploadApiException>(() => client.Account.GetInfoAsync(TestContext.Current.CancellationToken));

        Assert.Equal(UploadErrorKind.Authentication, failure.Kind);
        FakeLogRecord failed = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 2003);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal("Authentication", failed.StructuredState!.Single(p => p.Key == "ErrorType").Value);
        Assert.Contains("Could not authenticate user", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiServer.Key1, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UploadClient_NullLoggerFactory_ThrowsArgumentNullException()
    {
        using var api = new ApiServer();

        Assert.Throws<ArgumentNullException>(() => new UploadClient(api.Options(), (ILoggerFactory)null!));
    }
}

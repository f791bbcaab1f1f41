using CodeGoodly.Upload.Tests.Support;
using CsCheck;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Types;
using WireMock.Util;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>Whatever a server sends back, the only exception a caller sees is <see cref="UploadApiException"/>.</summary>
public sealed class ResponseFuzzTests
{
    private static readonly byte[] TokenAnswer = System.Text.Encoding.UTF8.GetBytes(
        $$"""{"data":{"access_token":"{{ApiServer.Token}}","account_id":"{{ApiServer.AccountId}}"},"_status":"success"}""");

    [Fact]
    public async Task EveryEndpoint_RandomAndMutatedBodies_OnlyUploadApiExceptionEscapes()
    {
        using var api = new ApiServer();
        BodyMutation? current = null;
        api.Server.Given(Request.Create().WithPath("/api/v2/*").UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(request =>
        {
            BodyMutation mutation = Volatile.Read(ref current)!;
            string path = request.AbsolutePath["/api/v2/".Length..];
            bool fuzzed = path == mutation.Target.Path;
            byte[] body = fuzzed ? mutation.Body()
                : path == "authorize" ? TokenAnswer
                : System.Text.Encoding.UTF8.GetBytes(ApiSamples.All.Single(e => e.Path == path).Sample);
            return new ResponseMessage
            {
                StatusCode = fuzzed ? mutation.HttpStatus : 200,
                BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
            };
        }));
        int calls = 0;
        int iterations = PropertyRuns.Iterations(200);

        await BodyMutation.Gen.SampleAsync(async mutation =>
        {
            Volatile.Write(ref current, mutation);
            using var client = api.CreateClient(o => o.MaxRetries = 0);
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            hang.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await mutation.Target.Call(client, hang.Token);
            }
            catch (UploadApiException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.Equal(mutation.Target.Path, error.Endpoint);
            }
            catch (Exception other)
            {
                Assert.Fail($"{mutation}: {other.GetType().Name} escaped: {other.Message}");
            }

            Interlocked.Increment(ref calls);
        }, iter: iterations, threads: 1);

        Assert.Equal(iterations, calls);
    }
}

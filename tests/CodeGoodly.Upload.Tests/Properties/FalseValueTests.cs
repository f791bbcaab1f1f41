using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Tests.Support;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Types;
using WireMock.Util;

namespace CodeGoodly.Upload.Tests.Properties;

/// <summary>
/// PHP sends <c>false</c> where it has no value (<c>"hash": false</c> on deployed servers). Whatever field of whatever answer
/// holds it, no text property of any record reads it as <c>"0"</c> or <c>"False"</c>, and no error reports it as the server's words.
/// </summary>
public sealed class FalseValueTests
{
    private static readonly byte[] TokenAnswer = Encoding.UTF8.GetBytes(
        $$"""{"data":{"access_token":"{{ApiServer.Token}}","account_id":"{{ApiServer.AccountId}}"},"_status":"success"}""");

    private static readonly HashSet<string> EnvelopeFields = ["_status", "status", "response", "_datetime"];

    [Fact]
    public async Task EveryEndpoint_FalseInAnyField_NeverReadAsText()
    {
        using var api = new ApiServer();
        Answer? current = null;
        api.Server.Given(Request.Create().WithPath("/api/v2/*").UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithCallback(request =>
        {
            string path = request.AbsolutePath["/api/v2/".Length..];
            Answer answer = Volatile.Read(ref current)!;
            byte[] body = path == answer.Path ? answer.Body
                : path == "authorize" ? TokenAnswer
                : Encoding.UTF8.GetBytes(ApiSamples.All.Single(e => e.Path == path).Sample);
            return new ResponseMessage { StatusCode = 200, BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes } };
        }));
        int cases = 0;

        foreach (ApiSamples.Endpoint endpoint in ApiSamples.All)
        {
            JsonNode sample = JsonNode.Parse(endpoint.Sample)!;
            int leaves = Leaves(sample).Count();
            for (int index = 0; index < leaves; index++)
            {
                JsonNode root = JsonNode.Parse(endpoint.Sample)!;
                (JsonNode? owner, string name) = Leaves(root).ElementAt(index);
                SetFalse(owner!, name);
                Volatile.Write(ref current, new Answer(endpoint.Path, Encoding.UTF8.GetBytes(root.ToJsonString())));
                string where = $"{endpoint.Path}: {name} = false";

                using var client = api.CreateClient(o => o.MaxRetries = 0);
                try
                {
                    Task call = endpoint.Call(client, TestContext.Current.CancellationToken);
                    await call;
                    AssertNoFalseText(ResultOf(call), where);
                }
                catch (UploadApiException error)
                {
                    // A required field (an id, a name, the token) that is false is missing: an unexpected answer, never "0".
                    Assert.True(error.Kind == UploadErrorKind.UnexpectedResponse, $"{where}: {error.Kind}: {error.Message}");
                    Assert.True(error.ServerMessage is null, $"{where}: the server's words read as '{error.ServerMessage}'");
                }

                cases++;
            }
        }

        Assert.True(cases > 200, $"only {cases} fields were tried");
    }

    /// <summary>Every scalar below the envelope (the envelope's own fields say whether the answer is an error, not what a record holds).</summary>
    private static IEnumerable<(JsonNode? Owner, string Name)> Leaves(JsonNode node, bool top = true)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> property in obj.ToList())
                {
                    if (top && EnvelopeFields.Contains(property.Key))
                    {
                        continue;
                    }

                    if (property.Value is JsonObject or JsonArray)
                    {
                        foreach (var leaf in Leaves(property.Value, top: false))
                        {
                            yield return leaf;
                        }
                    }
                    else
                    {
                        yield return (obj, property.Key);
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    if (item is not null)
                    {
                        foreach (var leaf in Leaves(item, top: false))
                        {
                            yield return leaf;
                        }
                    }
                }

                break;
        }
    }

    private static void SetFalse(JsonNode owner, string name) => owner.AsObject()[name] = JsonValue.Create(false);

    private static object? ResultOf(Task call) => call.GetType().GetProperty("Result")?.GetValue(call);

    /// <summary>Walks a public record (and its lists) and fails on any text property that holds a boolean's text.</summary>
    private static void AssertNoFalseText(object? value, string where)
    {
        switch (value)
        {
            case null or Uri:
                return;
            case string text:
                Assert.False(text is "0" or "False" or "false", $"{where}: read as the text '{text}'");
                return;
            case IEnumerable items:
                foreach (object? item in items)
                {
                    AssertNoFalseText(item, where);
                }

                return;
        }

        Type type = value.GetType();
        if (type.Namespace != typeof(UploadedFile).Namespace || type.IsEnum)
        {
            return;
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoFalseText(property.GetValue(value), $"{where} → {type.Name}.{property.Name}");
        }
    }

    /// <summary>The answer served for <see cref="Path"/> in the current case.</summary>
    private sealed record Answer(string Path, byte[] Body);
}

namespace CodeGoodly.Upload.Http;

/// <summary>
/// Lets a caller's own <see cref="HttpClient"/> be the network end of the SDK's pipeline. Each send goes out as a fresh
/// copy of the request, because an <see cref="HttpClient"/> refuses to send one message twice and the pipeline repeats
/// requests (retries, re-authorization).
/// </summary>
internal sealed class HttpClientForwarder(HttpClient client) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = request.Content,
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, object?> option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}

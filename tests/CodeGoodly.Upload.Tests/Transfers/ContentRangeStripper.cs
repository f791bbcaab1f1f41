namespace CodeGoodly.Upload.Tests.Transfers;

/// <summary>
/// Plays a broken server (or proxy) whose partial answers cannot be placed: removes <c>Content-Range</c> from every 206 before
/// the SDK sees it. Too odd a quirk for the fake itself, so it lives on the client side of the test.
/// </summary>
internal sealed class ContentRangeStripper(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode == 206)
        {
            response.Content.Headers.ContentRange = null;
        }

        return response;
    }
}

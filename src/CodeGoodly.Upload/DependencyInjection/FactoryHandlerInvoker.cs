namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The network end of a long-lived <see cref="HttpClient"/> over a named <see cref="IHttpClientFactory"/> client: each request goes
/// through the handler chain the factory hands out <em>now</em> (<see cref="IHttpMessageHandlerFactory.CreateHandler"/>), so a client
/// kept for the application's life follows the factory's handler rotation (DNS changes, recycled connections) as a typed client
/// created per use does. It owns nothing: the factory owns and disposes the handlers.
/// </summary>
internal sealed class FactoryHandlerInvoker(IHttpMessageHandlerFactory handlers, string name) : HttpMessageHandler
{
    private Current? current;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Invoker().SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Invoker().Send(request, cancellationToken);

    /// <summary>An invoker over the factory's active handler: reused until the factory rotates it (a lookup per request, no allocation).</summary>
    private HttpMessageInvoker Invoker()
    {
        HttpMessageHandler handler = handlers.CreateHandler(name);
        Current? cached = Volatile.Read(ref current);
        if (cached is null || !ReferenceEquals(cached.Handler, handler))
        {
            cached = new Current(handler);
            Volatile.Write(ref current, cached);
        }

        return cached.Invoker;
    }

    private sealed class Current(HttpMessageHandler handler)
    {
        public HttpMessageHandler Handler { get; } = handler;

        // disposeHandler: false — the factory disposes its handlers once nothing uses them; an expired one is simply dropped here.
        public HttpMessageInvoker Invoker { get; } = new(handler, disposeHandler: false);
    }
}

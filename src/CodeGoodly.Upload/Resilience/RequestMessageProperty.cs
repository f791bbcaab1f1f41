using Polly;

namespace CodeGoodly.Upload.Resilience;

/// <summary>Carries the request an attempt sends in the resilience context, so the retry rules can look at it (its endpoint, its body's facts).</summary>
internal static class RequestMessageProperty
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> Key = new("CodeGoodly.Upload.RequestMessage");

    /// <summary>Keeps <paramref name="request"/> in <paramref name="context"/>.</summary>
    public static void SetRequestMessage(this ResilienceContext context, HttpRequestMessage request) => context.Properties.Set(Key, request);

    /// <summary>The request kept in <paramref name="context"/>, if any.</summary>
    public static HttpRequestMessage? GetRequestMessage(this ResilienceContext context) =>
        context.Properties.TryGetValue(Key, out HttpRequestMessage? request) ? request : null;
}

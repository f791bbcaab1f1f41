namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>
/// What the front door decided about a request before handing it to WireMock (memory mode): the fault it took. WireMock's
/// callback runs in the same asynchronous flow, so it finds this through an <see cref="AsyncLocal{T}"/>; every request takes at
/// most one fault, in one place.
/// </summary>
internal sealed record RequestScope(FaultRule? Fault);

using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CodeGoodly.Upload.Benchmarks;

/// <summary>
/// Samples the runtime's AllocationTick events (one per ~100 KB allocated) by type, to see what a small call allocates
/// (<c>-- small [rounds] profile</c>). Statistical: only types allocated often enough show up.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> bytesByType = new();
    private volatile bool recording;

    public void Start() => recording = true;

    public void Stop() => recording = false;

    public IEnumerable<KeyValuePair<string, long>> Top(int count) => bytesByType.OrderByDescending(p => p.Value).Take(count);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
        string type = typeIndex >= 0 ? eventData.Payload![typeIndex] as string ?? "?" : "?";
        long amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload![amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 0;
        bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}

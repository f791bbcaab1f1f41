using System.Collections;

namespace CodeGoodly.Upload.Testing;

/// <summary>Every request the fake received, in order, without secrets. Thread-safe; enumerating takes a snapshot.</summary>
public sealed class FakeJournal : IReadOnlyList<FakeJournalEntry>
{
    private readonly object gate = new();
    private readonly List<FakeJournalEntry> entries = [];

    /// <summary>The number of requests received.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>The request at <paramref name="index"/>, oldest first.</summary>
    /// <param name="index">The position.</param>
    public FakeJournalEntry this[int index]
    {
        get
        {
            lock (gate)
            {
                return entries[index];
            }
        }
    }

    /// <summary>How many requests reached <paramref name="endpoint"/> (e.g. <c>file/info</c>; case-insensitive).</summary>
    /// <param name="endpoint">The endpoint.</param>
    public int CountOf(string endpoint) => For(endpoint).Count;

    /// <summary>The requests to <paramref name="endpoint"/> (e.g. <c>file/info</c>; case-insensitive), oldest first.</summary>
    /// <param name="endpoint">The endpoint.</param>
    public IReadOnlyList<FakeJournalEntry> For(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        string wanted = endpoint.Trim('/');
        lock (gate)
        {
            return entries.Where(e => string.Equals(e.Endpoint, wanted, StringComparison.OrdinalIgnoreCase)).ToArray();
        }
    }

    /// <summary>The number of requests per endpoint.</summary>
    public IReadOnlyDictionary<string, int> CountsByEndpoint()
    {
        lock (gate)
        {
            return entries.GroupBy(e => e.Endpoint, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Forgets every request received so far.</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    /// <summary>Enumerates a snapshot of the requests.</summary>
    public IEnumerator<FakeJournalEntry> GetEnumerator()
    {
        FakeJournalEntry[] snapshot;
        lock (gate)
        {
            snapshot = [.. entries];
        }

        return ((IEnumerable<FakeJournalEntry>)snapshot).GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(FakeJournalEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    /// <summary>Replaces an entry recorded on arrival with its answered form (unless the journal was cleared meanwhile).</summary>
    internal void Complete(FakeJournalEntry arrived, FakeJournalEntry answered)
    {
        lock (gate)
        {
            for (int i = entries.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(entries[i], arrived))
                {
                    entries[i] = answered;
                    return;
                }
            }
        }
    }
}

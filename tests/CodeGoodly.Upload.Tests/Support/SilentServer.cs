using System.Net;
using System.Net.Sockets;

namespace CodeGoodly.Upload.Tests.Support;

/// <summary>A loopback TCP server that accepts connections and never answers: a hung API host. Disposing it drops every connection at once.</summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> accepted = [];
    private readonly CancellationTokenSource stop = new();

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/api/v2/");

    public int AcceptedConnections
    {
        get
        {
            lock (accepted)
            {
                return accepted.Count;
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (accepted)
        {
            foreach (Socket socket in accepted)
            {
                socket.Dispose();
            }
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Socket socket = await listener.AcceptSocketAsync(stop.Token);
                lock (accepted)
                {
                    accepted.Add(socket);
                }
            }
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The server was disposed.
        }
    }
}

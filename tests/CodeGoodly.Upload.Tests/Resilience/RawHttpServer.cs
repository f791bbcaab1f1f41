using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Resilience;

/// <summary>What <see cref="RawHttpServer"/> does with one request.</summary>
internal sealed record RawReply(string Kind, int Status = 200, string Body = "", string? RetryAfter = null, int ChunkSize = 0)
{
    public static RawReply Json(string body, int status = 200) => new("answer", status, body);

    /// <summary>Reads the whole request, then closes the connection without a byte of answer (the response is lost).</summary>
    public static RawReply Drop { get; } = new("drop");

    /// <summary>Sends the status line, headers announcing the whole body and half of it, then closes the connection.</summary>
    public static RawReply DropMidBody(string body) => new("half", 200, body);

    /// <summary>Sends headers and half the body, then nothing more (until the server is disposed).</summary>
    public static RawReply StallMidBody(string body) => new("stall", 200, body);

    /// <summary>Answers with <c>Transfer-Encoding: chunked</c> (no length announced), in chunks of <paramref name="chunkSize"/> bytes.</summary>
    public static RawReply Chunked(string body, int status = 200, int chunkSize = 1000) => new("chunked", status, body, ChunkSize: chunkSize);

    /// <summary>Reads the request and never answers (until the server is disposed).</summary>
    public static RawReply Silent { get; } = new("silent");
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 for faults WireMock cannot make: connections closed before or in the middle of an
/// answer, and a server that reads a request and never answers. It counts a request once its whole body has arrived, so the
/// counts say what reached the server. <c>/authorize</c> is answered with <see cref="ApiServer.Token"/> unless scripted.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RawReply>> scripts = new();
    private readonly ConcurrentDictionary<string, RawReply> lastReplies = new();
    private readonly ConcurrentQueue<(string Endpoint, string Body)> received = new();
    private Func<string, string, RawReply?>? handler;

    public RawHttpServer()
    {
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/api/v2/");

    /// <summary>Answers an endpoint with each reply in turn; the last one repeats.</summary>
    public RawHttpServer Script(string endpoint, params RawReply[] replies)
    {
        scripts[endpoint] = new ConcurrentQueue<RawReply>(replies);
        lastReplies[endpoint] = replies[^1];
        return this;
    }

    /// <summary>Answers every request with <paramref name="handler"/> (endpoint, form body) unless it returns <see langword="null"/>, before any script.</summary>
    public RawHttpServer Handle(Func<string, string, RawReply?> handler)
    {
        this.handler = handler;
        return this;
    }

    public int CountOf(string endpoint) => received.Count(r => r.Endpoint == endpoint);

    public IReadOnlyList<string> BodiesOf(string endpoint) => received.Where(r => r.Endpoint == endpoint).Select(r => r.Body).ToList();

    public UploadClientOptions Options(Action<UploadClientOptions>? configure = null)
    {
        var options = new UploadClientOptions
        {
            BaseAddress = BaseAddress,
            Key1 = ApiServer.Key1,
            Key2 = ApiServer.Key2,
            AllowInsecureHttp = true,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public UploadClient CreateClient(Action<UploadClientOptions>? configure = null) => new(Options(configure));

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            try
            {
                NetworkStream stream = connection.GetStream();
                using var reader = new RequestReader(stream);
                while (await reader.ReadRequestAsync(stopping.Token) is { } request)
                {
                    string endpoint = request.Path.StartsWith("/api/v2/", StringComparison.Ordinal) ? request.Path["/api/v2/".Length..] : request.Path;
                    received.Enqueue((endpoint, request.Body));
                    RawReply reply = handler?.Invoke(endpoint, request.Body) ?? NextReply(endpoint);
                    switch (reply.Kind)
                    {
                        case "drop":
                            return;
                        case "silent":
                            await Task.Delay(Timeout.Infinite, stopping.Token);
                            return;
                        case "stall":
                            byte[] stalled = Encoding.UTF8.GetBytes(reply.Body);
                            await stream.WriteAsync(Head(200, stalled.Length, null), stopping.Token);
                            await stream.WriteAsync(stalled.AsMemory(0, stalled.Length / 2), stopping.Token);
                            await stream.FlushAsync(stopping.Token);
                            await Task.Delay(Timeout.Infinite, stopping.Token);
                            return;
                        case "half":
                            byte[] whole = Encoding.UTF8.GetBytes(reply.Body);
                            await stream.WriteAsync(Head(200, whole.Length, null), stopping.Token);
                            await stream.WriteAsync(whole.AsMemory(0, whole.Length / 2), stopping.Token);
                            await stream.FlushAsync(stopping.Token);
                            return;
                        case "chunked":
                            byte[] chunked = Encoding.UTF8.GetBytes(reply.Body);
                            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                                $"HTTP/1.1 {reply.Status} {(reply.Status == 200 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"), stopping.Token);
                            for (int offset = 0; offset < chunked.Length; offset += reply.ChunkSize)
                            {
                                int count = Math.Min(reply.ChunkSize, chunked.Length - offset);
                                await stream.WriteAsync(Encoding.ASCII.GetBytes(count.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), stopping.Token);
                                await stream.WriteAsync(chunked.AsMemory(offset, count), stopping.Token);
                                await stream.WriteAsync("\r\n"u8.ToArray(), stopping.Token);
                                await stream.FlushAsync(stopping.Token);
                            }

                            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), stopping.Token);
                            break;
                        default:
                            byte[] body = Encoding.UTF8.GetBytes(reply.Body);
                            await stream.WriteAsync(Head(reply.Status, body.Length, reply.RetryAfter), stopping.Token);
                            await stream.WriteAsync(body, stopping.Token);
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // the client went away or the server is stopping
            }
        }
    }

    private RawReply NextReply(string endpoint)
    {
        if (scripts.TryGetValue(endpoint, out var queue))
        {
            return queue.TryDequeue(out RawReply? next) ? next : lastReplies[endpoint];
        }

        return endpoint == "authorize"
            ? RawReply.Json($$"""{"data":{"access_token":"{{ApiServer.Token}}","account_id":"{{ApiServer.AccountId}}"},"_status":"success"}""")
            : RawReply.Json("\"No endpoint found for: " + endpoint + "\"", 404);
    }

    private static byte[] Head(int status, int length, string? retryAfter) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n"
        + (retryAfter is null ? string.Empty : $"Retry-After: {retryAfter}\r\n") + "\r\n");

    private sealed record RawRequest(string Path, string Body);

    /// <summary>Reads HTTP/1.1 requests (Content-Length or chunked bodies) from one connection.</summary>
    private sealed class RequestReader(Stream stream) : IDisposable
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private readonly MemoryStream pending = new();

        public void Dispose() => pending.Dispose();

        public async Task<RawRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            string? head = await ReadHeadAsync(cancellationToken);
            if (head is null)
            {
                return null;
            }

            string[] lines = head.Split("\r\n");
            string path = lines[0].Split(' ')[1];
            var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
            byte[] body;
            if (headers.TryGetValue("Content-Length", out string? length))
            {
                body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
            }
            else if (headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                using var all = new MemoryStream();
                while (true)
                {
                    string sizeLine = await ReadLineAsync(cancellationToken);
                    int size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        await ReadLineAsync(cancellationToken);
                        break;
                    }

                    all.Write(await ReadExactlyAsync(size, cancellationToken));
                    await ReadLineAsync(cancellationToken);
                }

                body = all.ToArray();
            }
            else
            {
                body = [];
            }

            return new RawRequest(path, Encoding.UTF8.GetString(body));
        }

        private async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
        {
            var head = new StringBuilder();
            while (true)
            {
                string line;
                try
                {
                    line = await ReadLineAsync(cancellationToken);
                }
                catch (EndOfStreamException)
                {
                    return null;
                }

                if (line.Length == 0)
                {
                    return head.Length == 0 ? null : head.ToString();
                }

                head.Append(line).Append("\r\n");
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            while (true)
            {
                byte b = (await ReadExactlyAsync(1, cancellationToken))[0];
                if (b == '\n')
                {
                    return Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
                }

                line.Add(b);
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            while (pending.Length < count)
            {
                int read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }

                pending.Seek(0, SeekOrigin.End);
                pending.Write(buffer, 0, read);
            }

            byte[] all = pending.ToArray();
            pending.SetLength(0);
            pending.Write(all, count, all.Length - count);
            return all[..count];
        }
    }
}

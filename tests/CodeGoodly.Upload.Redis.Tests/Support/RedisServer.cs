using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CodeGoodly.Upload.Redis.Tests.Support;

/// <summary>A redis-server process of the test's own on a free loopback port, without persistence: to stop, pause and start again.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartGuard = TimeSpan.FromSeconds(60);
    private readonly StringBuilder output = new();
    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>The redis-server to run: <c>CODEGOODLY_REDIS_SERVER</c>, else <c>redis-server</c> on the PATH.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("CODEGOODLY_REDIS_SERVER") is { Length: > 0 } path ? path : "redis-server";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.StartAgainAsync();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process (again, on the same port: an empty server) and returns once it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The Redis tests need a Redis server: set CODEGOODLY_TEST_REDIS=host:port, or install redis-server (apt-get install -y redis-server) " +
                $"or set CODEGOODLY_REDIS_SERVER to its path. Starting '{Executable}' failed: {exception.Message}", exception);
        }

        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var guard = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (process.HasExited || guard.Elapsed > StartGuard)
            {
                string said;
                lock (output)
                {
                    said = output.ToString();
                }

                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING (exited: {process.HasExited}). It said:\n{said}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the process, as a crash or an outage would.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>Sends one command (inline form) on a fresh connection and returns the first line of the reply.</summary>
    public async Task<string> CommandAsync(string inlineCommand)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(inlineCommand + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            return await CommandAsync("PING").WaitAsync(timeout.Token) == "+PONG";
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}

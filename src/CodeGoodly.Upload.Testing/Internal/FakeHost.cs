using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace CodeGoodly.Upload.Testing.Internal;

/// <summary>Starts the WireMock server (Kestrel) the fake runs on: its address, TLS, buffer limits, the front door and the catch-all callback.</summary>
internal static class FakeHost
{
    /// <summary>Kestrel's own defaults, which WireMock lifts: with them a slow reader holds the client back instead of buffering without end.</summary>
    private const long StreamingRequestBuffer = 1024 * 1024;
    private const long StreamingResponseBuffer = 64 * 1024;

    public static WireMockServer Start(
        FakeUploadServerOptions options,
        int port,
        X509Certificate2? certificate,
        Func<HttpContext, Func<Task>, Task> frontDoor,
        Func<WireMock.IRequestMessage, Task<WireMock.IResponseMessage>> callback)
    {
        bool streaming = options.UploadStorage != FakeUploadStorage.Memory;
        int receiveBuffer = options.ReceiveBufferSize;
        var settings = new WireMockServerSettings
        {
            Urls = [$"{(certificate is null ? "http" : "https")}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"],
            StartAdminInterface = false,
            Logger = new WireMockNullLogger(),
            MaxRequestLogCount = 0,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(frontDoor),
            AdditionalServiceRegistration = services =>
            {
                services.PostConfigure<KestrelServerOptions>(kestrel =>
                {
                    if (streaming)
                    {
                        kestrel.Limits.MaxRequestBufferSize = StreamingRequestBuffer;
                        kestrel.Limits.MaxResponseBufferSize = StreamingResponseBuffer;
                        kestrel.Limits.MinRequestBodyDataRate = null;
                        kestrel.Limits.MinResponseDataRate = null;
                    }

                    if (receiveBuffer > 0)
                    {
                        kestrel.Limits.MaxRequestBufferSize = receiveBuffer;
                    }
                });
                if (receiveBuffer > 0)
                {
                    services.Configure<SocketTransportOptions>(sockets => sockets.CreateBoundListenSocket = endpoint =>
                    {
                        Socket socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                        socket.ReceiveBufferSize = receiveBuffer; // accepted connections inherit it
                        return socket;
                    });
                }
            },
        };
        if (certificate is not null)
        {
            settings.CertificateSettings = new WireMockCertificateSettings { X509Certificate = certificate };
        }

        WireMockServer server = WireMockServer.Start(settings);
        server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(callback));
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

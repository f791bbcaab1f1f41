using Spectre.Console;
using CodeGoodly.Upload.Testing;

namespace CodeGoodly.Upload.Cli.Connection;

/// <summary>
/// Makes the client a command uses: the embedded fake with <c>--fake</c>; otherwise the <c>CODEGOODLY_UPLOAD_*</c>
/// environment variables when any is set; otherwise the profile <c>cgupload login</c> saved.
/// </summary>
internal static class ClientFactory
{
    public static ConnectedClient Connect(CliHost host, bool fake)
    {
        if (fake)
        {
            FakeUploadServer server = FakeUploadServer.Start();
            host.Error.MarkupLine("[grey]Using the embedded fake server: what it holds lasts for this command only.[/]");
            return new ConnectedClient(server.CreateClient(host.ConfigureClient), server);
        }

        UploadClientOptions options = FromEnvironment(host) ?? Profile.Load(host.ProfilePath)?.ToOptions()
            ?? throw new CliException(ExitCodes.Authentication,
                "No credentials: run `cgupload login`, or set CODEGOODLY_UPLOAD_BASEADDRESS with CODEGOODLY_UPLOAD_KEY1 and _KEY2 (or _USERNAME and _PASSWORD).");
        host.ConfigureClient?.Invoke(options);
        IReadOnlyList<string> errors = options.GetValidationErrors();
        if (errors.Count > 0)
        {
            throw CliException.Usage("The server settings are not valid: " + string.Join(" ", errors));
        }

        return new ConnectedClient(new UploadClient(options), null);
    }

    /// <summary>The settings from <c>CODEGOODLY_UPLOAD_*</c> (as the quickstart reads them), or <see langword="null"/> when none is set.</summary>
    public static UploadClientOptions? FromEnvironment(CliHost host)
    {
        string? baseAddress = host.Setting("BASEADDRESS");
        if (baseAddress is null && host.Setting("KEY1") is null && host.Setting("USERNAME") is null)
        {
            return null;
        }

        var options = new UploadClientOptions
        {
            Key1 = host.Setting("KEY1"),
            Key2 = host.Setting("KEY2"),
            Username = host.Setting("USERNAME"),
            Password = host.Setting("PASSWORD"),
            AllowInsecureHttp = bool.TryParse(host.Setting("ALLOWINSECUREHTTP"), out bool insecure) && insecure,
        };
        if (baseAddress is not null)
        {
            options.BaseAddress = Uri.TryCreate(baseAddress, UriKind.Absolute, out Uri? address) ? address
                : throw CliException.Usage($"CODEGOODLY_UPLOAD_BASEADDRESS '{baseAddress}' is not an absolute URL such as https://upload.example.com/api/v2/.");
        }

        return options;
    }
}

/// <summary>A client, and the fake server behind it when there is one; disposing signs out and stops the fake.</summary>
internal sealed class ConnectedClient(UploadClient client, FakeUploadServer? fake) : IAsyncDisposable
{
    public UploadClient Client { get; } = client;

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        if (fake is not null)
        {
            await fake.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.ComponentModel;
using CodeGoodly.Upload.Cli.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class LoginSettings : CommandSettings
{
    [CommandOption("--base-address <URL>")]
    [Description("The API's address, such as https://upload.example.com/api/v2/ (asked when not given).")]
    public string? BaseAddress { get; init; }

    [CommandOption("--username <NAME>")]
    [Description("Sign in with this user name and a password (asked) instead of the two API keys (asked).")]
    public string? Username { get; init; }

    [CommandOption("--allow-insecure-http")]
    [Description("Accept an http:// address (a local test server); refused otherwise.")]
    public bool AllowInsecureHttp { get; init; }
}

/// <summary>
/// <c>login</c>: asks for the server and the secrets (typed without echo), checks them with one sign-in, and saves them
/// in the profile (readable by the user only). Secrets are never printed.
/// </summary>
internal sealed class LoginCommand(CliHost host) : AsyncCommand<LoginSettings>
{
    private const string DefaultAddress = "https://upload.codegoodly.com/api/v2/";

    public override async Task<int> ExecuteAsync(CommandContext context, LoginSettings settings, CancellationToken cancellationToken)
    {
        IAnsiConsole console = host.Out;
        if (!console.Profile.Capabilities.Interactive)
        {
            throw CliException.Usage("login asks for secrets at a terminal; scripts set CODEGOODLY_UPLOAD_BASEADDRESS and CODEGOODLY_UPLOAD_KEY1/_KEY2 (or _USERNAME/_PASSWORD) instead.");
        }

        string address = settings.BaseAddress ?? await new TextPrompt<string>("API address:").DefaultValue(DefaultAddress).ShowAsync(console, cancellationToken).ConfigureAwait(false);
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out Uri? baseAddress))
        {
            throw CliException.Usage($"'{address}' is not an absolute URL such as {DefaultAddress}.");
        }

        var options = new UploadClientOptions { BaseAddress = baseAddress, AllowInsecureHttp = settings.AllowInsecureHttp };
        if (settings.Username is { } username)
        {
            options.Username = username;
            options.Password = await Secret("Password:", console, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            options.Key1 = await Secret("Key 1 (64 characters):", console, cancellationToken).ConfigureAwait(false);
            options.Key2 = await Secret("Key 2 (64 characters):", console, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyList<string> errors = options.GetValidationErrors();
        if (errors.Count > 0)
        {
            throw CliException.Usage("Not saved: " + string.Join(" ", errors));
        }

        host.ConfigureClient?.Invoke(options);
        AccountInfo account;
        await using (var client = new UploadClient(options))
        {
            account = await client.Account.GetInfoAsync(cancellationToken).ConfigureAwait(false); // a refusal ends here: nothing is saved
        }

        var profile = new Connection.Profile(options.BaseAddress, options.Key1, options.Key2, options.Username, options.Password, options.AllowInsecureHttp);
        profile.Save(host.ProfilePath);
        console.MarkupLineInterpolated($"Signed in as [green]{account.Username}[/] (account {account.Id}) at {options.BaseAddress}; saved to {host.ProfilePath}");
        return ExitCodes.Ok;
    }

    private static Task<string> Secret(string label, IAnsiConsole console, CancellationToken cancellationToken) =>
        new TextPrompt<string>(label).Secret(null).ShowAsync(console, cancellationToken);
}

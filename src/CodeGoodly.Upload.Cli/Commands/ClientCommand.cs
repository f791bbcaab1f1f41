using CodeGoodly.Upload.Cli.Connection;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

/// <summary>A command that talks to the server: connects (fake, environment or profile), runs, and signs out.</summary>
internal abstract class ClientCommand<TSettings>(CliHost host) : AsyncCommand<TSettings>
    where TSettings : CommonSettings
{
    protected CliHost Host { get; } = host;

    protected IAnsiConsole Out => Host.Out;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        await using ConnectedClient connected = ClientFactory.Connect(Host, settings.Fake);
        return await RunAsync(connected.Client, new RemoteResolver(connected.Client), settings, cancellationToken).ConfigureAwait(false);
    }

    protected abstract Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Prints each failure on stderr and says which exit code the result earns.</summary>
    protected int Report(string verb, DirectoryTransferResult result, TimeSpan elapsed, bool json)
    {
        if (json)
        {
            Output.JsonOutput.Write(Out, Output.JsonOutput.Result(result));
        }
        else
        {
            string failed = result.Failed.Count > 0 ? $"[red]{result.Failed.Count} failed[/]" : "0 failed";
            Out.MarkupLine($"{Markup.Escape(verb)}: [green]{result.Transferred.Count} transferred[/], {result.Skipped.Count} skipped, {failed} "
                + Markup.Escape($"({Output.Sizes.Format(result.BytesTransferred)} in {elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s, {result.FoldersCreated} folders created)"));
            foreach (string link in result.LinksNotFollowed)
            {
                Host.Error.MarkupLineInterpolated($"[yellow]link not followed:[/] {link}");
            }
        }

        foreach (FileTransferFailure failure in result.Failed)
        {
            Host.Error.MarkupLineInterpolated($"[red]failed:[/] {failure.RelativePath}: {failure.Error.Message}");
        }

        return result.Failed.Count > 0 ? ExitCodes.Partial : ExitCodes.Ok;
    }
}

using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class LinkSettings : CommonSettings
{
    [CommandArgument(0, "<REMOTE>")]
    [Description("A file (its download link) or a folder (its public page), as a path or an id.")]
    public string Remote { get; init; } = string.Empty;
}

/// <summary><c>link</c>: a file's download link, or a folder's page.</summary>
internal sealed class LinkCommand(CliHost host) : ClientCommand<LinkSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, LinkSettings settings, CancellationToken cancellationToken)
    {
        RemoteItem item = await resolver.ResolveAsync(settings.Remote, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        Uri link;
        if (item is RemoteFile file)
        {
            link = (await client.Files.GetDownloadLinkAsync(file.Details.Id, cancellationToken).ConfigureAwait(false)).DownloadUrl;
        }
        else
        {
            var folder = (RemoteFolder)item;
            FolderDetails details = folder.IsRoot ? throw CliException.Usage("The root folder has no link.")
                : await client.Folders.GetInfoAsync(folder.Id!.Value, cancellationToken).ConfigureAwait(false);
            link = details.UrlFolder ?? throw new CliException(ExitCodes.Error, $"The server gave no page for {item.Path}.");
        }

        if (settings.Json)
        {
            JsonOutput.Write(Out, new JsonObject { ["path"] = item.Path, ["id"] = item.IdForm, ["url"] = link.AbsoluteUri });
        }
        else
        {
            // Bare, so that $(cgupload link /x) is the URL.
            Out.Profile.Out.Writer.WriteLine(link.AbsoluteUri);
        }

        return ExitCodes.Ok;
    }
}

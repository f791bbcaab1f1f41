using Spectre.Console;
using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class RemoveSettings : CommonSettings
{
    [CommandArgument(0, "<REMOTE>")]
    [Description("The file or folder to delete, as a path or an id.")]
    public string Remote { get; init; } = string.Empty;

    [CommandOption("-r|--recursive")]
    [Description("Delete a folder that is not empty, with everything below it.")]
    public bool Recursive { get; init; }
}

/// <summary><c>rm</c>: deletes a file (the server moves it to its trash) or a folder.</summary>
internal sealed class RemoveCommand(CliHost host) : ClientCommand<RemoveSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, RemoveSettings settings, CancellationToken cancellationToken)
    {
        RemoteItem item = await resolver.ResolveAsync(settings.Remote, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        JsonObject result;
        if (item is RemoteFile file)
        {
            result = JsonOutput.File(await client.Files.DeleteAsync(file.Details.Id, cancellationToken).ConfigureAwait(false), item.Path);
        }
        else
        {
            var folder = (RemoteFolder)item;
            if (folder.IsRoot)
            {
                throw CliException.Usage("The root folder cannot be deleted.");
            }

            FolderListing listing = await client.Folders.ListAsync(folder.Id, cancellationToken).ConfigureAwait(false);
            if (!settings.Recursive && (listing.Files.Count > 0 || listing.Folders.Count > 0))
            {
                throw CliException.Usage($"{folder.Path} is not empty ({listing.Folders.Count} folders, {listing.Files.Count} files): add -r to delete it with everything below it.");
            }

            await client.Folders.DeleteAsync(folder.Id!.Value, cancellationToken).ConfigureAwait(false);
            result = new JsonObject { ["type"] = "folder", ["id"] = folder.Id.Value.Value, ["path"] = folder.Path };
        }

        result["deleted"] = true;
        if (settings.Json)
        {
            JsonOutput.Write(Out, result);
        }
        else
        {
            Out.MarkupLineInterpolated($"{item.Path}: [green]deleted[/] ({item.IdForm})");
        }

        return ExitCodes.Ok;
    }
}

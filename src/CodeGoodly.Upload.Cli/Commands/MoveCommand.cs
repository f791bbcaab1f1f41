using Spectre.Console;
using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class MoveSettings : CommonSettings
{
    [CommandArgument(0, "<SOURCE>")]
    [Description("The file or folder to move, as a path or an id.")]
    public string Source { get; init; } = string.Empty;

    [CommandArgument(1, "<DESTINATION>")]
    [Description("An existing folder to move it into, or a new path (its folder must exist) to move and rename it to.")]
    public string Destination { get; init; } = string.Empty;
}

/// <summary><c>mv</c>: moves (and renames) a file or folder.</summary>
internal sealed class MoveCommand(CliHost host) : ClientCommand<MoveSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, MoveSettings settings, CancellationToken cancellationToken)
    {
        RemoteItem source = await resolver.ResolveAsync(settings.Source, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        if (source is RemoteFolder { IsRoot: true })
        {
            throw CliException.Usage("The root folder cannot be moved.");
        }

        (RemoteFolder into, string name) = await Target.ResolveAsync(resolver, settings.Destination, source.Name, cancellationToken).ConfigureAwait(false);
        JsonObject moved;
        string path = RemoteResolver.Join(into.Path, name);
        if (source is RemoteFile file)
        {
            FileDetails details = file.Details;
            if (details.FolderId != into.Id)
            {
                details = await client.Files.MoveAsync(details.Id, into.Id, cancellationToken).ConfigureAwait(false);
            }

            if (details.FileName != name)
            {
                details = await client.Files.EditAsync(details.Id, new FileChanges(FileName: name), cancellationToken).ConfigureAwait(false);
            }

            moved = JsonOutput.File(details, path);
        }
        else
        {
            FolderDetails details = ((RemoteFolder)source).Details ?? await client.Folders.GetInfoAsync(((RemoteFolder)source).Id!.Value, cancellationToken).ConfigureAwait(false);
            if (details.ParentId != into.Id)
            {
                details = await client.Folders.MoveAsync(details.Id, into.Id, cancellationToken).ConfigureAwait(false);
            }

            if (details.FolderName != name)
            {
                details = await client.Folders.EditAsync(details.Id, new FolderChanges(FolderName: name), cancellationToken).ConfigureAwait(false);
            }

            moved = JsonOutput.Folder(details, path);
        }

        if (settings.Json)
        {
            JsonOutput.Write(Out, moved);
        }
        else
        {
            Out.MarkupLineInterpolated($"{source.Path} → {path}: [green]moved[/]");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>Where <c>mv</c> and <c>cp</c> put things: into an existing folder under the same name, or at a new path.</summary>
internal static class Target
{
    public static async Task<(RemoteFolder Into, string Name)> ResolveAsync(RemoteResolver resolver, string destination, string sourceName, CancellationToken cancellationToken)
    {
        RemoteItem? existing = await resolver.TryResolveAsync(destination, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        switch (existing)
        {
            case RemoteFolder folder:
                return (folder, sourceName);
            case RemoteFile file:
                throw new CliException(ExitCodes.Error, $"{file.Path} already exists ({file.IdForm}); remove it first or name another place.");
        }

        (string parent, string name) = RemoteResolver.Split(destination);
        return (await resolver.ResolveFolderAsync(parent, cancellationToken).ConfigureAwait(false), name);
    }
}

using Spectre.Console;
using System.ComponentModel;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class MkdirSettings : CommonSettings
{
    [CommandArgument(0, "<REMOTE>")]
    [Description("The path of the folder to make, such as /backups/2026.")]
    public string Remote { get; init; } = string.Empty;

    [CommandOption("-p|--parents")]
    [Description("Make missing parent folders too, and do not fail when the folder exists.")]
    public bool Parents { get; init; }
}

/// <summary><c>mkdir</c>: makes a folder.</summary>
internal sealed class MkdirCommand(CliHost host) : ClientCommand<MkdirSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, MkdirSettings settings, CancellationToken cancellationToken)
    {
        (string parentPath, string name) = RemoteResolver.Split(settings.Remote);
        RemoteItem? existing = await resolver.TryResolveAsync(settings.Remote, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        if (existing is RemoteFolder { Details: { } found } && settings.Parents)
        {
            return Done(settings, found, existing.Path, "exists");
        }

        if (existing is not null)
        {
            throw new CliException(ExitCodes.Error, $"{existing.Path} already exists ({existing.IdForm}).");
        }

        RemoteFolder parent = settings.Parents
            ? await MakeParentsAsync(client, resolver, parentPath, cancellationToken).ConfigureAwait(false)
            : await resolver.ResolveFolderAsync(parentPath, cancellationToken).ConfigureAwait(false);
        FolderDetails created = await client.Folders.CreateAsync(name, parent.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Done(settings, created, RemoteResolver.Join(parent.Path, name), "created");
    }

    private static async Task<RemoteFolder> MakeParentsAsync(IUploadClient client, RemoteResolver resolver, string path, CancellationToken cancellationToken)
    {
        RemoteFolder current = RemoteFolder.Root;
        foreach (string segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = await PutCommand.FindOrCreateAsync(client, current, segment, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    private int Done(MkdirSettings settings, FolderDetails folder, string path, string what)
    {
        if (settings.Json)
        {
            JsonOutput.Write(Out, JsonOutput.Folder(folder, path));
        }
        else
        {
            Out.MarkupLineInterpolated($"{path}: [green]{what}[/] (folder:{folder.Id})");
        }

        return ExitCodes.Ok;
    }
}

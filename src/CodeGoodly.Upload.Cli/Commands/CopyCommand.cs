using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class CopySettings : CommonSettings
{
    [CommandArgument(0, "<SOURCE>")]
    [Description("The file or folder to copy, as a path or an id. A folder is copied with everything below it.")]
    public string Source { get; init; } = string.Empty;

    [CommandArgument(1, "<DESTINATION>")]
    [Description("An existing folder to copy it into, or a new path (its folder must exist) for the copy.")]
    public string Destination { get; init; } = string.Empty;
}

/// <summary><c>cp</c>: copies a file on the server (no bytes through this machine), or a folder's tree file by file.</summary>
internal sealed class CopyCommand(CliHost host) : ClientCommand<CopySettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, CopySettings settings, CancellationToken cancellationToken)
    {
        RemoteItem source = await resolver.ResolveAsync(settings.Source, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        (RemoteFolder into, string name) = await Target.ResolveAsync(resolver, settings.Destination, source is RemoteFolder { IsRoot: true } ? "root" : source.Name, cancellationToken).ConfigureAwait(false);
        string path = RemoteResolver.Join(into.Path, name);
        if (source is RemoteFile file)
        {
            FileDetails copy = (await client.Files.CopyAsync(file.Details.Id, into.Id, cancellationToken).ConfigureAwait(false)).Copy;
            if (copy.FileName != name)
            {
                copy = await client.Files.EditAsync(copy.Id, new FileChanges(FileName: name), cancellationToken).ConfigureAwait(false);
            }

            Done(settings.Json, JsonOutput.File(copy, path), $"{Markup.Escape(source.Path)} → {Markup.Escape(path)}: [green]copied[/] (file:{copy.Id})");
            return ExitCodes.Ok;
        }

        var folder = (RemoteFolder)source;
        if (into.Id is { } target && await IsInsideAsync(client, target, folder, cancellationToken).ConfigureAwait(false))
        {
            throw CliException.Usage($"{path} is inside {folder.Path}: a folder cannot be copied into itself.");
        }

        var failures = new List<(string Path, Exception Error)>();
        FolderDetails created = await client.Folders.CreateAsync(name, into.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        int files = await CopyTreeAsync(client, folder.Id, created.Id, path, failures, cancellationToken).ConfigureAwait(false);
        foreach ((string failedPath, Exception error) in failures)
        {
            Host.Error.MarkupLineInterpolated($"[red]failed:[/] {failedPath}: {error.Message}");
        }

        JsonObject json = JsonOutput.Folder(created, path);
        json["filesCopied"] = files;
        json["failed"] = new JsonArray([.. failures.Select(f => (JsonNode?)new JsonObject { ["path"] = f.Path, ["error"] = f.Error.Message })]);
        Done(settings.Json, json, $"{Markup.Escape(source.Path)} → {Markup.Escape(path)}: [green]{files} files copied[/]{(failures.Count > 0 ? $", [red]{failures.Count} failed[/]" : string.Empty)}");
        return failures.Count > 0 ? ExitCodes.Partial : ExitCodes.Ok;
    }

    private static async Task<int> CopyTreeAsync(IUploadClient client, FolderId? from, FolderId to, string path, List<(string, Exception)> failures, CancellationToken cancellationToken)
    {
        FolderListing listing = await client.Folders.ListAsync(from, cancellationToken).ConfigureAwait(false);
        int copied = 0;
        foreach (FileDetails file in listing.Files)
        {
            try
            {
                await client.Files.CopyAsync(file.Id, to, cancellationToken).ConfigureAwait(false);
                copied++;
            }
            catch (UploadApiException failure) when (failure.Kind != UploadErrorKind.Authentication)
            {
                failures.Add((RemoteResolver.Join(path, file.FileName), failure));
            }
        }

        foreach (FolderDetails child in listing.Folders)
        {
            string childPath = RemoteResolver.Join(path, child.FolderName);
            try
            {
                FolderDetails made = await client.Folders.CreateAsync(child.FolderName, to, cancellationToken: cancellationToken).ConfigureAwait(false);
                copied += await CopyTreeAsync(client, child.Id, made.Id, childPath, failures, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadApiException failure) when (failure.Kind != UploadErrorKind.Authentication)
            {
                failures.Add((childPath + "/", failure));
            }
        }

        return copied;
    }

    private static async Task<bool> IsInsideAsync(IUploadClient client, FolderId target, RemoteFolder folder, CancellationToken cancellationToken)
    {
        if (folder.IsRoot)
        {
            return true;
        }

        var seen = new HashSet<long>();
        for (FolderId? current = target; current is { } id && seen.Add(id.Value);)
        {
            if (id == folder.Id)
            {
                return true;
            }

            current = (await client.Folders.GetInfoAsync(id, cancellationToken).ConfigureAwait(false)).ParentId;
        }

        return false;
    }

    private void Done(bool json, JsonObject result, string line)
    {
        if (json)
        {
            JsonOutput.Write(Out, result);
        }
        else
        {
            Out.MarkupLine(line);
        }
    }
}

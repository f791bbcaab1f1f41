using Spectre.Console;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class PutSettings : TransferSettings
{
    [CommandArgument(0, "<LOCAL>")]
    [Description("A local file, or a directory (uploaded with everything below it as a folder of the same name).")]
    public string Local { get; init; } = string.Empty;

    [CommandArgument(1, "[REMOTE]")]
    [Description("The folder to upload into, as a path or an id. Default: / (the root).")]
    public string Remote { get; init; } = "/";
}

/// <summary><c>put</c>: uploads a file, or a directory tree into a folder of the same name (found or created).</summary>
internal sealed class PutCommand(CliHost host) : ClientCommand<PutSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, PutSettings settings, CancellationToken cancellationToken)
    {
        string local = Path.GetFullPath(settings.Local);
        bool isDirectory = Directory.Exists(local);
        if (!isDirectory && !File.Exists(local))
        {
            throw CliException.NotFound($"Not found: {settings.Local} (no such local file or directory)");
        }

        ExistingFilePolicy policy = settings.Policy;
        RemoteFolder destination = await resolver.ResolveFolderAsync(settings.Remote, cancellationToken).ConfigureAwait(false);
        var view = new TransferView(Out, settings.Json);
        var clock = Stopwatch.StartNew();
        if (isDirectory)
        {
            string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(local));
            RemoteFolder folder = string.IsNullOrEmpty(name) ? destination : await FindOrCreateAsync(client, destination, name, cancellationToken).ConfigureAwait(false);
            DirectoryTransferResult result = await view.RunTreeAsync($"put {name}", progress =>
                client.Transfers.UploadDirectoryAsync(local, folder.Id, settings.Options, progress, cancellationToken)).ConfigureAwait(false);
            return Report($"put {settings.Local} → {folder.Path}", result, clock.Elapsed, settings.Json);
        }

        return await PutFileAsync(client, local, destination, policy, view, settings.Json, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> PutFileAsync(IUploadClient client, string local, RemoteFolder destination, ExistingFilePolicy policy, TransferView view, bool json, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(local);
        long size = new FileInfo(local).Length;
        FolderListing listing = await client.Folders.ListAsync(destination.Id, cancellationToken).ConfigureAwait(false);
        FileDetails[] existing = [.. listing.Files.Where(f => f.FileName == name)];
        string remotePath = RemoteResolver.Join(destination.Path, name);
        if (policy == ExistingFilePolicy.SkipSameSize && existing.Any(f => f.FileSize == size))
        {
            return Done(json, remotePath, "skipped (same name and size already there)", existing.First(f => f.FileSize == size));
        }

        string remoteName = name;
        if (policy == ExistingFilePolicy.KeepBoth && existing.Length > 0)
        {
            remoteName = FreeName(name, listing);
            existing = [];
        }

        UploadedFile uploaded = await view.RunFileAsync($"put {name}", size, async progress =>
        {
            var stream = new FileStream(local, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                return await client.Files.UploadAsync(stream, remoteName, destination.Id, progress, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        // Replace: the new file first, then the old one goes, and the new one takes the name back if the server renamed it.
        foreach (FileDetails old in existing)
        {
            await client.Files.DeleteAsync(old.Id, cancellationToken).ConfigureAwait(false);
        }

        if (existing.Length > 0 && uploaded.Name != remoteName)
        {
            await client.Files.EditAsync(uploaded.FileId, new FileChanges(FileName: remoteName), cancellationToken).ConfigureAwait(false);
        }

        FileDetails details = await client.Files.GetInfoAsync(uploaded.FileId, cancellationToken).ConfigureAwait(false);
        return Done(json, RemoteResolver.Join(destination.Path, details.FileName), existing.Length > 0 ? "replaced" : "uploaded", details);
    }

    private int Done(bool json, string remotePath, string what, FileDetails file)
    {
        if (json)
        {
            JsonObject result = JsonOutput.File(file, remotePath);
            result["outcome"] = what.Split(' ')[0];
            JsonOutput.Write(Out, result);
        }
        else
        {
            Out.MarkupLineInterpolated($"{remotePath}: [green]{what}[/] ({Sizes.Format(file.FileSize)}, file:{file.Id})");
        }

        return ExitCodes.Ok;
    }

    internal static string FreeName(string name, FolderListing listing)
    {
        string extension = Path.GetExtension(name);
        string stem = extension.Length < name.Length ? name[..^extension.Length] : name;
        extension = stem.Length == name.Length ? string.Empty : extension;
        for (int number = 2; ; number++)
        {
            string candidate = $"{stem} ({number}){extension}";
            if (!listing.Files.Any(f => f.FileName == candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The folder of a directory: found by name in the destination, or created there.</summary>
    internal static async Task<RemoteFolder> FindOrCreateAsync(IUploadClient client, RemoteFolder parent, string name, CancellationToken cancellationToken)
    {
        FolderListing listing = await client.Folders.ListAsync(parent.Id, cancellationToken).ConfigureAwait(false);
        FolderDetails[] matches = [.. listing.Folders.Where(f => f.FolderName == name)];
        string path = RemoteResolver.Join(parent.Path, name);
        return matches.Length switch
        {
            0 => new RemoteFolder(path, (await client.Folders.CreateAsync(name, parent.Id, cancellationToken: cancellationToken).ConfigureAwait(false)).Id, null),
            1 => new RemoteFolder(path, matches[0].Id, matches[0]),
            _ => throw CliException.Usage($"'{path}' is ambiguous; name one of these instead:{Environment.NewLine}"
                + string.Join(Environment.NewLine, matches.Select(m => $"  folder:{m.Id}  folder {m.FolderName}"))),
        };
    }
}

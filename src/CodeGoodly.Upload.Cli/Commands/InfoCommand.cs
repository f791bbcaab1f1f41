using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class InfoSettings : CommonSettings
{
    [CommandArgument(0, "<REMOTE>")]
    [Description("A file or folder, as a path or an id.")]
    public string Remote { get; init; } = string.Empty;
}

/// <summary><c>info</c>: everything the server says about a file or folder.</summary>
internal sealed class InfoCommand(CliHost host) : ClientCommand<InfoSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, InfoSettings settings, CancellationToken cancellationToken)
    {
        RemoteItem item = await resolver.ResolveAsync(settings.Remote, RemoteKind.Any, cancellationToken).ConfigureAwait(false);
        JsonObject details = item switch
        {
            RemoteFile file => JsonOutput.File(await client.Files.GetInfoAsync(file.Details.Id, cancellationToken).ConfigureAwait(false), item.Path),
            RemoteFolder { IsRoot: true } => await RootAsync(client, cancellationToken).ConfigureAwait(false),
            RemoteFolder folder => JsonOutput.Folder(await client.Folders.GetInfoAsync(folder.Id!.Value, cancellationToken).ConfigureAwait(false), item.Path),
            _ => throw new InvalidOperationException(),
        };
        if (settings.Json)
        {
            JsonOutput.Write(Out, details);
            return ExitCodes.Ok;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach ((string key, JsonNode? value) in details)
        {
            if (value is not null)
            {
                grid.AddRow(new Text(key, new Style(Color.Grey)), new Text(key == "size" || key == "totalSize" ? $"{Sizes.Format(value.GetValue<long>())} ({value})" : value.ToString()));
            }
        }

        Out.Write(grid);
        return ExitCodes.Ok;
    }

    private static async Task<JsonObject> RootAsync(IUploadClient client, CancellationToken cancellationToken)
    {
        FolderListing listing = await client.Folders.ListAsync(null, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["type"] = "folder", ["name"] = "/", ["path"] = "/", ["fileCount"] = listing.Files.Count, ["childFolderCount"] = listing.Folders.Count };
    }
}

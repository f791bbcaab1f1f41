using System.ComponentModel;
using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CodeGoodly.Upload.Cli.Commands;

internal sealed class TreeSettings : CommonSettings
{
    [CommandArgument(0, "[REMOTE]")]
    [Description("The folder to show, as a path or an id. Default: / (the root).")]
    public string Remote { get; init; } = "/";
}

/// <summary><c>tree</c>: a folder and everything below it.</summary>
internal sealed class TreeCommand(CliHost host) : ClientCommand<TreeSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, TreeSettings settings, CancellationToken cancellationToken)
    {
        RemoteFolder top = await resolver.ResolveFolderAsync(settings.Remote, cancellationToken).ConfigureAwait(false);
        Node root = await ReadAsync(client, top.Id, top.IsRoot ? "/" : top.Name, new HashSet<long>(), cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            JsonOutput.Write(Out, ToJson(root, top.Path));
            return ExitCodes.Ok;
        }

        var tree = new Tree(new Markup($"[blue]{Markup.Escape(root.Name)}[/]"));
        AddChildren(tree, root);
        Out.Write(tree);
        Out.MarkupLineInterpolated($"[grey]{root.CountFolders()} folders, {root.CountFiles()} files, {Sizes.Format(root.CountBytes())}[/]");
        return ExitCodes.Ok;
    }

    private static async Task<Node> ReadAsync(IUploadClient client, FolderId? id, string name, HashSet<long> seen, CancellationToken cancellationToken)
    {
        FolderListing listing = await client.Folders.ListAsync(id, cancellationToken).ConfigureAwait(false);
        var node = new Node(id, name, listing.Files);
        foreach (FolderDetails folder in listing.Folders.Where(f => seen.Add(f.Id.Value)))
        {
            node.Folders.Add(await ReadAsync(client, folder.Id, folder.FolderName, seen, cancellationToken).ConfigureAwait(false));
        }

        return node;
    }

    private static void AddChildren(IHasTreeNodes parent, Node node)
    {
        foreach (Node folder in node.Folders)
        {
            AddChildren(parent.AddNode(new Markup($"[blue]{Markup.Escape(folder.Name)}/[/]")), folder);
        }

        foreach (FileDetails file in node.Files)
        {
            parent.AddNode(new Markup($"{Markup.Escape(file.FileName)} [grey]{Sizes.Format(file.FileSize)}[/]"));
        }
    }

    private static JsonObject ToJson(Node node, string path) => new()
    {
        ["type"] = "folder",
        ["id"] = node.Id?.Value,
        ["name"] = node.Name,
        ["path"] = path,
        ["folders"] = new JsonArray([.. node.Folders.Select(f => (JsonNode?)ToJson(f, RemoteResolver.Join(path, f.Name)))]),
        ["files"] = new JsonArray([.. node.Files.Select(f => (JsonNode?)JsonOutput.File(f, RemoteResolver.Join(path, f.FileName)))]),
    };

    private sealed record Node(FolderId? Id, string Name, IReadOnlyList<FileDetails> Files)
    {
        public List<Node> Folders { get; } = [];

        public int CountFolders() => Folders.Count + Folders.Sum(f => f.CountFolders());

        public int CountFiles() => Files.Count + Folders.Sum(f => f.CountFiles());

        public long CountBytes() => Files.Sum(f => f.FileSize ?? 0) + Folders.Sum(f => f.CountBytes());
    }
}

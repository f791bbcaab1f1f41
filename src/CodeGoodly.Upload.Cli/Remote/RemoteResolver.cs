using System.Globalization;

namespace CodeGoodly.Upload.Cli.Remote;

/// <summary>
/// Turns what the user typed into a remote item: <c>/</c> (the root), a path such as <c>/backups/2026/report.pdf</c>
/// resolved folder by folder through listings, or an id: <c>id:1253</c> (a file or a folder), <c>file:1253</c>,
/// <c>folder:125</c>. Two items answering to one name are an error that lists both.
/// </summary>
internal sealed class RemoteResolver(IUploadClient client)
{
    private static readonly string[] IdPrefixes = ["id", "file", "folder"];

    /// <summary>The item, or a <see cref="CliException"/> (not found: 3, ambiguous or malformed: 2).</summary>
    public async Task<RemoteItem> ResolveAsync(string place, RemoteKind kind, CancellationToken cancellationToken) =>
        await TryResolveAsync(place, kind, cancellationToken).ConfigureAwait(false)
            ?? throw CliException.NotFound($"Not found: {place}" + (kind == RemoteKind.Folder ? " (a folder was expected)" : string.Empty));

    /// <summary>A folder (the root for <c>/</c>).</summary>
    public async Task<RemoteFolder> ResolveFolderAsync(string place, CancellationToken cancellationToken) =>
        (RemoteFolder)await ResolveAsync(place, RemoteKind.Folder, cancellationToken).ConfigureAwait(false);

    /// <summary>The item, or <see langword="null"/> when nothing answers to <paramref name="place"/>.</summary>
    public async Task<RemoteItem?> TryResolveAsync(string place, RemoteKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        if (TryParseId(place, out string? prefix, out long id))
        {
            return await ById(place, prefix!, id, kind, cancellationToken).ConfigureAwait(false);
        }

        string[] segments = Segments(place);
        if (segments.Length == 0)
        {
            return RemoteFolder.Root;
        }

        if (place.EndsWith('/'))
        {
            kind = RemoteKind.Folder;
        }

        RemoteFolder current = RemoteFolder.Root;
        for (int index = 0; index < segments.Length; index++)
        {
            bool last = index == segments.Length - 1;
            FolderListing listing = await client.Folders.ListAsync(current.Id, cancellationToken).ConfigureAwait(false);
            string path = "/" + string.Join('/', segments[..(index + 1)]);
            var candidates = new List<RemoteItem>(listing.Folders.Where(f => f.FolderName == segments[index]).Select(f => new RemoteFolder(path, f.Id, f)));

            if (last && kind != RemoteKind.Folder)
            {
                candidates.AddRange(listing.Files.Where(f => f.FileName == segments[index]).Select(f => new RemoteFile(path, f)));
            }

            if (candidates.Count == 0)
            {
                return null;
            }

            if (candidates.Count > 1)
            {
                throw Ambiguous(path, candidates);
            }

            if (last)
            {
                return candidates[0];
            }

            current = (RemoteFolder)candidates[0];
        }

        return current;
    }

    /// <summary>The path's parent folder and last name, for commands that make something new there (<c>mkdir</c>, <c>mv</c> and <c>cp</c> to a new name).</summary>
    public static (string Parent, string Name) Split(string place)
    {
        if (TryParseId(place, out _, out _))
        {
            throw CliException.Usage($"'{place}' is an id; a new name needs a path such as /backups/new-name.");
        }

        string[] segments = Segments(place);
        return segments.Length == 0
            ? throw CliException.Usage("The root folder '/' already exists and cannot be made, moved or named.")
            : ("/" + string.Join('/', segments[..^1]), segments[^1]);
    }

    /// <summary>The path of a child under a folder path.</summary>
    public static string Join(string folderPath, string name) => folderPath.TrimEnd('/') + "/" + name;

    private async Task<RemoteItem?> ById(string place, string prefix, long id, RemoteKind kind, CancellationToken cancellationToken)
    {
        RemoteFile? file = prefix != "folder" && kind != RemoteKind.Folder ? await FileAsync(id, cancellationToken).ConfigureAwait(false) : null;
        RemoteFolder? folder = prefix != "file" ? await FolderAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return (file, folder) switch
        {
            ({ } f, { } d) => throw Ambiguous(place, [f, d]),
            ({ } f, null) => f,
            (null, { } d) => d,
            _ => null,
        };
    }

    private async Task<RemoteFile?> FileAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            FileDetails details = await client.Files.GetInfoAsync(new FileId(id), cancellationToken).ConfigureAwait(false);
            // A trashed file still answers /file/info; for the user it is gone.
            return details.Status is null or "active" ? new RemoteFile("file:" + id, details) : null;
        }
        catch (UploadApiException missing) when (missing.Kind == UploadErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<RemoteFolder?> FolderAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            FolderDetails details = await client.Folders.GetInfoAsync(new FolderId(id), cancellationToken).ConfigureAwait(false);
            return new RemoteFolder("folder:" + id, details.Id, details);
        }
        catch (UploadApiException missing) when (missing.Kind == UploadErrorKind.NotFound)
        {
            return null;
        }
    }

    private static CliException Ambiguous(string place, IEnumerable<RemoteItem> candidates) =>
        CliException.Usage($"'{place}' is ambiguous; name one of these instead:{Environment.NewLine}"
            + string.Join(Environment.NewLine, candidates.Select(c => $"  {c.IdForm}  {(c is RemoteFolder ? "folder" : "file")} {c.Name}")));

    private static bool TryParseId(string place, out string? prefix, out long id)
    {
        prefix = null;
        id = 0;
        int colon = place.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || place.StartsWith('/'))
        {
            return false;
        }

        prefix = IdPrefixes.FirstOrDefault(known => place.AsSpan(0, colon).Equals(known, StringComparison.OrdinalIgnoreCase));
        if (prefix is null)
        {
            return false;
        }

        return long.TryParse(place.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0
            ? true
            : throw CliException.Usage($"'{place}' is not an id: write id:1253, file:1253 or folder:125.");
    }

    private static string[] Segments(string place) => place.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

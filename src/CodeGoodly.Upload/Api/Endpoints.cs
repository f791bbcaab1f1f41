using System.Collections.Frozen;

namespace CodeGoodly.Upload.Api;

/// <summary>
/// The endpoint catalogue: every API path, written once here (the fake server in <c>CodeGoodly.Upload.Testing</c> compiles this
/// file in too, so it routes exactly the paths the SDK asks for). The Refit interfaces (<see cref="IUploadApi"/>, <see cref="ISessionApi"/>)
/// declare their routes from these constants, and the table below says, per endpoint, whether calling it twice could double its
/// effect (the retry rules' write list) and the operation name logs, spans and metrics use.
/// </summary>
internal static class Endpoints
{
    public const string Authorize = "authorize";
    public const string DisableAccessToken = "disable_access_token";
    public const string AccountInfo = "account/info";
    public const string AccountPackage = "account/package";
    public const string FileUpload = "file/upload";
    public const string FileDownload = "file/download";
    public const string FileInfo = "file/info";
    public const string FileEdit = "file/edit";
    public const string FileDelete = "file/delete";
    public const string FileMove = "file/move";
    public const string FileCopy = "file/copy";
    public const string FolderCreate = "folder/create";
    public const string FolderListing = "folder/listing";
    public const string FolderInfo = "folder/info";
    public const string FolderEdit = "folder/edit";
    public const string FolderDelete = "folder/delete";
    public const string FolderMove = "folder/move";
    public const string AccountCreate = "account/create";
    public const string AccountEdit = "account/edit";
    public const string AccountDelete = "account/delete";
    public const string PackageListing = "package/listing";

    /// <summary>The operation name of a download GET (not an API endpoint: the file's own URL).</summary>
    public const string DownloadOperation = "files.download";

    /// <summary>One row of the catalogue.</summary>
    /// <param name="Path">The path under the base address, without a leading slash.</param>
    /// <param name="IsWrite">Whether calling it twice could double its effect.</param>
    /// <param name="OperationName">The operation's name in logs, spans and metrics.</param>
    internal sealed record Endpoint(string Path, bool IsWrite, string OperationName);

    private static readonly Endpoint[] All =
    [
        new(Authorize, IsWrite: false, "session.authorize"),
        new(DisableAccessToken, IsWrite: false, "session.sign_out"),
        new(AccountInfo, IsWrite: false, "account.info"),
        new(AccountPackage, IsWrite: false, "account.package"),
        new(FileUpload, IsWrite: true, "files.upload"),
        new(FileDownload, IsWrite: false, "files.download_link"),
        new(FileInfo, IsWrite: false, "files.info"),
        new(FileEdit, IsWrite: true, "files.edit"),
        new(FileDelete, IsWrite: true, "files.delete"),
        new(FileMove, IsWrite: true, "files.move"),
        new(FileCopy, IsWrite: true, "files.copy"),
        new(FolderCreate, IsWrite: true, "folders.create"),
        new(FolderListing, IsWrite: false, "folders.list"),
        new(FolderInfo, IsWrite: false, "folders.info"),
        new(FolderEdit, IsWrite: true, "folders.edit"),
        new(FolderDelete, IsWrite: true, "folders.delete"),
        new(FolderMove, IsWrite: true, "folders.move"),
        new(AccountCreate, IsWrite: true, "account.create"),
        new(AccountEdit, IsWrite: true, "account.edit"),
        new(AccountDelete, IsWrite: true, "account.delete"),
        new(PackageListing, IsWrite: false, "packages.list"),
    ];

    private static readonly FrozenDictionary<string, Endpoint> ByPath = All.ToFrozenDictionary(endpoint => endpoint.Path, StringComparer.Ordinal);

    /// <summary>Refit records the route template (<c>/file/info</c>) on each request: looked up as it is, nothing is allocated per request.</summary>
    private static readonly FrozenDictionary<string, Endpoint> ByTemplate = All.ToFrozenDictionary(endpoint => "/" + endpoint.Path, StringComparer.Ordinal);

    private static readonly HttpRequestOptionsKey<string> RefitPathTemplate = new(Refit.HttpRequestMessageOptions.RelativePathTemplate);

    /// <summary>The endpoint a request is for, or <see langword="null"/> for any other request (such as a download GET).</summary>
    public static string? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(RefitPathTemplate, out string? template) && ByTemplate.TryGetValue(template, out Endpoint? endpoint) ? endpoint.Path : null;

    /// <summary>Whether calling <paramref name="path"/> twice could double its effect.</summary>
    public static bool IsWrite(string path) => ByPath.TryGetValue(path, out Endpoint? endpoint) && endpoint.IsWrite;

    /// <summary>The operation name of <paramref name="path"/> for logs, spans and metrics (<c>file/upload</c> → <c>files.upload</c>).</summary>
    public static string OperationName(string path) => ByPath.TryGetValue(path, out Endpoint? endpoint) ? endpoint.OperationName : path;
}

using System.Globalization;

namespace CodeGoodly.Upload.Api;

/// <summary>How the API spells the SDK's values in a form: ids, the root folder, visibility (values already checked by <see cref="Guard"/>).</summary>
internal static class WireFormat
{
    public static string Id(FileId fileId) => fileId.ToString();

    public static string Id(FolderId folderId) => folderId.ToString();

    public static string AccountId(long accountId) => accountId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A destination folder; <see langword="null"/> is the root, spelled <paramref name="root"/> by this endpoint.</summary>
    public static string Destination(FolderId? folderId, string root) => folderId is { } id ? id.ToString() : root;

    public static string Visibility(FolderVisibility visibility) => ((int)visibility).ToString(CultureInfo.InvariantCulture);
}

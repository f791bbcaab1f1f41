namespace CodeGoodly.Upload;

/// <summary>Argument checks the façade runs before anything is sent; each returns the value it checked (<see cref="Api.WireFormat"/> writes it for the wire).</summary>
internal static class Guard
{
    public static FileId Id(FileId fileId, string parameterName) =>
        fileId.Value > 0 ? fileId : throw new ArgumentOutOfRangeException(parameterName, fileId.Value, "A file id must be positive.");

    public static FolderId Id(FolderId folderId, string parameterName) =>
        folderId.Value > 0 ? folderId : throw new ArgumentOutOfRangeException(parameterName, folderId.Value, "A folder id must be positive.");

    public static long AccountId(long accountId, string parameterName) =>
        accountId > 0 ? accountId : throw new ArgumentOutOfRangeException(parameterName, accountId, "An account id must be positive.");

    /// <summary>A destination folder, where <see langword="null"/> (or 0) means the root: returns <see langword="null"/> for the root.</summary>
    public static FolderId? Destination(FolderId? folderId, string parameterName) => folderId switch
    {
        null or { Value: 0 } => null,
        { Value: < 0 } id => throw new ArgumentOutOfRangeException(parameterName, id.Value, "A folder id must not be negative; use null for the root folder."),
        { } id => id,
    };

    /// <summary>A file or folder name: not empty, no control characters (they would break the form or the multipart header).</summary>
    public static string Name(string? name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"The name must not contain control characters such as line breaks (found U+{(int)c:X4}).", parameterName);
            }
        }

        return name;
    }

    public static string? OptionalName(string? name, string parameterName) => name is null ? null : Name(name, parameterName);

    public static FolderVisibility Visibility(FolderVisibility visibility, string parameterName) =>
        Enum.IsDefined(visibility) ? visibility
            : throw new ArgumentOutOfRangeException(parameterName, visibility, "Visibility must be Private, Unlisted or Public.");

    public static void ReadableStream(Stream? content, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(content, parameterName);
        if (!content.CanRead)
        {
            throw new ArgumentException("The stream must be readable (it is closed or write-only).", parameterName);
        }
    }

    public static void WritableStream(Stream? destination, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(destination, parameterName);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream must be writable (it is closed or read-only).", parameterName);
        }
    }
}

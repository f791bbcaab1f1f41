namespace CodeGoodly.Upload.Testing;

/// <summary>A file the fake stores, as <see cref="FakeUploadServer.Files"/> lists it (a snapshot: later changes do not show in it).</summary>
public sealed record FakeFile
{
    /// <summary>The file's id (<c>file_id</c>).</summary>
    public required FileId Id { get; init; }

    /// <summary>The name it is stored under (after the server's renaming: <c>name (2).ext</c>, <c>"</c> as <c>%22</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Its length in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Its folder, or <see langword="null"/> for the root folder.</summary>
    public FolderId? FolderId { get; init; }

    /// <summary>The id of the account that owns it.</summary>
    public required long AccountId { get; init; }

    /// <summary><c>active</c>, <c>trash</c> (deleted through the API) or <c>deleted</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Whether its bytes can be read back: false for uploads kept as their MD5 only (<see cref="FakeUploadStorage.HashOnly"/>).</summary>
    public required bool HasContent { get; init; }
}

namespace CodeGoodly.Upload;

/// <summary>What to change in <see cref="IFilesClient.EditAsync"/>; a <see langword="null"/> member is left as it is.</summary>
/// <param name="FileName">The new file name.</param>
/// <param name="FileType">The new MIME type, e.g. <c>application/pdf</c>.</param>
/// <param name="FolderId">The folder to put the file in. To move a file to the root folder use <see cref="IFilesClient.MoveAsync"/>.</param>
public sealed record FileChanges(string? FileName = null, string? FileType = null, FolderId? FolderId = null);

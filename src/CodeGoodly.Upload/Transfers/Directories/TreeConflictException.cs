namespace CodeGoodly.Upload.Transfers.Directories;

/// <summary>
/// A file or folder a tree transfer cannot place without guessing: two remote folders with one name, a name that cannot be
/// a local file name, a symbolic link or a directory in a file's way. Reported in <see cref="FileTransferFailure.Error"/>.
/// </summary>
internal sealed class TreeConflictException(string message) : IOException(message);

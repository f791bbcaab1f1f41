using CodeGoodly.Upload;

namespace CodeGoodly.Upload.Consumers;

/// <summary>
/// The flow every consumer runs against a server, through the public API only: account info, a new folder, two small
/// uploads (a seekable stream, and a stream that cannot seek sent with its known length), the listing, both downloads
/// compared byte for byte, and the clean-up. Every check prints one line; the result is the number of checks that failed.
/// </summary>
internal static class UploadFlow
{
    public static async Task<int> RunAsync(IUploadClient client, TextWriter output, Func<FileId, byte[]?>? storedContent = null,
        CancellationToken cancellationToken = default)
    {
        int failures = 0;
        void Check(bool condition, string what)
        {
            output.WriteLine(condition ? $"  ok    {what}" : $"  FAIL  {what}");
            if (!condition)
            {
                failures++;
            }
        }

        try
        {
            AccountInfo account = await client.Account.GetInfoAsync(cancellationToken);
            Check(!string.IsNullOrEmpty(account.Username) && account.Id > 0, $"account info: {account.Username} (id {account.Id})");

            string folderName = "consumer-" + Guid.NewGuid().ToString("N")[..12];
            FolderDetails folder = await client.Folders.CreateAsync(folderName, cancellationToken: cancellationToken);
            Check(folder.FolderName == folderName, $"folder created: {folder.FolderName} (id {folder.Id})");

            byte[] first = Payload(5 * 1024 + 17, seed: 1);
            byte[] second = Payload(3 * 1024, seed: 2);
            const string FirstName = "payload.bin";
            const string SecondName = "naïve résumé 名前.txt";

            long lastReported = -1;
            var progress = new SynchronousProgress(p => lastReported = p.BytesTransferred);
            UploadedFile uploadedFirst = await client.Files.UploadAsync(new MemoryStream(first), FirstName, folder.Id, progress, cancellationToken);
            Check(uploadedFirst.Name == FirstName && uploadedFirst.Size == first.Length,
                $"uploaded {FirstName}: {uploadedFirst.Size} bytes, file id {uploadedFirst.FileId}");
            Check(lastReported == first.Length, $"upload progress ended at {lastReported} of {first.Length} bytes");

            using (var unseekable = new ForwardOnlyStream(second))
            {
                UploadedFile uploadedSecond = await client.Files.UploadAsync(unseekable, second.Length, SecondName, folder.Id,
                    cancellationToken: cancellationToken);
                Check(uploadedSecond.Name == SecondName && uploadedSecond.Size == second.Length,
                    $"uploaded a stream that cannot seek with its length: {uploadedSecond.Name}, {uploadedSecond.Size} bytes");

                FolderListing listing = await client.Folders.ListAsync(folder.Id, cancellationToken);
                Check(listing.Files.Count == 2
                    && listing.Files.Any(f => f.FileName == FirstName && f.FileSize == first.Length)
                    && listing.Files.Any(f => f.FileName == SecondName && f.FileSize == second.Length),
                    $"listing shows both files: {string.Join(", ", listing.Files.Select(f => $"{f.FileName} ({f.FileSize})"))}");

                if (storedContent is not null)
                {
                    Check(storedContent(uploadedFirst.FileId) is byte[] stored && stored.AsSpan().SequenceEqual(first),
                        "the server stored exactly the bytes sent");
                }

                using var downloaded = new MemoryStream();
                await client.Files.DownloadAsync(uploadedFirst.FileId, downloaded, cancellationToken: cancellationToken);
                Check(downloaded.ToArray().AsSpan().SequenceEqual(first), $"downloaded {FirstName} to a stream: {downloaded.Length} bytes, identical");

                string path = Path.Combine(Path.GetTempPath(), $"{folderName}-{Guid.NewGuid():N}.txt");
                try
                {
                    await client.Files.DownloadToFileAsync(uploadedSecond.FileId, path, cancellationToken: cancellationToken);
                    byte[] onDisk = await File.ReadAllBytesAsync(path, cancellationToken);
                    Check(onDisk.AsSpan().SequenceEqual(second), $"downloaded {SecondName} to a file: {onDisk.Length} bytes, identical");
                }
                finally
                {
                    File.Delete(path);
                }

                FileDetails deleted = await client.Files.DeleteAsync(uploadedFirst.FileId, cancellationToken);
                await client.Files.DeleteAsync(uploadedSecond.FileId, cancellationToken);
                Check(deleted.Id == uploadedFirst.FileId, $"files deleted (status now '{deleted.Status}')");
                FolderListing afterDelete = await client.Folders.ListAsync(folder.Id, cancellationToken);
                Check(afterDelete.Files.Count == 0, $"listing after the deletes: {afterDelete.Files.Count} files");
            }

            await client.Folders.DeleteAsync(folder.Id, cancellationToken);
            Check(true, "folder deleted");

            try
            {
                await client.Files.GetInfoAsync(new FileId(long.MaxValue), cancellationToken);
                Check(false, "a missing file is reported as NotFound");
            }
            catch (UploadApiException missing)
            {
                Check(missing.Kind == UploadErrorKind.NotFound, $"a missing file is reported as {missing.Kind}: \"{missing.ServerMessage}\"");
            }
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"  FAIL  unexpected {unexpected.GetType().Name}: {unexpected.Message}");
            failures++;
        }

        return failures;
    }

    private static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Reports on the caller's thread, so the last value is in place when the upload returns.</summary>
    private sealed class SynchronousProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }

    /// <summary>A stream that can only be read forward, like a request body or a pipe.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream inner = new(content, writable: false);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

// The CodeGoodly.Upload quickstart: a guided tour of the SDK.
//
//   dotnet run --project samples/CodeGoodly.Upload.Quickstart
//
// With no credentials configured it starts the embedded fake server (CodeGoodly.Upload.Testing) and runs offline.
// To run the same tour against a real server, set CODEGOODLY_UPLOAD_BASEADDRESS and either CODEGOODLY_UPLOAD_KEY1 +
// CODEGOODLY_UPLOAD_KEY2 or CODEGOODLY_UPLOAD_USERNAME + CODEGOODLY_UPLOAD_PASSWORD (and CODEGOODLY_UPLOAD_ALLOWINSECUREHTTP=true
// for an http:// server). The tour only touches the folder it creates, and deletes it at the end.
//
//   dotnet run --project samples/CodeGoodly.Upload.Quickstart -- --php82
//
// makes the embedded fake answer like the deployed PHP 8.2 server that was recorded: database values as JSON numbers and
// "hash": false in upload answers. The tour verifies every upload by downloading it again, never by the server's hash.
using System.Diagnostics;
using System.Security.Cryptography;
using CodeGoodly.Upload;
using CodeGoodly.Upload.Quickstart;
using CodeGoodly.Upload.Testing;

var stopwatch = Stopwatch.StartNew();
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

FakeUploadServer? fake = null;
try
{
    UploadClientOptions options;
    if (TourSettings.FromEnvironment() is { } configured)
    {
        options = configured;
        Console.WriteLine($"Server: {options.BaseAddress} (from CODEGOODLY_UPLOAD_* environment variables)");
    }
    else
    {
        bool likePhp82 = args.Contains("--php82", StringComparer.OrdinalIgnoreCase);
        fake = FakeUploadServer.Start(new FakeUploadServerOptions { DatabaseValuesAsNumbers = likePhp82, UploadHashAsFalse = likePhp82 });
        options = fake.Options;
        Console.WriteLine($"Server: the embedded fake at {options.BaseAddress}{(likePhp82 ? ", answering like a PHP 8.2 server" : string.Empty)}");
        Console.WriteLine("        (set CODEGOODLY_UPLOAD_BASEADDRESS and keys or a login to run this tour against a real server)");
    }

    await using var client = new UploadClient(options);
    await new Tour(client, cancellation.Token).RunAsync();
    Console.WriteLine();
    Console.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:0.0} s. Every step succeeded.");
    return 0;
}
catch (UploadApiException error)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"FAILED: {error.Endpoint} answered {error.Kind}: {error.ServerMessage ?? error.Message}");
    return 1;
}
catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException or OperationCanceledException or HttpRequestException)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"FAILED: {error.GetType().Name}: {error.Message}");
    return 1;
}
finally
{
    if (fake is not null)
    {
        await fake.DisposeAsync();
    }
}

namespace CodeGoodly.Upload.Quickstart
{
    /// <summary>The tour's steps, one SDK call (or two) each, printed as it goes.</summary>
    internal sealed class Tour(IUploadClient client, CancellationToken cancellationToken)
    {
        private const int FileSize = 3 * 1024 * 1024;
        private int step;

        public async Task RunAsync()
        {
            Step("Account and package");
            AccountInfo account = await client.Account.GetInfoAsync(cancellationToken);
            AccountPackage package = await client.Account.GetPackageAsync(cancellationToken);
            Say($"Signed in as '{account.Username}' (account {account.Id}, level {account.LevelId}).");
            Say($"Package '{package.Label}': uploads {(package.CanUpload ? "allowed" : "NOT allowed")}, max upload size {Size(package.MaxUploadSize, zeroMeansUnlimited: true)}.");

            Step("Create a folder");
            string folderName = $"quickstart-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
            FolderDetails folder = await client.Folders.CreateAsync(folderName, cancellationToken: cancellationToken);
            Say($"Created folder '{folder.FolderName}' (id {folder.Id}).");
            try
            {
                await FilesTourAsync(folder);
            }
            finally
            {
                Step("Clean up");
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await client.Folders.DeleteAsync(folder.Id, cleanup.Token);
                Say($"Deleted folder '{folder.FolderName}' and everything in it.");
            }
        }

        private async Task FilesTourAsync(FolderDetails folder)
        {
            Step($"Upload a generated file of {Size(FileSize)}");
            byte[] original = new byte[FileSize];
            new Random(20241128).NextBytes(original);
            string originalMd5 = Md5(original);
            UploadedFile uploaded;
            using (var content = new MemoryStream(original, writable: false))
            {
                var bar = new ConsoleProgress("upload");
                uploaded = await client.Files.UploadAsync(content, "quickstart-sample.bin", folder.Id, bar, cancellationToken);
                bar.Finish();
            }

            // Many deployed servers send "hash": false instead of an MD5: the round trip is checked on the downloaded bytes
            // (step "Download and verify"); the server's hash is only compared when it sent one.
            if (IsMd5(uploaded.Hash))
            {
                Say($"Uploaded '{uploaded.Name}' as file {uploaded.FileId}, {Size(uploaded.Size)}, server MD5 {uploaded.Hash}.");
                Check(string.Equals(uploaded.Hash, originalMd5, StringComparison.OrdinalIgnoreCase), $"the server's MD5 {uploaded.Hash} differs from the file's {originalMd5}");
            }
            else
            {
                Say($"Uploaded '{uploaded.Name}' as file {uploaded.FileId}, {Size(uploaded.Size)} (the server reported no MD5; the download below verifies the bytes).");
            }

            Step("List the folder");
            FolderListing listing = await client.Folders.ListAsync(folder.Id, cancellationToken);
            foreach (FileDetails listed in listing.Files)
            {
                Say($"- {listed.FileName}  {Size(listed.FileSize ?? 0)}  [{listed.Status}]");
            }

            Check(listing.Files.Any(f => f.Id == uploaded.FileId), "the uploaded file is not in the listing");

            Step("File info");
            FileDetails info = await client.Files.GetInfoAsync(uploaded.FileId, cancellationToken);
            Say($"'{info.FileName}': {Size(info.FileSize ?? 0)}, type {info.FileType}, status {info.Status}, uploaded {info.UploadedDate:yyyy-MM-dd HH:mm:ss}, URL {info.UrlFile}");

            Step("Rename");
            FileDetails renamed = await client.Files.EditAsync(uploaded.FileId, new FileChanges(FileName: "quickstart-renamed.bin"), cancellationToken);
            Say($"Renamed to '{renamed.FileName}'.");
            Check(renamed.FileName == "quickstart-renamed.bin", "the rename did not take");

            Step("Copy");
            FileCopyResult copy = await client.Files.CopyAsync(uploaded.FileId, folder.Id, cancellationToken);
            Say($"Copied file {copy.Original.Id} to file {copy.Copy.Id} in the same folder.");

            Step("Move");
            FolderDetails subfolder = await client.Folders.CreateAsync("moved", folder.Id, cancellationToken: cancellationToken);
            FileDetails moved = await client.Files.MoveAsync(copy.Copy.Id, subfolder.Id, cancellationToken);
            Say($"Moved file {moved.Id} into subfolder '{subfolder.FolderName}' (id {subfolder.Id}).");
            Check(moved.FolderId == subfolder.Id, "the move did not take");

            Step("Download and verify");
            byte[] downloaded;
            using (var destination = new MemoryStream(FileSize))
            {
                var bar = new ConsoleProgress("download");
                await client.Files.DownloadAsync(moved.Id, destination, bar, cancellationToken);
                bar.Finish();
                downloaded = destination.ToArray();
            }

            string downloadedMd5 = Md5(downloaded);
            Check(downloadedMd5 == originalMd5 && downloaded.Length == original.Length,
                $"the downloaded bytes differ: {downloaded.Length} bytes, MD5 {downloadedMd5}; expected {original.Length} bytes, MD5 {originalMd5}");
            Say($"Downloaded {Size(downloaded.Length)}; MD5 {downloadedMd5} matches the MD5 of the bytes uploaded.");

            Step("Delete the files");
            foreach (FileId id in new[] { uploaded.FileId, moved.Id })
            {
                FileDetails deleted = await client.Files.DeleteAsync(id, cancellationToken);
                Say($"File {deleted.Id} '{deleted.FileName}' is now '{deleted.Status}'.");
            }
        }

        private void Step(string title)
        {
            Console.WriteLine();
            Console.WriteLine($"{++step}. {title}");
        }

        private static void Say(string text) => Console.WriteLine("   " + text);

        private static void Check(bool condition, string failure)
        {
            if (!condition)
            {
                throw new InvalidOperationException("Check failed: " + failure + ".");
            }
        }

        /// <summary>Whether the server's <c>hash</c> is an MD5 at all: servers that send <c>false</c> leave none (read as null or "0").</summary>
        private static bool IsMd5(string? hash) => hash is { Length: 32 } && hash.All(Uri.IsHexDigit);

#pragma warning disable CA5351 // The API reports MD5; the tour compares against it.
        private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351

        internal static string Size(long bytes, bool zeroMeansUnlimited = false) => bytes switch
        {
            0 when zeroMeansUnlimited => "unlimited",
            >= 1024 * 1024 => $"{bytes / 1024.0 / 1024.0:0.##} MiB",
            >= 1024 => $"{bytes / 1024.0:0.#} KiB",
            _ => $"{bytes} bytes",
        };
    }
}

using System.Security.Cryptography;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>The SDK's own flows, end to end over real HTTP against the fake.</summary>
public sealed class EndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MemoryStream Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return new MemoryStream(bytes);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task FileLifecycle_UploadListInfoEditMoveCopyDownloadDelete_AllReachTheFakeAndStateFollows(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        using MemoryStream content = Bytes(300_000);
        FolderDetails folder = await client.Folders.CreateAsync("Reports", cancellationToken: Ct);
        FolderDetails archive = await client.Folders.CreateAsync("Archive", cancellationToken: Ct);

        UploadedFile uploaded = await client.Files.UploadAsync(content, "q3 report.bin", folder.Id, cancellationToken: Ct);
        Assert.Equal(300_000, uploaded.Size);
        Assert.Equal(Convert.ToHexString(MD5.HashData(content.ToArray())).ToLowerInvariant(), uploaded.Hash);

        FolderListing listing = await client.Folders.ListAsync(folder.Id, Ct);
        FileDetails listed = Assert.Single(listing.Files);
        Assert.Equal("q3 report.bin", listed.FileName);
        Assert.Equal("active", listed.Status);
        Assert.Equal(folder.Id, listed.FolderId);

        FileDetails info = await client.Files.GetInfoAsync(uploaded.FileId, Ct);
        Assert.Equal(300_000, info.FileSize);
        Assert.Equal("api", info.UploadSource);
        Assert.Null(info.LastAccessed); // 0000-00-00 00:00:00 until the first download

        FileDetails renamed = await client.Files.EditAsync(uploaded.FileId, new FileChanges(FileName: "q3-final.bin"), Ct);
        Assert.Equal("q3-final.bin", renamed.FileName);

        FileDetails moved = await client.Files.MoveAsync(uploaded.FileId, archive.Id, Ct);
        Assert.Equal(archive.Id, moved.FolderId);
        Assert.Empty((await client.Folders.ListAsync(folder.Id, Ct)).Files);

        FileCopyResult copy = await client.Files.CopyAsync(uploaded.FileId, null, Ct);
        Assert.NotEqual(copy.Original.Id, copy.Copy.Id);
        Assert.Null(copy.Copy.FolderId);
        Assert.Equal("q3-final.bin", Assert.Single((await client.Folders.ListAsync(null, Ct)).Files).FileName);

        using var downloaded = new MemoryStream();
        var progress = new List<TransferProgress>();
        await client.Files.DownloadAsync(copy.Copy.Id, downloaded, new SyncProgress(progress), Ct);
        Assert.Equal(content.ToArray(), downloaded.ToArray());
        Assert.Equal(300_000, progress[^1].BytesTransferred);
        Assert.Equal(300_000, progress[^1].TotalBytes);

        FileDetails deleted = await client.Files.DeleteAsync(uploaded.FileId, Ct);
        Assert.Equal("trash", deleted.Status);
        Assert.Empty((await client.Folders.ListAsync(archive.Id, Ct)).Files);
        Assert.Equal(1, server.Journal.CountOf("file/upload"));
        Assert.Equal(1, server.Journal.CountOf(FakeUploadServer.DownloadEndpoint));
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Files_UploadFromPathAndDownloadToPath_BytesEqualAndProgressCompletes(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        string directory = Directory.CreateTempSubdirectory("fake-e2e-").FullName;
        try
        {
            string source = Path.Combine(directory, "source ünï.bin");
            byte[] bytes = Bytes(1024 * 1024, seed: 3).ToArray();
            await File.WriteAllBytesAsync(source, bytes, Ct);
            var uploadProgress = new List<TransferProgress>();

            UploadedFile file = await client.Files.UploadFileAsync(source, progress: new SyncProgress(uploadProgress), cancellationToken: Ct);

            Assert.Equal("source ünï.bin", file.Name);
            Assert.Equal(new TransferProgress(bytes.Length, bytes.Length), uploadProgress[^1]);
            string target = Path.Combine(directory, "target.bin");
            await client.Files.DownloadToFileAsync(file.FileId, target, cancellationToken: Ct);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(target, Ct));
            Assert.Equal(bytes, server.GetFileContent(file.FileId));
            Assert.Equal("1", (await client.Files.GetInfoAsync(file.FileId, Ct)).Downloads?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task FolderLifecycle_CreateEditMoveDelete_TreeFollows()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        FolderDetails parent = await client.Folders.CreateAsync("Parent", visibility: FolderVisibility.Public, accessPassword: "secret", cancellationToken: Ct);
        FolderDetails child = await client.Folders.CreateAsync("Child", parent.Id, cancellationToken: Ct);
        Assert.Equal(parent.Id, child.ParentId);
        Assert.Equal(FolderVisibility.Public, parent.Visibility);
        Assert.Equal(Convert.ToHexString(MD5.HashData("secret"u8)).ToLowerInvariant(), parent.AccessPassword);

        FolderDetails info = await client.Folders.GetInfoAsync(parent.Id, Ct);
        Assert.Equal(1, info.ChildFolderCount);

        FolderDetails edited = await client.Folders.EditAsync(child.Id, new FolderChanges(FolderName: "Renamed", Visibility: FolderVisibility.Unlisted), Ct);
        Assert.Equal("Renamed", edited.FolderName);
        Assert.Equal(FolderVisibility.Unlisted, edited.Visibility);
        Assert.NotNull(edited.DateUpdated);

        FolderDetails moved = await client.Folders.MoveAsync(child.Id, null, Ct);
        Assert.Null(moved.ParentId);
        Assert.Equal(["Parent", "Renamed"], (await client.Folders.ListAsync(null, Ct)).Folders.Select(f => f.FolderName));

        await client.Folders.DeleteAsync(parent.Id, Ct);
        Assert.Equal(["Renamed"], (await client.Folders.ListAsync(null, Ct)).Folders.Select(f => f.FolderName));
        var gone = await Assert.ThrowsAsync<UploadApiException>(() => client.Folders.GetInfoAsync(parent.Id, Ct));
        Assert.Equal(UploadErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task AccountAndPackage_DefaultAccount_ReadBackTyped()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient(server.DefaultAccount, useKeys: false);
        AccountInfo account = await client.Account.GetInfoAsync(Ct);
        AccountPackage package = await client.Account.GetPackageAsync(Ct);
        Assert.Equal(server.AccountId, account.Id);
        Assert.Equal(server.Username, account.Username);
        Assert.Equal(2, account.LevelId);
        Assert.Equal("Premium Account", package.Label);
        Assert.True(package.CanUpload);
        Assert.Equal("***", server.Journal.For("authorize")[0].Fields["password"]);
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task SessionExpiry_ExpireTokensNowMidFlow_ClientReauthorizesAndCarriesOn(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        FolderDetails folder = await client.Folders.CreateAsync("Work", cancellationToken: Ct);

        server.Faults.ExpireTokensNow();
        using MemoryStream content = Bytes(10_000);
        UploadedFile file = await client.Files.UploadAsync(content, "after-expiry.bin", folder.Id, cancellationToken: Ct);

        Assert.Equal(10_000, file.Size);
        Assert.Equal(2, server.Journal.CountOf("authorize"));
        var uploads = server.Journal.For("file/upload");
        Assert.Equal(2, uploads.Count);
        Assert.Equal("Could not validate access_token and account_id, please reauthenticate or try again.", uploads[0].ErrorMessage);
        Assert.Null(uploads[1].ErrorMessage);
    }

    [Fact]
    public async Task SessionExpiry_IdleLongerThanTimeout_TokenDroppedAndClientReauthorizes()
    {
        var clock = new ManualClock();
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { TimeProvider = clock, TokenIdleTimeout = TimeSpan.FromMinutes(60) });
        using var client = server.CreateClient();
        await client.Folders.ListAsync(cancellationToken: Ct);

        clock.Advance(TimeSpan.FromMinutes(59));
        await client.Folders.ListAsync(cancellationToken: Ct); // used within the hour: the idle clock restarts
        clock.Advance(TimeSpan.FromMinutes(59));
        await client.Folders.ListAsync(cancellationToken: Ct);
        Assert.Equal(1, server.Journal.CountOf("authorize"));

        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(0, server.ActiveTokenCount);
        await client.Folders.ListAsync(cancellationToken: Ct);
        Assert.Equal(2, server.Journal.CountOf("authorize"));
    }

    [Fact]
    public async Task SessionExpiry_ManyCallsInFlight_OneReauthorizationForAll()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        FolderDetails folder = await client.Folders.CreateAsync("Busy", cancellationToken: Ct);
        server.Faults.ExpireTokensNow();

        FolderDetails[] infos = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.Folders.GetInfoAsync(folder.Id, Ct)));

        Assert.All(infos, info => Assert.Equal("Busy", info.FolderName));
        Assert.Equal(2, server.Journal.CountOf("authorize"));
    }

    [Fact]
    public async Task TwoClientsOneAccount_EachAuthorizeKillsTheOther_BothKeepWorking()
    {
        await using var server = FakeUploadServer.Start();
        using var first = server.CreateClient();
        using var second = server.CreateClient();

        for (int round = 0; round < 3; round++)
        {
            await first.Folders.CreateAsync($"first-{round}", cancellationToken: Ct);
            await second.Folders.CreateAsync($"second-{round}", cancellationToken: Ct);
        }

        Assert.Equal(6, (await first.Folders.ListAsync(cancellationToken: Ct)).Folders.Count);
        Assert.Equal(1, server.ActiveTokenCount);
        Assert.True(server.Journal.CountOf("authorize") >= 3, "each client had to sign in again after the other replaced its token");
    }

    [Fact]
    public async Task AdminFlows_CreateEditDeleteAccount()
    {
        await using var server = FakeUploadServer.Start();
        using var admin = server.CreateClient(server.AdminAccount);

        // A user name of 6-16 characters and both names: deployed servers refuse shorter names, and fail on a missing name.
        AccountInfo created = await admin.Admin.CreateAccountAsync(new NewAccount { Username = "aliceliddell", Password = "alice-pass", Email = "alice@example.com", PackageId = 1, FirstName = "Alice", LastName = "Pleasance" }, Ct);
        Assert.Equal("aliceliddell", created.Username);
        Assert.Equal(1, created.LevelId);

        // The new account can sign in with its password.
        using (var alice = server.CreateClient(new FakeAccount { AccountId = created.Id, Username = "aliceliddell", Password = "alice-pass", Key1 = new string('x', 64), Key2 = new string('y', 64), LevelId = 1 }, useKeys: false))
        {
            Assert.Equal("Free Account", (await alice.Account.GetPackageAsync(Ct)).Label);
        }

        AccountInfo edited = await admin.Admin.EditAccountAsync(created.Id, new AccountChanges { LastName = "Liddell", PackageId = 2 }, Ct);
        Assert.Equal("Liddell", edited.LastName);
        Assert.Equal(2, edited.LevelId);
        Assert.Equal(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Journal.For("account/edit")[0].Fields["account_id"]);

        await admin.Admin.DeleteAccountAsync(created.Id, Ct);
        var missing = await Assert.ThrowsAsync<UploadApiException>(() => admin.Admin.EditAccountAsync(created.Id, new AccountChanges { Title = "Dr" }, Ct));
        Assert.Equal("Failed loading a user account with the supplied account_id.", missing.ServerMessage);
    }

    [Fact]
    public async Task AdminFlows_ListPackages_ReadsThePackagesInsideData()
    {
        await using var server = FakeUploadServer.Start();
        using var admin = server.CreateClient(server.AdminAccount);

        IReadOnlyList<AccountPackage> packages = await admin.Admin.ListPackagesAsync(Ct);

        Assert.Contains(packages, p => p.Id == 20);
        Assert.Equal([1, 2, 3, 20], packages.Select(p => p.Id));
    }

    [Fact]
    public async Task AdminFlows_CreateAccountWithoutNames_SdkSendsEmptyNames_Created()
    {
        await using var server = FakeUploadServer.Start();
        using var admin = server.CreateClient(server.AdminAccount);

        AccountInfo created = await admin.Admin.CreateAccountAsync(new NewAccount { Username = "nonames1", Password = "NewPas12", Email = "n@example.com" }, Ct);

        Assert.Equal("nonames1", created.Username);
        FakeJournalEntry sent = Assert.Single(server.Journal.For("account/create"));
        Assert.Equal("", sent.Fields["firstname"]);
        Assert.Equal("", sent.Fields["lastname"]);
    }

    [Fact]
    public async Task AdminEndpoints_UserAccount_Refused()
    {
        await using var server = FakeUploadServer.Start();
        using var client = server.CreateClient();
        var refused = await Assert.ThrowsAsync<UploadApiException>(() => client.Admin.ListPackagesAsync(Ct));
        Assert.Equal(UploadErrorKind.Forbidden, refused.Kind);
        Assert.Equal("API user must be an admin user for this endpoint.", refused.ServerMessage);
    }

    [Fact]
    public async Task Upload_ServerSendsHashFalse_HashIsNull()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadHashAsFalse = true });
        using var client = server.CreateClient();
        using MemoryStream content = Bytes(1000);

        UploadedFile file = await client.Files.UploadAsync(content, "no-hash.bin", cancellationToken: Ct);

        Assert.Null(file.Hash);
        Assert.Equal(1000, file.Size);
    }

    [Fact]
    public async Task FileLifecycle_Php8Numbers_SdkReadsEveryAnswerTyped()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { DatabaseValuesAsNumbers = true });
        using var client = server.CreateClient();
        using MemoryStream content = Bytes(50_000);

        AccountInfo account = await client.Account.GetInfoAsync(Ct);
        AccountPackage package = await client.Account.GetPackageAsync(Ct);
        FolderDetails folder = await client.Folders.CreateAsync("Numbers", visibility: FolderVisibility.Public, cancellationToken: Ct);
        UploadedFile uploaded = await client.Files.UploadAsync(content, "n.bin", folder.Id, cancellationToken: Ct);
        FileDetails info = await client.Files.GetInfoAsync(uploaded.FileId, Ct);
        FolderListing listing = await client.Folders.ListAsync(folder.Id, Ct);
        using var downloaded = new MemoryStream();
        await client.Files.DownloadAsync(uploaded.FileId, downloaded, cancellationToken: Ct);

        Assert.Equal(server.AccountId, account.Id);
        Assert.Equal(2, account.LevelId);
        Assert.Equal(1073741824, package.MaxUploadSize);
        Assert.True(package.CanUpload);
        Assert.Equal(FolderVisibility.Public, folder.Visibility);
        Assert.Equal(50_000, uploaded.Size);
        Assert.Equal(50_000, info.FileSize);
        Assert.Equal(folder.Id, info.FolderId);
        Assert.Equal(uploaded.FileId, Assert.Single(listing.Files).Id);
        Assert.Equal(content.ToArray(), downloaded.ToArray());
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Client_ServerSetsASessionCookie_NeverSentBack(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var client = server.CreateClient();
        using MemoryStream content = Bytes(100);

        await client.Folders.ListAsync(cancellationToken: Ct);
        UploadedFile file = await client.Files.UploadAsync(content, "c.bin", cancellationToken: Ct);
        await client.Files.DownloadAsync(file.FileId, new MemoryStream(), cancellationToken: Ct);
        await client.Folders.ListAsync(cancellationToken: Ct);

        Assert.Equal(6, server.Journal.Count); // authorize, listing, upload, download link, download GET, listing
        Assert.All(server.Journal, entry => Assert.False(entry.HadCookie, $"{entry.Endpoint} carried the session cookie back"));
    }

    [Fact]
    public async Task Options_ForDependencyInjection_PointAtTheFakeWithItsKeys()
    {
        await using var server = FakeUploadServer.Start();
        UploadClientOptions options = server.Options;
        Assert.Equal(server.BaseAddress, options.BaseAddress);
        Assert.Equal(server.Key1, options.Key1);
        Assert.True(options.AllowInsecureHttp);
        Assert.Empty(options.GetValidationErrors());
        Assert.DoesNotContain(server.Key1, server.DefaultAccount.ToString(), StringComparison.Ordinal);
    }

    private sealed class SyncProgress(List<TransferProgress> into) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}

using CodeGoodly.Upload.Tests.Support;

namespace CodeGoodly.Upload.Tests.Core;

/// <summary>Contract tests for the /folder/* endpoints: what reaches the server, and the record read from the vendor's sample.</summary>
public sealed class FolderContractTests
{
    private const string Md5OfSecret = "5ebe2294ecd0e0f08eab7690d2a6ee69"; // MD5("secret"), computed independently of the SDK
    private const string Md5OfUnicodePassword = "12841e4ba5e37d2fbfc78458c6714ade"; // MD5(UTF-8 "pässwörd")
    private static readonly TimeSpan Utc = TimeSpan.Zero;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_VendorSample_PostsEveryFieldWithPasswordAsMd5AndReadsFolder()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/create", VendorSamples.FolderCreate);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.CreateAsync("My New Folder", new FolderId(99), FolderVisibility.Public, "secret", Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/folder/create"], api.Paths());
        api.AssertFormPost("folder/create", ApiServer.WithSession(
            ("folder_name", "My New Folder"), ("parent_id", "99"), ("is_public", "2"), ("access_password", Md5OfSecret)));
        Assert.Equal(new FolderDetails
        {
            Id = new FolderId(125),
            ParentId = null,
            FolderName = "My New Folder",
            TotalSize = 0,
            Visibility = FolderVisibility.Public,
            AccessPassword = "d9729feb74992cc3482b350163a1a010",
            DateAdded = new DateTimeOffset(2017, 2, 18, 12, 26, 6, Utc),
            DateUpdated = null,
            UrlFolder = new Uri("http://yoursite.com/folder/125/My_New_Folder"),
            TotalDownloads = 0,
            ChildFolderCount = 0,
            FileCount = 0,
        }, folder);
    }

    [Fact]
    public async Task CreateAsync_InRootWithoutPassword_SendsBlankParentAndNoPassword()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/create", VendorSamples.FolderCreate);
        using var client = api.CreateClient();

        await client.Folders.CreateAsync("Ordner ünï", cancellationToken: Cancel);

        api.AssertFormPost("folder/create", ApiServer.WithSession(("folder_name", "Ordner ünï"), ("parent_id", string.Empty), ("is_public", "0")));
    }

    [Fact]
    public async Task ListAsync_Root_SendsBlankParentAndReadsFoldersAndFiles()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", VendorSamples.FolderListing);
        using var client = api.CreateClient();

        FolderListing listing = await client.Folders.ListAsync(cancellationToken: Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/folder/listing"], api.Paths());
        api.AssertFormPost("folder/listing", ApiServer.WithSession(("parent_folder_id", string.Empty)));
        Assert.Equal(
            [
                new FolderDetails
                {
                    Id = new FolderId(123),
                    ParentId = null,
                    FolderName = "My Folder 1",
                    TotalSize = 868689,
                    Visibility = FolderVisibility.Unlisted,
                    DateAdded = new DateTimeOffset(2017, 2, 15, 20, 2, 5, Utc),
                    DateUpdated = null,
                    UrlFolder = new Uri("http://yoursite.com/folder/123/My_Folder_1"),
                    TotalDownloads = 5864,
                    ChildFolderCount = 1,
                    FileCount = 0,
                },
                new FolderDetails { Id = new FolderId(107), ParentId = null, FolderName = "My Folder 2" },
            ],
            listing.Folders);
        Assert.Equal(
            [
                new FileDetails
                {
                    Id = new FileId(1161),
                    FileName = "button_back.gif",
                    ShortUrl = "2U1",
                    FileType = "image/gif",
                    Extension = "gif",
                    FileSize = 1116,
                    Status = "active",
                    Downloads = 5865,
                    FolderId = null,
                    Keywords = "button,back,gif",
                    UrlFile = new Uri("http://yoursite.com/2U1"),
                },
                new FileDetails { Id = new FileId(1163), FileName = "button_cancel.gif", ShortUrl = "2U3" },
            ],
            listing.Files);
    }

    [Fact]
    public async Task ListAsync_AFolder_SendsItsIdAsParentFolderId()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/listing", VendorSamples.FolderListing);
        using var client = api.CreateClient();

        await client.Folders.ListAsync(new FolderId(123), Cancel);

        api.AssertFormPost("folder/listing", ApiServer.WithSession(("parent_folder_id", "123")));
    }

    [Fact]
    public async Task GetInfoAsync_VendorSample_SendsFolderIdNotParentFolderIdAndReadsFolder()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/info", VendorSamples.FolderInfo);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.GetInfoAsync(new FolderId(123), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/folder/info"], api.Paths());
        api.AssertFormPost("folder/info", ApiServer.WithSession(("folder_id", "123")));
        Assert.Equal(new FolderDetails
        {
            Id = new FolderId(123),
            ParentId = null,
            FolderName = "My Folder 1",
            TotalSize = 868689,
            Visibility = FolderVisibility.Unlisted,
            AccessPassword = null,
            DateAdded = new DateTimeOffset(2017, 2, 15, 20, 2, 5, Utc),
            DateUpdated = null,
            UrlFolder = new Uri("http://yoursite.com/folder/123/My_Folder_1"),
            TotalDownloads = 5864,
            ChildFolderCount = 1,
            FileCount = 0,
        }, folder);
    }

    [Fact]
    public async Task EditAsync_EveryChange_PostsAllFieldsWithPasswordAsMd5AndReadsFolder()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/edit", VendorSamples.FolderEdit);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.EditAsync(new FolderId(118),
            new FolderChanges(FolderName: "My New Folder Name", ParentId: new FolderId(117), Visibility: FolderVisibility.Unlisted, AccessPassword: "pässwörd"),
            Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/folder/edit"], api.Paths());
        api.AssertFormPost("folder/edit", ApiServer.WithSession(("folder_id", "118"), ("folder_name", "My New Folder Name"), ("parent_id", "117"),
            ("is_public", "1"), ("access_password", Md5OfUnicodePassword)));
        Assert.Equal(new FolderDetails
        {
            Id = new FolderId(118),
            ParentId = new FolderId(117),
            FolderName = "My New Folder Name",
            TotalSize = 1024538,
            Visibility = FolderVisibility.Unlisted,
            AccessPassword = null,
            DateAdded = null,
            DateUpdated = null,
            UrlFolder = new Uri("http://yoursite.com/folder/118/My_New_Folder_Name"),
            TotalDownloads = 0,
            ChildFolderCount = 0,
            FileCount = 11,
        }, folder);
    }

    [Fact]
    public async Task EditAsync_OnlyTheVisibility_SendsNoOtherOptionalField()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/edit", VendorSamples.FolderEdit);
        using var client = api.CreateClient();

        await client.Folders.EditAsync(new FolderId(118), new FolderChanges(Visibility: FolderVisibility.Private), Cancel);

        api.AssertFormPost("folder/edit", ApiServer.WithSession(("folder_id", "118"), ("is_public", "0")));
    }

    [Fact]
    public async Task DeleteAsync_VendorSampleWithoutData_PostsFolderIdAndSucceeds()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/delete", VendorSamples.FolderDelete);
        using var client = api.CreateClient();

        await client.Folders.DeleteAsync(new FolderId(118), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/folder/delete"], api.Paths());
        api.AssertFormPost("folder/delete", ApiServer.WithSession(("folder_id", "118")));
    }

    [Fact]
    public async Task MoveAsync_VendorSample_PostsDestinationAndReadsFolder()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/move", VendorSamples.FolderMove);
        using var client = api.CreateClient();

        FolderDetails folder = await client.Folders.MoveAsync(new FolderId(117), new FolderId(99), Cancel);

        Assert.Equal(["/api/v2/authorize", "/api/v2/folder/move"], api.Paths());
        api.AssertFormPost("folder/move", ApiServer.WithSession(("folder_id", "117"), ("new_parent_folder_id", "99")));
        Assert.Equal(new FolderDetails { Id = new FolderId(117), ParentId = new FolderId(99), FolderName = "layered_png_files" }, folder);
    }

    [Fact]
    public async Task MoveAsync_ToRoot_SendsLiteralNull()
    {
        using var api = new ApiServer().GivenAuthorize().Given("folder/move", VendorSamples.FolderMove);
        using var client = api.CreateClient();

        await client.Folders.MoveAsync(new FolderId(117), null, Cancel);

        api.AssertFormPost("folder/move", ApiServer.WithSession(("folder_id", "117"), ("new_parent_folder_id", "null")));
    }
}

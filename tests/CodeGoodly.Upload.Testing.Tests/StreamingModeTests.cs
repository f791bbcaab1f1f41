using System.Net;
using System.Text.Json;

namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>The streaming mode (<see cref="FakeUploadStorage.Disk"/>, <see cref="FakeUploadStorage.HashOnly"/>): uploads read as they arrive, kept on disk or as their MD5.</summary>
public sealed class StreamingModeTests
{
    private const long MiB = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_DiskStorage_StoredInItsOwnTemporaryDirectoryWithMd5AndLength_DeletedOnDispose()
    {
        string parent = Directory.CreateTempSubdirectory("fake-streaming-").FullName;
        try
        {
            var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.Disk, UploadDirectory = parent });
            UploadedFile uploaded;
            await using (server)
            {
                using var client = server.CreateClient();
                uploaded = await client.Files.UploadAsync(new Pattern.Stream(3 * MiB + 5), "three.bin", cancellationToken: Ct);

                string md5 = Pattern.Md5(0, 3 * MiB + 5);
                Assert.Equal(md5, uploaded.Hash);
                Assert.Equal(md5, server.GetFileMd5(uploaded.FileId));
                Assert.Equal(3 * MiB + 5, server.GetFileLength(uploaded.FileId));
                Assert.Equal(Pattern.Bytes(0, (int)(3 * MiB + 5)), server.GetFileContent(uploaded.FileId));
                string stored = Assert.Single(Directory.GetFiles(parent, "*", SearchOption.AllDirectories));
                Assert.Equal(3 * MiB + 5, new FileInfo(stored).Length);
                Assert.Equal(FakeUploadStorage.Disk, server.UploadStorage);
            }

            Assert.Empty(Directory.GetFileSystemEntries(parent));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task Upload_StreamingMode_JournalKeepsFieldsMaskedFileNameSizeAndContentLength()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.HashOnly });
        using var client = server.CreateClient();
        FolderDetails folder = await client.Folders.CreateAsync("in", cancellationToken: Ct);

        await client.Files.UploadAsync(new Pattern.Stream(MiB), "отчёт ✓.bin", folder.Id, cancellationToken: Ct);

        FakeJournalEntry entry = Assert.Single(server.Journal.For("file/upload"));
        Assert.Equal("отчёт ✓.bin", entry.FileName);
        Assert.Equal(MiB, entry.FileSize);
        Assert.True(entry.HadContentLength);
        Assert.True(entry.RequestContentLength > MiB);
        Assert.Equal("***", entry.Fields["access_token"]);
        Assert.Equal(folder.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Fields["folder_id"]);
        Assert.Equal(200, entry.StatusCode);
        Assert.DoesNotContain(server.Key1, JsonSerializer.Serialize(server.Journal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_HashOnly_KeepsLengthAndMd5ButNotTheBytes_DownloadLinkAnswers404()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.HashOnly });
        using var client = server.CreateClient(o => o.MaxRetries = 0);
        UploadedFile uploaded = await client.Files.UploadAsync(new Pattern.Stream(2 * MiB), "gone.bin", cancellationToken: Ct);

        Assert.Equal(Pattern.Md5(0, 2 * MiB), server.GetFileMd5(uploaded.FileId));
        Assert.Equal(2 * MiB, server.GetFileLength(uploaded.FileId));
        Assert.Null(server.GetFileContent(uploaded.FileId));
        Assert.Null(server.OpenFileContent(uploaded.FileId));
        Assert.False(Assert.Single(server.Files).HasContent);
        var error = await Assert.ThrowsAsync<UploadApiException>(() => client.Files.DownloadAsync(uploaded.FileId, Stream.Null, cancellationToken: Ct));
        Assert.Equal(UploadErrorKind.NotFound, error.Kind);
        Assert.Equal(404, Assert.Single(server.Journal.For(FakeUploadServer.DownloadEndpoint)).StatusCode);
    }

    [Fact]
    public async Task Upload_StreamingModeRefusedByTheApi_TheTemporaryFileGoesAtOnce()
    {
        string parent = Directory.CreateTempSubdirectory("fake-streaming-").FullName;
        try
        {
            await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.Disk, UploadDirectory = parent });
            using var raw = new Raw(server);

            JsonElement answer = await raw.UploadRawAsync(("not-a-token", server.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "filename=\"x.bin\"", Pattern.Bytes(0, 100_000));

            Assert.Equal("Could not validate access_token and account_id, please reauthenticate or try again.", answer.GetProperty("response").GetString());
            Assert.Empty(server.Files);
            Assert.Empty(Directory.GetFiles(parent, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Theory]
    [InlineData(FakeUploadStorage.Memory)]
    [InlineData(FakeUploadStorage.Disk)]
    public async Task Upload_OtherFilePartsAndFieldsAfterTheFile_OnlyUploadFileIsStoredAndLateFieldsCount(FakeUploadStorage storage)
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = storage });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        using var form = new MultipartFormDataContent("b0undary")
        {
            { new ByteArrayContent([9, 9]), "other_file", "other.bin" },
            { new StringContent(session.Token), "access_token" },
            { new ByteArrayContent([1, 2, 3]), "upload_file", "wanted.bin" },
            { new StringContent(session.AccountId), "account_id" }, // after the file: PHP reads the whole body first
        };

        using HttpResponseMessage response = await raw.Http.PostAsync(new Uri(server.BaseAddress, "file/upload"), form, Ct);
        JsonElement item = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("data")[0];

        Assert.Equal("wanted.bin", item.GetProperty("name").GetString());
        FakeFile stored = Assert.Single(server.Files);
        Assert.Equal(3, stored.Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, server.GetFileContent(stored.Id));
    }

    [Fact]
    public async Task Upload_MalformedMultipartInStreamingMode_DidNotReceiveUploadedFile()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.Disk });
        using var raw = new Raw(server);
        var session = await raw.AuthorizeAsync();
        using var body = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"upload_file\"; filename=\"cut.bin\"\r\n\r\nno closing boundary"u8.ToArray());
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using HttpResponseMessage response = await raw.Http.PostAsync(new Uri(server.BaseAddress, $"file/upload?access_token={session.Token}&account_id={session.AccountId}"), body, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Did not receive uploaded file.", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("response").GetString());
        Assert.Empty(server.Files);
    }

    [Fact]
    public async Task Upload_ExpiredTokenAsTheUploadArrives_StreamingFakeRefusesAndTheSdkSignsInAndSendsAgain()
    {
        await using var server = FakeUploadServer.Start(new FakeUploadServerOptions { UploadStorage = FakeUploadStorage.HashOnly });
        using var client = server.CreateClient();
        await client.Account.GetInfoAsync(Ct);
        server.Faults.BeforeNext("file/upload", () => server.Faults.ExpireTokensNow());

        UploadedFile uploaded = await client.Files.UploadAsync(new Pattern.Stream(MiB), "again.bin", cancellationToken: Ct);

        Assert.Equal(Pattern.Md5(0, MiB), uploaded.Hash);
        Assert.Equal(["BeforeNext", null], server.Journal.For("file/upload").Select(e => e.Fault));
        Assert.Equal("Could not validate access_token and account_id, please reauthenticate or try again.", server.Journal.For("file/upload")[0].ErrorMessage);
        Assert.Equal(2, server.Journal.CountOf("authorize"));
        Assert.Single(server.Files);
    }
}

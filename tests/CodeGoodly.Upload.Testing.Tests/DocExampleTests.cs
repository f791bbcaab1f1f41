// The example of docs/fake-server.md, compiled and run: keep the two in step.
namespace CodeGoodly.Upload.Testing.Tests;

/// <summary>Code under test: publishes reports into a "Reports" folder, creating it once.</summary>
public sealed class ReportPublisher(IUploadClient client)
{
    public async Task<UploadedFile> PublishAsync(string name, byte[] content, CancellationToken cancellationToken = default)
    {
        FolderListing root = await client.Folders.ListAsync(cancellationToken: cancellationToken);
        FolderDetails reports = root.Folders.FirstOrDefault(f => f.FolderName == "Reports")
            ?? await client.Folders.CreateAsync("Reports", cancellationToken: cancellationToken);
        using var stream = new MemoryStream(content);
        return await client.Files.UploadAsync(stream, name, reports.Id, cancellationToken: cancellationToken);
    }
}

public sealed class ReportPublisherTests
{
    [Fact]
    public async Task Publish_UploadsIntoTheReportsFolder_AndSurvivesAnExpiredSessionAndABusyProxy()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();        // signs in as server.DefaultAccount with its keys
        var publisher = new ReportPublisher(client);

        await publisher.PublishAsync("q3.pdf", [1, 2, 3], ct);
        server.Faults.ExpireTokensNow()                            // the server forgets every token,
            .FailNext("file/upload", statusCode: 503);             // and a proxy turns the next upload away
        UploadedFile q4 = await publisher.PublishAsync("q4.pdf", [4, 5, 6], ct);

        // What the user sees:
        FolderListing root = await client.Folders.ListAsync(cancellationToken: ct);
        FolderDetails reports = Assert.Single(root.Folders);
        FolderListing inside = await client.Folders.ListAsync(reports.Id, ct);
        Assert.Equal(["q3.pdf", "q4.pdf"], inside.Files.Select(f => f.FileName));
        Assert.Equal(new byte[] { 4, 5, 6 }, server.GetFileContent(q4.FileId));

        // What reached the server, without secrets:
        Assert.Equal(1, server.Journal.CountOf("folder/create"));
        Assert.Equal(2, server.Journal.CountOf("authorize"));      // the expired session was renewed once
        Assert.Equal("FailNext(503)", server.Journal.For("file/upload")[1].Fault);
        Assert.Equal("***", server.Journal.For("authorize")[0].Fields["key1"]);
    }
}

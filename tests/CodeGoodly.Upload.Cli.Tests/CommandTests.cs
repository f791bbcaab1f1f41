using System.Text.Json.Nodes;
using CodeGoodly.Upload.Testing;
using Spectre.Console.Testing;

namespace CodeGoodly.Upload.Cli.Tests;

public sealed class CommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Help_DocumentsEveryCommandAndTheExitCodes()
    {
        CliResult help = await CliRun.RunAsync(null, new TestConsole().Width(120), [], Ct, "--help");

        Assert.Equal(0, help.ExitCode);
        foreach (string command in new[] { "ls", "tree", "put", "get", "mkdir", "mv", "cp", "rm", "info", "link", "account", "login" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", help.Output);
        }

        Assert.Contains("EXIT CODES:", help.Output, StringComparison.Ordinal);
        foreach (string code in new[] { "0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "130 " })
        {
            Assert.Matches($@"(?m)^\s+{code}\s*\w", help.Output);
        }
    }

    [Fact]
    public async Task Ls_Json_ListsFoldersAndFilesWithIdsAndPaths()
    {
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        FolderDetails backups = await client.Folders.CreateAsync("backups", cancellationToken: Ct);
        await client.Folders.CreateAsync("2026", backups.Id, cancellationToken: Ct);
        UploadedFile file = await client.Files.UploadAsync(new MemoryStream([1, 2, 3]), "日本語.txt", backups.Id, cancellationToken: Ct);

        CliResult ls = await CliRun.RunAsync(server, "ls", "/backups", "--json");

        Assert.Equal(0, ls.ExitCode);
        JsonNode listing = JsonNode.Parse(ls.Output)!;
        Assert.Equal("/backups/2026", listing["folders"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("日本語.txt", listing["files"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(file.FileId.Value, listing["files"]![0]!["id"]!.GetValue<long>());
        Assert.Equal(3, listing["files"]![0]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Ls_AnAmbiguousPath_ExitsUsageAndListsTheCandidates()
    {
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        FolderDetails first = await client.Folders.CreateAsync("twin", cancellationToken: Ct);
        FolderDetails second = await client.Folders.CreateAsync("twin", cancellationToken: Ct);

        CliResult ls = await CliRun.RunAsync(server, "ls", "/twin");

        Assert.Equal(2, ls.ExitCode);
        Assert.Contains("'/twin' is ambiguous", ls.Error, StringComparison.Ordinal);
        Assert.Contains($"folder:{first.Id}", ls.Error, StringComparison.Ordinal);
        Assert.Contains($"folder:{second.Id}", ls.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRun.RunAsync(server, "ls", $"folder:{second.Id}")).ExitCode);
    }

    [Fact]
    public async Task Ls_AMissingPath_ExitsNotFound()
    {
        await using var server = FakeUploadServer.Start();

        CliResult ls = await CliRun.RunAsync(server, "ls", "/no/such/folder");

        Assert.Equal(3, ls.ExitCode);
        Assert.Contains("Not found: /no/such/folder", ls.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_WrongKeys_ExitsAuthenticationWithoutPrintingTheKeys()
    {
        await using var server = FakeUploadServer.Start();
        Dictionary<string, string> environment = CliRun.Credentials(server);
        string wrongKey = new('w', 64);
        environment["CODEGOODLY_UPLOAD_KEY1"] = wrongKey;

        CliResult account = await CliRun.RunAsync(server, new TestConsole().Width(250), environment, Ct, "account");

        Assert.Equal(4, account.ExitCode);
        Assert.Contains("Could not authenticate user", account.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, account.Error + account.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Key2, account.Error + account.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_NoCredentialsAnywhere_ExitsAuthenticationAndSaysHowToSignIn()
    {
        var environment = new Dictionary<string, string> { ["CODEGOODLY_UPLOAD_PROFILE"] = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "profile.json") };

        CliResult account = await CliRun.RunAsync(null, new TestConsole().Width(250), environment, Ct, "account");

        Assert.Equal(4, account.ExitCode);
        Assert.Contains("cgupload login", account.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_UnknownOption_ExitsUsage()
    {
        await using var server = FakeUploadServer.Start();

        CliResult ls = await CliRun.RunAsync(server, "ls", "--colour");

        Assert.Equal(2, ls.ExitCode);
        Assert.Empty(server.Journal);
    }

    [Fact]
    public async Task Login_AtATerminal_ChecksTheKeysSavesAnOwnerOnlyProfileAndNeverPrintsThem()
    {
        await using var server = FakeUploadServer.Start();
        string directory = Path.Combine(Path.GetTempPath(), "cg-login-" + Guid.NewGuid().ToString("N"));
        string profile = Path.Combine(directory, "cgupload", "profile.json");
        var environment = new Dictionary<string, string> { ["CODEGOODLY_UPLOAD_PROFILE"] = profile };
        var console = new TestConsole().Width(250).Interactive();
        console.Input.PushTextWithEnter(server.Key1);
        console.Input.PushTextWithEnter(server.Key2);
        try
        {
            CliResult login = await CliRun.RunAsync(null, console, environment, Ct, "login", "--base-address", server.BaseAddress.AbsoluteUri, "--allow-insecure-http");
            CliResult account = await CliRun.RunAsync(null, new TestConsole().Width(250), environment, Ct, "account", "--json");

            Assert.Equal(0, login.ExitCode);
            Assert.Contains("Signed in as demo", login.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Key1, login.Output + login.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Key2, login.Output + login.Error, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profile));
            }

            Assert.Equal(0, account.ExitCode);
            Assert.Equal("demo", JsonNode.Parse(account.Output)!["username"]!.GetValue<string>());
            Assert.Equal(2, server.Journal.CountOf("authorize"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Login_WrongKeys_ExitsAuthenticationAndSavesNothing()
    {
        await using var server = FakeUploadServer.Start();
        string profile = Path.Combine(Path.GetTempPath(), "cg-login-" + Guid.NewGuid().ToString("N"), "profile.json");
        var console = new TestConsole().Width(250).Interactive();
        console.Input.PushTextWithEnter(new string('a', 64));
        console.Input.PushTextWithEnter(new string('b', 64));

        CliResult login = await CliRun.RunAsync(null, console, new() { ["CODEGOODLY_UPLOAD_PROFILE"] = profile }, Ct,
            "login", "--base-address", server.BaseAddress.AbsoluteUri, "--allow-insecure-http");

        Assert.Equal(4, login.ExitCode);
        Assert.False(File.Exists(profile));
    }

    [Fact]
    public async Task MkdirMvCpRmInfoLink_WorkOnPathsAndIds()
    {
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        UploadedFile file = await client.Files.UploadAsync(new MemoryStream([1, 2, 3, 4]), "q3.pdf", cancellationToken: Ct);

        Assert.Equal(0, (await CliRun.RunAsync(server, "mkdir", "-p", "/reports/2026")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(server, "mv", "/q3.pdf", "/reports/2026")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(server, "mv", $"file:{file.FileId}", "/reports/2026/q3-final.pdf")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(server, "cp", "/reports", "/archive")).ExitCode);
        CliResult info = await CliRun.RunAsync(server, "info", "/archive/2026/q3-final.pdf", "--json");
        CliResult link = await CliRun.RunAsync(server, "link", "/reports/2026/q3-final.pdf");
        CliResult rmRefused = await CliRun.RunAsync(server, "rm", "/archive");
        CliResult rm = await CliRun.RunAsync(server, "rm", "-r", "/archive");
        CliResult gone = await CliRun.RunAsync(server, "ls", "/archive");

        Assert.Equal(0, info.ExitCode);
        JsonNode details = JsonNode.Parse(info.Output)!;
        Assert.Equal("q3-final.pdf", details["name"]!.GetValue<string>());
        Assert.NotEqual(file.FileId.Value, details["id"]!.GetValue<long>()); // a copy
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, server.GetFileContent(new FileId(details["id"]!.GetValue<long>())));
        Assert.Equal(0, link.ExitCode);
        Assert.StartsWith(server.SiteAddress.AbsoluteUri, link.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal(2, rmRefused.ExitCode);
        Assert.Equal(0, rm.ExitCode);
        Assert.Equal(3, gone.ExitCode);
        FileDetails moved = await client.Files.GetInfoAsync(file.FileId, Ct);
        Assert.Equal("q3-final.pdf", moved.FileName);
    }

    [Fact]
    public async Task Tree_ShowsEveryFolderAndFile()
    {
        await using var server = FakeUploadServer.Start();
        using UploadClient client = server.CreateClient();
        FolderDetails a = await client.Folders.CreateAsync("alpha", cancellationToken: Ct);
        FolderDetails b = await client.Folders.CreateAsync("beta", a.Id, cancellationToken: Ct);
        await client.Files.UploadAsync(new MemoryStream([1]), "deep.txt", b.Id, cancellationToken: Ct);

        CliResult tree = await CliRun.RunAsync(server, "tree", "/");

        Assert.Equal(0, tree.ExitCode);
        Assert.Contains("alpha/", tree.Output, StringComparison.Ordinal);
        Assert.Contains("beta/", tree.Output, StringComparison.Ordinal);
        Assert.Contains("deep.txt", tree.Output, StringComparison.Ordinal);
        Assert.Contains("2 folders, 1 files", tree.Output, StringComparison.Ordinal);
    }
}

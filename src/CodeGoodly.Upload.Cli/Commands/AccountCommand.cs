using System.Text.Json.Nodes;
using CodeGoodly.Upload.Cli.Output;
using CodeGoodly.Upload.Cli.Remote;
using Spectre.Console;

namespace CodeGoodly.Upload.Cli.Commands;

/// <summary><c>account</c>: who is signed in, and what the package allows.</summary>
internal sealed class AccountCommand(CliHost host) : ClientCommand<CommonSettings>(host)
{
    protected override async Task<int> RunAsync(IUploadClient client, RemoteResolver resolver, CommonSettings settings, CancellationToken cancellationToken)
    {
        AccountInfo account = await client.Account.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        AccountPackage package = await client.Account.GetPackageAsync(cancellationToken).ConfigureAwait(false);
        var json = new JsonObject
        {
            ["id"] = account.Id,
            ["username"] = account.Username,
            ["email"] = account.Email,
            ["levelId"] = account.LevelId,
            ["status"] = account.Status,
            ["package"] = package.Label,
            ["maxUploadSize"] = package.MaxUploadSize,
            ["canUpload"] = package.CanUpload,
            ["maxStorageBytes"] = package.MaxStorageBytes,
            ["concurrentUploads"] = package.ConcurrentUploads,
            ["concurrentDownloads"] = package.ConcurrentDownloads,
        };
        if (settings.Json)
        {
            JsonOutput.Write(Out, json);
            return ExitCodes.Ok;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach ((string key, JsonNode? value) in json)
        {
            grid.AddRow(new Text(key, new Style(Color.Grey)), new Text(value?.ToString() ?? string.Empty));
        }

        Out.Write(grid);
        return ExitCodes.Ok;
    }
}

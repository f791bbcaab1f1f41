using System.Runtime.InteropServices;
using CodeGoodly.Upload;
using CodeGoodly.Upload.Consumers;

// Runs the upload flow, compiled ahead of time, against a server in another process (run.sh starts FakeHost for it).
// The server and keys come from --base-address/--key1/--key2 or, as the quickstart reads them, from
// CODEGOODLY_UPLOAD_BASEADDRESS, CODEGOODLY_UPLOAD_KEY1 and CODEGOODLY_UPLOAD_KEY2.
string? Setting(string option, string variable)
{
    int at = Array.IndexOf(args, option);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : Environment.GetEnvironmentVariable(variable);
}

string? baseAddress = Setting("--base-address", "CODEGOODLY_UPLOAD_BASEADDRESS");
string? key1 = Setting("--key1", "CODEGOODLY_UPLOAD_KEY1");
string? key2 = Setting("--key2", "CODEGOODLY_UPLOAD_KEY2");
if (baseAddress is null || key1 is null || key2 is null)
{
    Console.Error.WriteLine("usage: CodeGoodly.Upload.Consumers.Aot --base-address URL --key1 KEY --key2 KEY (or CODEGOODLY_UPLOAD_BASEADDRESS, _KEY1, _KEY2)");
    return 2;
}

Console.WriteLine($"consumer on {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), "
    + $"native AOT: {!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported}");
var server = new Uri(baseAddress);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
await using var client = new UploadClient(new UploadClientOptions
{
    BaseAddress = server,
    Key1 = key1,
    Key2 = key2,
    AllowInsecureHttp = server.IsLoopback, // the fake listens on plain http on 127.0.0.1
});
int failures = await UploadFlow.RunAsync(client, Console.Out, cancellationToken: timeout.Token);
Console.WriteLine(failures == 0 ? "flow passed" : $"flow FAILED: {failures} checks");
return failures == 0 ? 0 : 1;
